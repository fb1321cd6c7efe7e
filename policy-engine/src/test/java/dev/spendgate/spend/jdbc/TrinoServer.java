package dev.spendgate.spend.jdbc;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real Trino server for a test class: one coordinator on 127.0.0.1 at a free port with the memory
 * connector as catalog {@code memory}, started from {@code $SPENDGATE_TRINO} (the folder
 * {@code bin/ensure-trino} makes: Trino's lib/, its memory plugin and a link to a Java 24+ JDK)
 * and stopped after the class. Without that folder the tests fail, saying how to get it; they never skip.
 */
final class TrinoServer implements BeforeAllCallback, AfterAllCallback {

    /** The user the tests connect as (Trino without authentication takes any name). */
    static final String USER = "spendgate";

    private static final long START_SECONDS = 300;

    private static final int TAIL_LINES = 60;

    private Path base;
    private Process process;
    private int port;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        String home = System.getenv("SPENDGATE_TRINO");
        if (home == null || home.isBlank()) {
            fail("SPENDGATE_TRINO is not set: the Trino dialect is tested against a real Trino; run with"
                    + " SPENDGATE_TRINO=\"$(bin/ensure-trino)\" (README, Testing)");
        }
        Path trino = Path.of(home);
        if (!Files.isDirectory(trino.resolve("lib")) || !Files.isExecutable(trino.resolve("java"))) {
            fail("SPENDGATE_TRINO=" + home + " is not a folder made by bin/ensure-trino (lib/, plugin/memory, java)");
        }
        base = Files.createTempDirectory("spendgate-trino");
        port = freePort();
        Path etc = Files.createDirectories(base.resolve("etc/catalog"));
        Files.writeString(base.resolve("etc/config.properties"), String.join("\n",
                "coordinator=true",
                "node-scheduler.include-coordinator=true",
                "http-server.http.port=" + port,
                "discovery.uri=http://127.0.0.1:" + port,
                "query.max-memory=512MB",
                "query.max-memory-per-node=512MB",
                ""));
        Files.writeString(etc.resolve("memory.properties"), "connector.name=memory\n");
        process = new ProcessBuilder(trino.resolve("java").toString(), "-Xmx1G", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Djdk.attach.allowAttachSelf=true", "-Dnode.environment=test",
                "-Dnode.id=spendgate-test", "-Dnode.data-dir=" + base.resolve("data"),
                "-Dconfig=" + base.resolve("etc/config.properties"), "-Dcatalog.config-dir=" + etc,
                "-Dplugin.dir=" + trino.resolve("plugin"), "-Dhttp-server.http.host=127.0.0.1",
                "-Dhttp-server.log.enabled=false", "-cp", trino.resolve("lib") + "/*", "io.trino.server.TrinoServer")
                // in its temporary folder: Trino writes relative paths (var/) of its own
                .directory(base.toFile()).redirectErrorStream(true).start();
        // its output is read to the end (a full pipe would stall it); the start is its own line saying so
        CompletableFuture<Void> started = new CompletableFuture<>();
        Deque<String> tail = new ArrayDeque<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > TAIL_LINES) {
                            tail.removeFirst();
                        }
                    }
                    if (line.contains("SERVER STARTED")) {
                        started.complete(null);
                    }
                }
            } catch (IOException e) {
                // the process is gone; said below
            }
            started.completeExceptionally(new IOException("Trino exited"));
        }, "trino-output");
        reader.setDaemon(true);
        reader.start();
        try {
            started.get(START_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            synchronized (tail) {
                fail("Trino did not start in " + START_SECONDS + " s (" + (e instanceof TimeoutException ? "still starting"
                        : "exited") + "); the end of its output:\n" + String.join("\n", tail));
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (base != null) {
            try (Stream<Path> paths = Files.walk(base)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The JDBC URL of the memory catalog's default schema. */
    String url() {
        return "jdbc:trino://127.0.0.1:" + port + "/memory/default";
    }

    /** Runs each statement in turn. */
    void execute(List<String> statements) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", USER);
        try (Connection c = DriverManager.getConnection(url(), p); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
