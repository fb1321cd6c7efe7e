package dev.spendgate.watch;

import dev.spendgate.error.SpendgateException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The {@code --state} file of a watch run, held under a lock for the whole run so that two runs
 * (two scheduled pipelines, a retry beside a slow run) never interleave: the lock is an OS lock
 * on {@code FILE.lock}, released when the run ends or dies. Every save writes a new file beside
 * the old one, forces it to disk and moves it over the old one atomically, so a run killed at any
 * point leaves either the old state or the new one, never half of one.
 */
public final class StateFile implements AutoCloseable {

    /** The error code of a state file another run holds (exit 4). */
    public static final String LOCKED = "state_locked";

    private final Path file;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final AlertState state;

    private StateFile(Path file, FileChannel lockChannel, FileLock lock, AlertState state) {
        this.file = file;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.state = state;
    }

    /**
     * Takes the lock (waiting up to {@code wait} for another run to finish) and reads the state.
     *
     * @throws SpendgateException {@link #LOCKED} when another run still holds it, or an
     *                            {@code InvalidInputException} when the file is corrupt
     */
    public static StateFile open(Path file, String display, Duration wait) throws SpendgateException, IOException {
        Path absolute = file.toAbsolutePath();
        if (absolute.getParent() != null) {
            Files.createDirectories(absolute.getParent());
        }
        Path lockFile = absolute.resolveSibling(absolute.getFileName() + ".lock");
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = acquire(channel, wait);
            if (lock == null) {
                throw new SpendgateException(LOCKED, display + ": the alert state is locked by another watch run "
                        + "(" + lockFile.getFileName() + "); waited " + wait.toSeconds() + " s");
            }
            removeLeftovers(absolute);
            AlertState state = AlertState.read(absolute, display);
            return new StateFile(absolute, channel, lock, state);
        } catch (SpendgateException | IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Deletes the temporary files a killed run left beside the state (this run holds the lock). */
    private static void removeLeftovers(Path file) throws IOException {
        String prefix = "." + file.getFileName();
        try (java.util.stream.Stream<Path> siblings = Files.list(file.getParent())) {
            for (Path p : siblings.toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith(prefix) && n.endsWith(".tmp")) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static FileLock acquire(FileChannel channel, Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return lock;
                }
            } catch (OverlappingFileLockException e) {
                // held by this very process (another run in the same JVM): wait like for any other
            }
            if (System.nanoTime() >= deadline) {
                return null;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    /** The state as read when the file was opened, changed by the run as it delivers. */
    public AlertState state() {
        return state;
    }

    /** Writes the state atomically: a new file forced to disk, then moved over the old one. */
    public void save() throws IOException {
        byte[] bytes = state.toJson().getBytes(StandardCharsets.UTF_8);
        Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            // the new file is beside the old one, so the move is a rename: atomic on every local file system
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            lockChannel.close();
        }
    }
}
