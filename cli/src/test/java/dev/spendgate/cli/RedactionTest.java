package dev.spendgate.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tokens are never printed, even when a server echoes them back: local servers that put the
 * {@code Authorization} header they got into their error message (OPA's REST API, OpenCost's
 * allocation API, GitHub's REST API), and a server speaking PostgreSQL's wire protocol whose error
 * quotes the password it was sent. Every one ends in the usual one-line error, with {@code ***}
 * where the secret was.
 */
class RedactionTest {

    static final String NOW = CliTest.NOW;
    static final String MANIFEST = "../examples/manifests/experiments/churn-classifier-ft.yaml";

    @TempDir
    Path tmp;

    /** An HTTP server on 127.0.0.1 answering every request with {@code status} and a JSON error echoing the header. */
    static HttpServer echoing(int status) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
                byte[] body = ("{\"code\": \"internal_error\", \"message\": \"rejected header Authorization: " + auth
                        + " (we keep logs)\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
        return server;
    }

    static String url(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    static CliRun run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), args, env).execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    static void redacted(CliRun r, String secret) {
        assertFalse(r.out().contains(secret), r.out());
        assertFalse(r.err().contains(secret), r.err());
        assertTrue(r.err().contains("***"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void anOpaErrorThatEchoesTheTokenIsPrintedRedacted() throws IOException {
        HttpServer opa = echoing(500);
        try {
            String token = "s3cret-opa-token";
            CliRun r = run(Map.of("SPENDGATE_OPA_TOKEN", token), "check", MANIFEST, "--now", NOW, "--engine", "opa",
                    "--opa-url", url(opa), "--opa-retries", "0");
            assertEquals(4, r.exitCode(), r.out() + r.err());
            redacted(r, token);
            assertTrue(r.err().startsWith("spendgate: engine_unhealthy: OPA at " + url(opa) + " is not ready: GET /health?bundles "
                    + "answered HTTP 500 internal_error: rejected header Authorization: Bearer *** (we keep logs)"), r.err());
        } finally {
            opa.stop(0);
        }
    }

    @Test
    void anOpenCostErrorThatEchoesTheTokenIsPrintedRedacted() throws IOException {
        HttpServer opencost = echoing(500);
        try {
            String token = "s3cret-spend-token";
            CliRun r = run(Map.of("SPENDGATE_SPEND_TOKEN", token), "check", MANIFEST, "--now", NOW, "--spend", url(opencost));
            assertEquals(4, r.exitCode(), r.out() + r.err());
            redacted(r, token);
            assertTrue(r.err().contains("rejected header Authorization: Bearer ***"), r.err());
            // the same secret in a report written to a file is redacted too
        } finally {
            opencost.stop(0);
        }
    }

    @Test
    void aGithubErrorThatEchoesTheTokenIsRedactedInTheWarning() throws IOException {
        HttpServer github = echoing(401);
        try {
            Path event = tmp.resolve("event.json");
            Files.writeString(event, """
                    {"action": "synchronize", "number": 7,
                     "pull_request": {"number": 7,
                       "head": {"sha": "abc123", "ref": "feature", "repo": {"full_name": "acme/ml"}},
                       "base": {"sha": "0ff1ce", "ref": "main", "repo": {"full_name": "acme/ml"}}},
                     "repository": {"full_name": "acme/ml"}}
                    """);
            Map<String, String> env = new HashMap<>();
            env.put("GITHUB_ACTIONS", "true");
            env.put("GITHUB_EVENT_PATH", event.toString());
            env.put("GITHUB_REPOSITORY", "acme/ml");
            env.put("GITHUB_API_URL", url(github));
            env.put("INPUT_COMMENT", "true");
            String token = "ghp_s3cretGithubToken";
            env.put("INPUT_GITHUB-TOKEN", token);
            CliRun r = run(env, "check", MANIFEST, "--now", NOW);
            assertEquals(0, r.exitCode(), r.out() + r.err());
            // the runner is told to mask the token (it must name it), and nothing else shows it
            assertTrue(r.out().startsWith("::add-mask::" + token + "\n"), r.out());
            String rest = r.out().substring(("::add-mask::" + token + "\n").length());
            assertFalse(rest.contains(token), rest);
            assertTrue(rest.contains("::warning title=spendgate::cannot "), rest);
            assertTrue(rest.contains("rejected header Authorization: Bearer *** (we keep logs)"), rest);
        } finally {
            github.stop(0);
        }
    }

    /**
     * A server speaking PostgreSQL's protocol (version 3) that asks for a cleartext password and
     * answers with an error quoting it, as a badly written proxy might.
     */
    static ServerSocket echoingPostgres() throws IOException {
        ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    DataOutputStream out = new DataOutputStream(s.getOutputStream());
                    int len = in.readInt();
                    int code = in.readInt();
                    in.readNBytes(len - 8);
                    if (code == 80877103) { // SSLRequest: no TLS here, then the startup message
                        out.writeByte('N');
                        out.flush();
                        len = in.readInt();
                        in.readNBytes(len - 4);
                    }
                    out.writeByte('R');
                    out.writeInt(8);
                    out.writeInt(3); // AuthenticationCleartextPassword
                    out.flush();
                    in.readByte(); // 'p'
                    int plen = in.readInt();
                    String password = new String(in.readNBytes(plen - 4), StandardCharsets.UTF_8).replace("\0", "");
                    ByteArrayOutputStream fields = new ByteArrayOutputStream();
                    for (String f : new String[] {"SFATAL", "VFATAL", "C28P01",
                            "Mpassword authentication failed: \"" + password + "\" is not the password"}) {
                        fields.write(f.getBytes(StandardCharsets.UTF_8));
                        fields.write(0);
                    }
                    fields.write(0);
                    out.writeByte('E');
                    out.writeInt(4 + fields.size());
                    out.write(fields.toByteArray());
                    out.flush();
                } catch (IOException e) {
                    // the client hung up, or the test closed the server
                }
            }
        }, "echoing-postgres");
        t.setDaemon(true);
        t.start();
        return server;
    }

    @Test
    void aJdbcErrorThatContainsThePasswordIsPrintedRedacted() throws IOException {
        try (ServerSocket pg = echoingPostgres()) {
            String password = "s3cret-jdbc-pw";
            String url = "jdbc:postgresql://127.0.0.1:" + pg.getLocalPort() + "/finops";
            CliRun byEnv = run(Map.of("SPENDGATE_SPEND_USER", "gate", "SPENDGATE_SPEND_PASSWORD", password),
                    "check", MANIFEST, "--now", NOW, "--spend", url);
            assertEquals(4, byEnv.exitCode(), byEnv.out() + byEnv.err());
            redacted(byEnv, password);
            assertTrue(byEnv.err().contains("password authentication failed: \"***\" is not the password"), byEnv.err());

            CliRun inUrl = run(Map.of(), "check", MANIFEST, "--now", NOW, "--spend",
                    url + "?user=gate&password=" + password);
            assertEquals(4, inUrl.exitCode(), inUrl.out() + inUrl.err());
            redacted(inUrl, password);
        }
    }
}
