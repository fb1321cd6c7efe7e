package dev.spendgate.engine.opa.testing;

import dev.spendgate.policy.Pack;
import dev.spendgate.policy.bundle.BundleWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code opa run --server} on a free port of 127.0.0.1, serving a bundle, with decision
 * logging on (so answers carry a {@code decision_id}); its log goes to a file. Close it (or
 * {@link #kill()} it to play a server that dies).
 */
public final class OpaServer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;
    private final boolean tls;

    private OpaServer(Process process, int port, Path log, boolean tls) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.tls = tls;
    }

    /** A server with the bundle of {@code packs} written to {@code dir}. */
    public static OpaServer withPacks(List<Pack> packs, Path dir, String... extraArgs) {
        Path bundle = dir.resolve("bundle.tar.gz");
        try (OutputStream out = Files.newOutputStream(bundle)) {
            BundleWriter.write(packs, "test-revision", out);
        } catch (Exception e) {
            throw new AssertionError("cannot write the bundle: " + e, e);
        }
        return start(bundle, extraArgs);
    }

    /** A server with {@code bundle} (a .tar.gz or a folder), ready to answer. */
    public static OpaServer start(Path bundle, String... extraArgs) {
        return start(List.of(bundle), extraArgs);
    }

    /** A server with {@code bundles} (each a .tar.gz or a folder), ready to answer. */
    public static OpaServer start(List<Path> bundles, String... extraArgs) {
        AssertionError last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(OpaBinary.path().toString(), "run", "--server",
                    "--addr", "127.0.0.1:" + port, "--log-level", "error", "--set", "decision_logs.console=true"));
            command.addAll(List.of(extraArgs));
            command.add("--bundle");
            bundles.forEach(b -> command.add(b.toString()));
            try {
                Path log = Files.createTempFile("opa-server-", ".log");
                Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
                OpaServer server = new OpaServer(p, port, log, command.contains("--tls-cert-file"));
                try {
                    server.awaitReady();
                    return server;
                } catch (AssertionError e) {
                    server.close();
                    last = e;
                }
            } catch (IOException e) {
                throw new AssertionError("cannot start " + command + ": " + e, e);
            }
        }
        throw last;
    }

    /** {@code http://127.0.0.1:<port>} ({@code https} when started with a certificate). */
    public String url() {
        return (tls ? "https" : "http") + "://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** What the server wrote (decision logs, errors). */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** Kills the process at once, as a crash would, and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // a temp file
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("opa exited with " + process.exitValue() + " before it was ready:\n" + log());
            }
            try {
                if (tls) {
                    // OPA listens once its bundles are loaded; the test's client checks the rest
                    new java.net.Socket(InetAddress.getLoopbackAddress(), port).close();
                    return;
                }
                HttpURLConnection c = (HttpURLConnection) URI.create(url() + "/health?bundles").toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(2000);
                int status = c.getResponseCode();
                c.disconnect();
                if (status == 200 || status == 401) { // 401: ready, behind an authorization policy
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        throw new AssertionError("opa was not ready within 30 s:\n" + log());
    }

    /** A port nothing listens on now (bind to 0, close); the caller retries if it is taken meanwhile. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError("no free port: " + e, e);
        }
    }
}
