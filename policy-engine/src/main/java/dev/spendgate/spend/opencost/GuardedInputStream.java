package dev.spendgate.spend.opencost;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A response body with two limits: at most {@code maxBytes}, and no more than {@code idle} without a
 * byte. The HTTP client's own timeout ends when the headers arrive; a server that then stalls would
 * hang the read, so a watchdog closes the stream, which wakes the reader. Which limit struck is
 * asked afterwards ({@link #tooLarge()}, {@link #stalled()}): the JSON parser wraps the failure.
 */
final class GuardedInputStream extends FilterInputStream {

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "spendgate-opencost-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final long maxBytes;
    private final long idleNanos;
    private final ScheduledFuture<?> watch;
    private long count;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean stalled;
    private volatile boolean tooLarge;

    GuardedInputStream(InputStream in, long maxBytes, Duration idle) {
        super(in);
        this.maxBytes = maxBytes;
        this.idleNanos = idle.toNanos();
        long period = Math.max(10, idle.toMillis() / 4);
        this.watch = WATCHDOG.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    /** True when the body grew past its limit. */
    boolean tooLarge() {
        return tooLarge;
    }

    /** True when the server stopped sending for longer than the idle limit. */
    boolean stalled() {
        return stalled;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (stalled) {
            throw new IOException("no data for " + idleNanos / 1_000_000 + " ms");
        }
        if (n > 0) {
            lastProgress = System.nanoTime();
            count += n;
            if (count > maxBytes) {
                tooLarge = true;
                throw new IOException("more than " + maxBytes + " bytes");
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(Math.max(n, 0), 8192)];
        return buffer.length == 0 ? 0 : Math.max(0, read(buffer, 0, buffer.length));
    }

    @Override
    public void close() throws IOException {
        watch.cancel(false);
        super.close();
    }

    private void check() {
        if (System.nanoTime() - lastProgress > idleNanos) {
            stalled = true;
            watch.cancel(false);
            try {
                in.close();
            } catch (IOException e) {
                // the reader sees the stream end or fail, and asks stalled()
            }
        }
    }
}
