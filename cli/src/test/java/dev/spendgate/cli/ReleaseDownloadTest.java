package dev.spendgate.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.spendgate.git.testing.TestRepo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static dev.spendgate.git.testing.TestRepo.manifest;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Action at a release tag downloads the release's jar instead of building it, against a local
 * server that speaks GitHub's release-asset protocol: {@code GET /OWNER/REPO/releases/download/TAG/NAME}
 * answers 302 with the asset's signed storage URL (404 when the release or the asset does not
 * exist), and that URL serves the bytes as {@code application/octet-stream}. The jar is used only
 * when it matches the release's {@code spendgate.jar.sha256}.
 */
class ReleaseDownloadTest {

    private static final String DOWNLOAD = "Download the release jar of the action's ref";

    @TempDir
    Path tmp;

    private HttpServer server;
    /** Release tag → asset name → bytes. */
    private final Map<String, Map<String, byte[]>> releases = new ConcurrentHashMap<>();
    private final Map<String, byte[]> storage = new ConcurrentHashMap<>();
    private final List<String> requests = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void startGitHub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/spendgate/spendgate/releases/download/", this::download);
        server.createContext("/github-production-release-asset/", this::asset);
        server.start();
    }

    @AfterEach
    void stopGitHub() {
        server.stop(0);
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void download(HttpExchange ex) throws IOException {
        requests.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath());
        String[] rest = ex.getRequestURI().getPath().substring("/spendgate/spendgate/releases/download/".length()).split("/");
        byte[] bytes = rest.length == 2 ? releases.getOrDefault(rest[0], Map.of()).get(rest[1]) : null;
        if (bytes == null) {
            reply(ex, 404, "text/plain; charset=utf-8", "Not Found".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String id = UUID.randomUUID().toString();
        storage.put(id, bytes);
        ex.getResponseHeaders().add("Location", base() + "/github-production-release-asset/123456/" + id
                + "?sp=r&sv=2018-11-09&sr=b&spr=https&se=2026-12-03T18%3A00%3A00Z&rscd=attachment%3B+filename%3D"
                + rest[1] + "&rsct=application%2Foctet-stream&sig=abc%3D");
        reply(ex, 302, "text/html; charset=utf-8", new byte[0]);
    }

    private void asset(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        requests.add(ex.getRequestMethod() + " " + path.substring(0, path.lastIndexOf('/') + 1) + "…");
        byte[] bytes = ex.getRequestURI().getQuery() == null || !ex.getRequestURI().getQuery().contains("sig=") ? null
                : storage.get(path.substring(path.lastIndexOf('/') + 1));
        if (bytes == null) {
            reply(ex, 403, "application/xml", "<Error><Code>AuthenticationFailed</Code></Error>".getBytes(StandardCharsets.UTF_8));
            return;
        }
        reply(ex, 200, "application/octet-stream", bytes);
    }

    private static void reply(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /** The jar a release workflow built: runnable, running the classes under test. */
    private byte[] releaseJar() throws IOException {
        Path built = tmp.resolve("release-build");
        RemoteActionTest.build(built);
        return Files.readAllBytes(built.resolve("cli/target/spendgate.jar"));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private void release(String tag, byte[] jar, String checksumFile) {
        Map<String, byte[]> assets = new ConcurrentHashMap<>();
        assets.put("spendgate.jar", jar);
        if (checksumFile != null) {
            assets.put("spendgate.jar.sha256", checksumFile.getBytes(StandardCharsets.UTF_8));
        }
        releases.put(tag, assets);
    }

    private TestRepo workspace() {
        TestRepo repo = TestRepo.init(tmp.resolve("runner/_work/ml-platform/ml-platform"));
        repo.write(".spendgate/manifests/chat.yaml", manifest("chat", "100", "small", "24h"))
                .write(".spendgate/manifests/gpu/finetune.yaml", manifest("finetune", "100", "small", "30d"))
                .commit("manifests");
        return repo;
    }

    /** The action unpacked for {@code ref}, without the Maven wrapper: a step that tried to build would fail. */
    private Path action(String ref) throws IOException {
        Path dir = RemoteActionTest.unpack(tmp.resolve("runner/_work/_actions/spendgate/spendgate/" + ref));
        Files.delete(dir.resolve("mvnw"));
        return dir;
    }

    private ActionRunner runner(Path action, Path workspace, String ref, ActionRunner.CacheStore cache) throws IOException {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path temp = Files.createDirectories(tmp.resolve("runner/_work/_temp"));
        return new ActionRunner(action, workspace, home, temp, ref, "ghs_job-token", cache).serverUrl(base());
    }

    @Test
    void aReleaseTagRunsTheReleaseJarItVerified() throws Exception {
        byte[] jar = releaseJar();
        release("v1.2.3", jar, sha256(jar) + "  spendgate.jar\n");
        ActionRunner.CacheStore cache = new ActionRunner.CacheStore();
        try (TestRepo repo = workspace()) {
            Path action = action("v1.2.3");
            ActionRunner.Result r = runner(action, repo.dir(), "v1.2.3", cache).run(Map.of());
            assertEquals("success", r.outcomes().get(DOWNLOAD), r.log());
            assertTrue(r.log().contains("spendgate: the release jar of v1.2.3, SHA-256 " + sha256(jar)), r.log());
            assertEquals("skipped", r.outcomes().get("Restore the Maven repository for the build"), r.log());
            assertEquals("success", r.outcomes().get("Build spendgate at the action's ref"), "the class-data archive only: " + r.log());
            assertEquals("skipped", r.outcomes().get("Save the Maven repository"), r.log());
            assertEquals("failure", r.outcomes().get("Gate"), "the gate blocks finetune (ttl 30d): " + r.log());
            assertEquals("fail", r.outputs().get("verdict"));
            assertEquals("", r.outputs().get("cost-delta"));
            assertArrayEquals(jar, Files.readAllBytes(action.resolve("cli/target/spendgate.jar")));
            assertEquals(List.of(
                    "GET /spendgate/spendgate/releases/download/v1.2.3/spendgate.jar",
                    "GET /github-production-release-asset/123456/…",
                    "GET /spendgate/spendgate/releases/download/v1.2.3/spendgate.jar.sha256",
                    "GET /github-production-release-asset/123456/…"), requests);

            // the next job restores jar and archive from the cache and downloads nothing
            requests.clear();
            RemoteActionTest.deleteTree(action);
            Path again = action("v1.2.3");
            ActionRunner.Result second = new ActionRunner(again, repo.dir(), tmp.resolve("home"), tmp.resolve("runner/_work/_temp"),
                    "v1.2.3", "ghs_job-token", cache).serverUrl(base()).run(Map.of());
            assertEquals("success", second.outcomes().get("Restore the spendgate build"), second.log());
            assertEquals("skipped", second.outcomes().get(DOWNLOAD), second.log());
            assertEquals("fail", second.outputs().get("verdict"), second.log());
            assertEquals(List.of(), requests);
        }
    }

    @Test
    void aJarThatDoesNotMatchItsChecksumIsRefused() throws Exception {
        byte[] jar = releaseJar();
        release("v1.2.3", jar, sha256("something else".getBytes(StandardCharsets.UTF_8)) + "  spendgate.jar\n");
        try (TestRepo repo = workspace()) {
            Path action = action("v1.2.3");
            ActionRunner.Result r = runner(action, repo.dir(), "v1.2.3", new ActionRunner.CacheStore()).run(Map.of());
            assertEquals("failure", r.outcomes().get(DOWNLOAD), r.log());
            assertTrue(r.log().contains("::error::spendgate: checksum mismatch for " + base()
                    + "/spendgate/spendgate/releases/download/v1.2.3/spendgate.jar (SHA-256 " + sha256(jar) + ", the release says "
                    + sha256("something else".getBytes(StandardCharsets.UTF_8)) + "); refusing it"), r.log());
            assertEquals("skipped", r.outcomes().get("Gate"));
            assertFalse(Files.exists(action.resolve("cli/target/spendgate.jar")));
        }
    }

    @Test
    void aReleaseWithoutChecksumIsRefused() throws Exception {
        release("v1.2.3", releaseJar(), null);
        try (TestRepo repo = workspace()) {
            Path action = action("v1.2.3");
            ActionRunner.Result r = runner(action, repo.dir(), "v1.2.3", new ActionRunner.CacheStore()).run(Map.of());
            assertEquals("failure", r.outcomes().get(DOWNLOAD), r.log());
            assertTrue(r.log().contains("has a jar but no spendgate.jar.sha256"), r.log());
            assertFalse(Files.exists(action.resolve("cli/target/spendgate.jar")));
        }
    }

    @Test
    void aTagWithoutReleaseAndAnyOtherRefAreBuiltFromSource() throws Exception {
        try (TestRepo repo = workspace()) {
            Path tagged = RemoteActionTest.unpack(tmp.resolve("runner/_work/_actions/spendgate/spendgate/v9.9.9"));
            RemoteActionTest.build(tagged); // what ./mvnw package would leave
            ActionRunner.Result r = runner(tagged, repo.dir(), "v9.9.9", new ActionRunner.CacheStore()).run(Map.of());
            assertEquals("success", r.outcomes().get(DOWNLOAD), r.log());
            assertTrue(r.log().contains("::warning::spendgate: no release jar at " + base()
                    + "/spendgate/spendgate/releases/download/v9.9.9/spendgate.jar (HTTP 404); building from source"), r.log());
            assertEquals("success", r.outcomes().get("Restore the Maven repository for the build"), r.log());
            assertEquals("success", r.outcomes().get("Build spendgate at the action's ref"), r.log());
            assertEquals("fail", r.outputs().get("verdict"), r.log());
            assertEquals(List.of("GET /spendgate/spendgate/releases/download/v9.9.9/spendgate.jar"), requests);

            // a branch or the major tag: no release is asked for
            requests.clear();
            for (String ref : List.of("v1", "main")) {
                Path action = RemoteActionTest.unpack(tmp.resolve("runner/_work/_actions/spendgate/spendgate/" + ref));
                RemoteActionTest.build(action);
                ActionRunner.Result other = runner(action, repo.dir(), ref, new ActionRunner.CacheStore()).run(Map.of());
                assertEquals("success", other.outcomes().get(DOWNLOAD), other.log());
                assertEquals("success", other.outcomes().get("Restore the Maven repository for the build"), other.log());
                assertEquals("fail", other.outputs().get("verdict"), other.log());
            }
            assertEquals(List.of(), requests);
        }
    }

    private static final String DUCKDB = "Fetch DuckDB for a spend source";

    /** The DuckDB jar the build uses: the real driver with its native libraries. */
    private static byte[] duckdbJar() throws Exception {
        return Files.readAllBytes(Path.of(org.duckdb.DuckDBDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    }

    @Test
    void aSpendSourceAtAReleaseTagFetchesTheRunnersDuckDbJarItVerified() throws Exception {
        byte[] jar = releaseJar();
        byte[] duckdb = duckdbJar();
        release("v1.2.3", jar, sha256(jar) + "  spendgate.jar\n");
        releases.get("v1.2.3").put("duckdb_jdbc-linux-amd64.jar", duckdb);
        releases.get("v1.2.3").put("duckdb_jdbc-linux-amd64.jar.sha256",
                (sha256(duckdb) + "  duckdb_jdbc-linux-amd64.jar\n").getBytes(StandardCharsets.UTF_8));
        try (TestRepo repo = workspace()) {
            Files.copy(Path.of("../examples/spend/focus-2026-11.csv"), repo.dir().resolve("focus.csv"));
            Path action = action("v1.2.3");
            ActionRunner.Result r = runner(action, repo.dir(), "v1.2.3", new ActionRunner.CacheStore())
                    .env("INPUT_SPEND", "focus.csv").run(Map.of());
            assertEquals("success", r.outcomes().get(DUCKDB), r.log());
            assertTrue(r.log().contains("spendgate: DuckDB for linux-amd64 from the release v1.2.3, SHA-256 " + sha256(duckdb)), r.log());
            assertArrayEquals(duckdb, Files.readAllBytes(action.resolve("cli/target/lib/duckdb_jdbc.jar")));
            assertEquals("fail", r.outputs().get("verdict"), "the gate ran with the spend source: " + r.log());
            assertEquals(List.of(
                    "GET /spendgate/spendgate/releases/download/v1.2.3/spendgate.jar",
                    "GET /github-production-release-asset/123456/…",
                    "GET /spendgate/spendgate/releases/download/v1.2.3/spendgate.jar.sha256",
                    "GET /github-production-release-asset/123456/…",
                    "GET /spendgate/spendgate/releases/download/v1.2.3/duckdb_jdbc-linux-amd64.jar",
                    "GET /github-production-release-asset/123456/…",
                    "GET /spendgate/spendgate/releases/download/v1.2.3/duckdb_jdbc-linux-amd64.jar.sha256",
                    "GET /github-production-release-asset/123456/…"), requests);
        }
    }

    @Test
    void aDuckDbJarThatDoesNotMatchItsChecksumIsRefused() throws Exception {
        byte[] jar = releaseJar();
        byte[] duckdb = duckdbJar();
        release("v1.2.3", jar, sha256(jar) + "  spendgate.jar\n");
        releases.get("v1.2.3").put("duckdb_jdbc-linux-amd64.jar", duckdb);
        releases.get("v1.2.3").put("duckdb_jdbc-linux-amd64.jar.sha256",
                (sha256(jar) + "  duckdb_jdbc-linux-amd64.jar\n").getBytes(StandardCharsets.UTF_8));
        try (TestRepo repo = workspace()) {
            Path action = action("v1.2.3");
            ActionRunner.Result r = runner(action, repo.dir(), "v1.2.3", new ActionRunner.CacheStore())
                    .env("INPUT_SPEND", "focus.csv").run(Map.of());
            assertEquals("failure", r.outcomes().get(DUCKDB), r.log());
            assertTrue(r.log().contains("::error::spendgate: checksum mismatch for " + base()
                    + "/spendgate/spendgate/releases/download/v1.2.3/duckdb_jdbc-linux-amd64.jar (SHA-256 " + sha256(duckdb)
                    + ", the release says " + sha256(jar) + "); refusing it"), r.log());
            assertEquals("skipped", r.outcomes().get("Gate"), r.log());
            assertFalse(Files.exists(action.resolve("cli/target/lib/duckdb_jdbc.jar")));
        }
    }
}
