package dev.spendgate.input;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The folder that code hosts name files from, and the folder a run's own paths are written from.
 * Messages and the text and JSON reports name a file as the run was given it (relative to its
 * working folder, {@code -C DIR}); the formats that a code host places on lines (SARIF, GitLab Code
 * Quality, GitHub annotations, links to the head commit) name it relative to this root: the top
 * folder of the git repository around the working folder, or an explicit {@code --source-root}.
 * Immutable.
 */
public final class SourceRoot {

    /** {@code <commit>:<path>}: a file of the repository as a commit has it (the trusted policy of a base revision). */
    private static final Pattern AT_COMMIT = Pattern.compile("[0-9a-f]{7,40}:(?!//)(.+)");

    private final Path root;
    private final Path workDir;

    private SourceRoot(Path root, Path workDir) {
        this.root = canonical(root);
        this.workDir = canonical(workDir);
    }

    /**
     * The root for a run in {@code workDir}: {@code explicit} when given (a relative one from
     * {@code workDir}, as {@code -C DIR} finds every other path), else the top folder of the git repository {@code workDir} lies in, else the
     * process's working folder.
     */
    public static SourceRoot find(Path workDir, Path explicit) {
        Objects.requireNonNull(workDir, "workDir == null");
        Path dir = workDir.toAbsolutePath().normalize();
        if (explicit != null) {
            return new SourceRoot(dir.resolve(explicit), dir);
        }
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) {
                return new SourceRoot(p, dir);
            }
        }
        return new SourceRoot(Path.of("").toAbsolutePath(), dir);
    }

    /** Paths named from the process's working folder, which is also the root: no repository lookup. */
    public static SourceRoot workingFolder() {
        Path here = Path.of("").toAbsolutePath();
        return new SourceRoot(here, here);
    }

    /** The root, absolute. */
    public Path root() {
        return root;
    }

    /** The root as a {@code file:} URI ending in {@code /}, for SARIF's {@code originalUriBaseIds}. */
    public String rootUri() {
        String uri = root.toUri().toString();
        return uri.endsWith("/") ? uri : uri + "/";
    }

    /**
     * {@code file} (as a run names it: relative to the working folder, absolute, or
     * {@code <commit>:<path>}) relative to the root, with forward slashes; empty when it lies outside.
     */
    public Optional<String> relative(String file) {
        Matcher m = AT_COMMIT.matcher(file);
        if (m.matches()) {
            return Optional.of(m.group(1));
        }
        Path p = absolute(file);
        if (p == null || !p.startsWith(root)) {
            return Optional.empty();
        }
        return Optional.of(DisplayPath.of(root.relativize(p)).text());
    }

    /** {@code file} relative to the root, or as given when it lies outside (a code host then cannot place it). */
    public String display(String file) {
        return relative(file).orElse(DisplayPath.of(file).text());
    }

    /**
     * {@code file} as a URI reference: relative to the root (percent-encoded where a URI needs it),
     * else an absolute {@code file:} URI; empty when it names no file on this machine (a policy
     * repository's {@code URL@commit:path}).
     */
    public Optional<String> uri(String file) {
        Optional<String> relative = relative(file);
        if (relative.isPresent()) {
            try {
                return Optional.of(new URI(null, null, relative.get(), null).getRawPath());
            } catch (URISyntaxException e) {
                return Optional.empty();
            }
        }
        Path p = absolute(file);
        return p == null ? Optional.empty() : Optional.of(p.toUri().toString());
    }

    private Path absolute(String file) {
        if (file.contains("@") && file.contains(":") && !file.startsWith("/")) {
            return null; // URL@commit:path of a policy repository
        }
        try {
            return canonical(workDir.resolve(file));
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    /** Absolute, normalised, with symbolic links resolved when the file exists (so /tmp and /private/tmp agree). */
    private static Path canonical(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        try {
            return Files.exists(abs) ? abs.toRealPath() : abs;
        } catch (IOException e) {
            return abs;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourceRoot s && s.root.equals(root) && s.workDir.equals(workDir);
    }

    @Override
    public int hashCode() {
        return Objects.hash(root, workDir);
    }

    @Override
    public String toString() {
        return "SourceRoot[" + root + ", work folder " + workDir + "]";
    }
}
