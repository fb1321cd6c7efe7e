package dev.spendgate.engine.opa.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds the real {@code opa} binary the integration tests run: {@code $SPENDGATE_OPA}, then
 * {@code opa} on the PATH, then {@code ~/go/bin/opa}. When there is none the tests fail with how
 * to install it; they never skip, on CI or anywhere else.
 */
public final class OpaBinary {

    /** The OPA version the project pins; {@code bin/ensure-opa} installs it. */
    public static final String PINNED = "v1.10.1";

    public static final String HOW_TO_INSTALL = "run bin/ensure-opa (it does `go install github.com/open-policy-agent/opa@"
            + PINNED + "` and prints the binary's path), or set SPENDGATE_OPA to an opa binary";

    private static volatile Path found;

    private OpaBinary() {
    }

    /** The opa binary; fails the calling test when there is none. */
    public static Path path() {
        Path p = found;
        if (p == null) {
            p = find();
            found = p;
        }
        return p;
    }

    private static Path find() {
        List<String> tried = new ArrayList<>();
        String env = System.getenv("SPENDGATE_OPA");
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env);
            if (Files.isExecutable(p)) {
                return p;
            }
            throw new AssertionError("SPENDGATE_OPA=" + env + " is not an executable file; " + HOW_TO_INSTALL);
        }
        tried.add("$SPENDGATE_OPA (unset)");
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path p = Path.of(dir, "opa");
                if (Files.isExecutable(p) && Files.isRegularFile(p)) {
                    return p;
                }
            }
        }
        tried.add("opa on the PATH");
        Path go = Path.of(System.getProperty("user.home"), "go", "bin", "opa");
        if (Files.isExecutable(go)) {
            return go;
        }
        tried.add(go.toString());
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        throw new AssertionError("the OPA integration tests need the opa binary and found none (tried "
                + String.join(", ", tried) + ")" + (ci ? " on CI" : "") + ": " + HOW_TO_INSTALL);
    }

    /**
     * Runs {@code opa args...} to completion.
     *
     * @return its exit code and combined output
     */
    public static Run run(Path workDir, String... args) {
        List<String> command = new ArrayList<>();
        command.add(path().toString());
        command.addAll(List.of(args));
        try {
            Path log = Files.createTempFile("opa-", ".log");
            try {
                Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
                if (!p.waitFor(5, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    throw new AssertionError("opa " + String.join(" ", args) + " did not finish within 5 minutes");
                }
                return new Run(p.exitValue(), Files.readString(log));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** What a finished {@code opa} command gave. */
    public record Run(int exitCode, String output) {
    }
}
