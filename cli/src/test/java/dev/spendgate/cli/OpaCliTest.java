package dev.spendgate.cli;

import dev.spendgate.engine.opa.testing.FakeOpa;
import dev.spendgate.engine.opa.testing.OpaServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --engine opa} and {@code packs bundle} as users run them, against a real OPA server
 * loaded with the bundle the CLI writes: same report as Drools, and exit 4 with one line of
 * cause whenever OPA cannot give a decision.
 */
class OpaCliTest {

    static final String EXAMPLES = CliTest.EXAMPLES;
    static final String POLICY = CliTest.POLICY;
    static final String NOW = CliTest.NOW;
    static final String TINY = "../policy-engine/src/test/resources/engine/opa/tiny";

    @TempDir
    static Path tmp;

    static OpaServer opa;

    static final List<dev.spendgate.policy.Pack> BASELINE = baseline();

    private static List<dev.spendgate.policy.Pack> baseline() {
        try {
            return List.of(new dev.spendgate.policy.PackLoader().loadShipped("baseline"));
        } catch (dev.spendgate.error.InvalidInputException e) {
            throw new AssertionError(e);
        }
    }

    @BeforeAll
    static void bundleAndServe() {
        Path bundle = tmp.resolve("out/spendgate.tar.gz");
        CliRun r = CliRun.of("packs", "bundle", "--policy", POLICY, "--output", bundle.toString(), "--revision", "r-42");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.out());
        assertEquals("spendgate: wrote " + bundle + " (revision r-42; packs baseline 2026.12.0; 13 files)\n", r.err());
        opa = OpaServer.start(bundle);
    }

    @AfterAll
    static void stop() {
        if (opa != null) {
            opa.close();
        }
    }

    @Test
    void checkOnOpaGivesTheSameReportAsDrools() {
        for (String format : new String[] {"json", "text"}) {
            CliRun drools = CliRun.of("check", EXAMPLES, "--policy", POLICY, "--now", NOW, "--format", format);
            CliRun onOpa = CliRun.of("check", EXAMPLES, "--policy", POLICY, "--now", NOW, "--format", format,
                    "--engine", "opa", "--opa-url", opa.url());
            assertEquals(1, onOpa.exitCode(), onOpa.err());
            assertEquals("", onOpa.err());
            assertEquals(withoutEngine(drools.out()), withoutEngine(onOpa.out()));
        }
        CliRun json = CliRun.of("check", EXAMPLES, "--policy", POLICY, "--now", NOW, "--format", "json",
                "--engine", "opa", "--opa-url", opa.url());
        assertTrue(json.out().contains("\"engine\": \"opa\""), json.out());
        assertTrue(json.out().matches("(?s).*\"engineMetadata\": \\{\\s*\"bundle_revision\": \"r-42\",\\s*"
                + "\"decision_id\": \"[0-9a-f-]{36}\"\\s*}.*"), json.out());
        CliRun text = CliRun.of("check", EXAMPLES, "--policy", POLICY, "--now", NOW, "--engine=opa", "--opa-url", opa.url());
        assertTrue(text.out().matches("(?s).*\\[engine opa, bundle revision r-42, decision id [0-9a-f-]{36}, policy acme-ai-finops, exit 1]\n"),
                text.out());
    }

    /** A watch run on OPA finds and routes the same alerts, zombies included, as on Drools. */
    @Test
    void watchOnOpaRoutesTheSameAlertsAsDrools() {
        java.util.Map<String, String> env = java.util.Map.of("SPENDGATE_SLACK_SEARCH", "https://hooks.slack.com/services/T/B/x1",
                "SPENDGATE_TEAMS_PLATFORM", "https://acme.webhook.office.com/workflows/x2",
                "SPENDGATE_PAGERDUTY_KEY", "R0UT1NGKEYR0UT1NGKEYR0UT1NGKEY12", "SPENDGATE_EVENTS_URL", "https://events.acme.example/x3",
                "GITHUB_TOKEN", "ghp_opacliwatchtest000000000000");
        String[] args = {"watch", EXAMPLES, "--policy", POLICY, "--spend", "../examples/spend/focus-2026-11.csv", "--now", NOW,
                "--dry-run", "--format", "json"};
        CliRun drools = CliRun.withEnv(env, args);
        java.util.List<String> opaArgs = new java.util.ArrayList<>(java.util.List.of(args));
        opaArgs.addAll(java.util.List.of("--engine", "opa", "--opa-url", opa.url()));
        CliRun onOpa = CliRun.withEnv(env, opaArgs.toArray(String[]::new));
        assertEquals(0, onOpa.exitCode(), onOpa.err());
        assertTrue(onOpa.out().contains("\"fingerprint\": \"zombie-notebook|SG-SPD-006|hard-mandatory\""), onOpa.out());
        assertEquals(withoutEngine(drools.out()), withoutEngine(onOpa.out()));
    }

    @Test
    void dumpInputWritesTheDocumentOpaWasSent() throws IOException {
        Path dump = tmp.resolve("input.json");
        CliRun r = CliRun.of("check", EXAMPLES, "--policy", POLICY, "--now", NOW, "--engine", "opa", "--opa-url", opa.url(),
                "--dump-input", dump.toString());
        assertEquals(1, r.exitCode(), r.err());
        String input = Files.readString(dump);
        assertTrue(input.startsWith("{\"now\":\"2026-11-22T12:00:00Z\",\"params\":{\"ownership\":{\"requiredTags\":[\"costCenter\"],"
                + "\"teams\":[\"growth-ml\",\"search\",\"platform-ml\",\"risk\",\"support-ai\"]}"), input);
        assertTrue(input.contains("\"name\":\"llama-finetune\""), input);
    }

    @Test
    void testRunsTheShippedCasesOnOpa() {
        CliRun r = CliRun.of("test", "--engine", "opa", "--opa-url", opa.url());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().startsWith("baseline 2026.12.0 on opa:\n"), r.out());
        assertTrue(r.out().matches("(?s).*\n\\d+ passed, 0 failed\n"), r.out());
    }

    @Test
    void testOfAPackFolderOnOpaNeedsAServerWithThatPack() {
        CliRun wrongServer = CliRun.of("test", TINY, "--engine", "opa", "--opa-url", opa.url());
        assertEquals(4, wrongServer.exitCode(), wrongServer.out() + wrongServer.err());
        assertTrue(wrongServer.err().contains("engine_policy_mismatch: OPA at " + opa.url()
                + " does not serve the selected packs: pack tiny 1.0 is not served; pack baseline 2026.12.0 is served but not"
                + " selected by the policy set"), wrongServer.err());

        Path policy = tmp.resolve("tiny-policy.yaml");
        try {
            Files.writeString(policy, "apiVersion: spendgate.dev/v1\nkind: PolicySet\nmetadata: {name: tiny, version: '1'}\n"
                    + "packs: [" + Path.of(TINY).toAbsolutePath() + "]\n");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        Path bundle = tmp.resolve("tiny.tar.gz");
        assertEquals(0, CliRun.of("packs", "bundle", "--policy", policy.toString(), "--output", bundle.toString()).exitCode());
        try (OpaServer tiny = OpaServer.start(bundle)) {
            CliRun r = CliRun.of("test", TINY, "--engine", "opa", "--opa-url", tiny.url(), "-v");
            assertEquals(0, r.exitCode(), r.out() + r.err());
            assertTrue(r.out().endsWith("3 passed, 0 failed\n"), r.out());
        }
    }

    @Test
    void aRefusedConnectionIsExitFourWithOneLine() {
        String url = "http://127.0.0.1:" + OpaServer.freePort();
        CliRun r = CliRun.of("check", EXAMPLES, "--policy", POLICY, "--engine", "opa", "--opa-url", url, "--opa-retries", "0");
        assertEquals(4, r.exitCode());
        assertEquals("", r.out());
        assertEquals("spendgate: engine_unreachable: cannot connect to OPA at " + url + ": connection refused (exit 4)\n", r.err());
    }

    @Test
    void aWrongDecisionPathIsExitFour() {
        CliRun r = CliRun.of("check", EXAMPLES, "--policy", POLICY, "--engine", "opa", "--opa-url", opa.url(),
                "--opa-path", "spendgate/decisions");
        assertEquals(4, r.exitCode());
        assertEquals("spendgate: engine_undefined: OPA at " + opa.url() + " (spendgate/decisions) answered no result: the"
                + " decision is undefined (is the spendgate bundle loaded, and is the decision path right?) (exit 4)\n", r.err());
    }

    @Test
    void aSlowServerAndGarbageAreExitFour() {
        try (FakeOpa slow = new FakeOpa(BASELINE, FakeOpa.Answer.slow(3000))) {
            CliRun r = CliRun.of("check", EXAMPLES, "--policy", POLICY, "--engine", "opa", "--opa-url", slow.url(),
                    "--opa-read-timeout", "200ms");
            assertEquals(4, r.exitCode());
            assertEquals("spendgate: engine_timeout: OPA at " + slow.url() + " did not answer POST /v1/data/spendgate/decision"
                    + " within 200ms (read timeout) (exit 4)\n", r.err());
        }
        try (FakeOpa garbage = new FakeOpa(BASELINE, FakeOpa.Answer.of(200, "<html>oops"))) {
            CliRun r = CliRun.of("check", EXAMPLES, "--policy", POLICY, "--engine", "opa", "--opa-url", garbage.url());
            assertEquals(4, r.exitCode());
            assertTrue(r.err().startsWith("spendgate: engine_invalid_result: OPA at " + garbage.url()
                    + " (spendgate/decision) answered malformed JSON: "), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
        }
    }

    @Test
    void opaOptionsAreUsageErrorsWithoutTheOpaEngineOrWithBadValues() {
        CliRun r = CliRun.of("check", EXAMPLES, "--opa-url", opa.url());
        assertEquals(2, r.exitCode());
        assertEquals("spendgate: --opa-url is an option of --engine opa, not of --engine drools\n", r.err());
        r = CliRun.of("check", EXAMPLES, "--dump-input", "x.json");
        assertEquals(2, r.exitCode());
        assertEquals("spendgate: --dump-input is an option of --engine opa, not of --engine drools\n", r.err());
        r = CliRun.of("check", EXAMPLES, "--engine", "opa", "--opa-read-timeout", "soon");
        assertEquals(2, r.exitCode());
        assertEquals("spendgate: --opa-read-timeout: 'soon' is not a duration like 500ms, 2s or 1m\n", r.err());
        r = CliRun.of("check", EXAMPLES, "--engine", "opa", "--opa-url", "localhost:8181");
        assertEquals(2, r.exitCode());
        assertEquals("spendgate: --opa-url: 'localhost:8181' is not an http:// or https:// URL\n", r.err());
        r = CliRun.of("check", EXAMPLES, "--engine", "opa", "--opa-token-env", "SPENDGATE_NO_SUCH_VARIABLE");
        assertEquals(2, r.exitCode());
        assertEquals("spendgate: --opa-token-env: the environment variable SPENDGATE_NO_SUCH_VARIABLE is not set\n", r.err());
        r = CliRun.of("check", EXAMPLES, "--engine", "opa", "--opa-token", "s3cret");
        assertEquals(2, r.exitCode(), "a token is never a command-line value");
    }

    @Test
    void theTokenComesFromTheEnvironmentAndIsNeverPrinted() throws IOException {
        String token = "t0ken-" + System.nanoTime();
        Path authz = Files.createDirectories(tmp.resolve("authz/system/authz"));
        Files.writeString(authz.resolve("authz.rego"), "package system.authz\n\nimport rego.v1\n\ndefault allow := false\n\n"
                + "allow if input.identity == \"" + token + "\"\n");
        Files.writeString(tmp.resolve("authz/.manifest"), "{\"roots\": [\"system\"]}");
        try (OpaServer locked = OpaServer.start(List.of(tmp.resolve("out/spendgate.tar.gz"), tmp.resolve("authz")),
                "--authentication=token", "--authorization=basic")) {
            CliRun without = CliRun.of("check", EXAMPLES, "--policy", POLICY, "--engine", "opa", "--opa-url", locked.url());
            assertEquals(4, without.exitCode());
            assertTrue(without.err().contains("engine_unauthorized: OPA at " + locked.url() + " refused the request: HTTP 401"
                    + " unauthorized: request rejected by administrative policy (no bearer token was sent)"), without.err());

            Map<String, String> env = Map.of("CI_OPA_TOKEN", token, OpaOptions.TOKEN_ENV, "wrong");
            CliRun wrong = CliRun.withEnv(env, "check", EXAMPLES, "--policy", POLICY, "--engine", "opa", "--opa-url", locked.url());
            assertEquals(4, wrong.exitCode());
            assertTrue(wrong.err().contains("(check the bearer token)"), wrong.err());
            CliRun right = CliRun.withEnv(env, "check", EXAMPLES, "--policy", POLICY, "--now", NOW, "--engine", "opa",
                    "--opa-url", locked.url(), "--opa-token-env", "CI_OPA_TOKEN");
            assertEquals(1, right.exitCode(), right.err());
            for (CliRun r : List.of(without, wrong, right)) {
                assertFalse((r.out() + r.err()).contains(token));
            }
        }
    }

    @Test
    void packsBundleNeedsAnOutputAndRegoInEveryPack() throws IOException {
        CliRun r = CliRun.of("packs", "bundle");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("Missing required option: '--output=FILE'"), r.err());
        assertEquals(2, CliRun.of("packs").exitCode());

        Path pack = tmp.resolve("drl-only");
        Files.createDirectories(pack.resolve("drools"));
        Files.writeString(pack.resolve("pack.yaml"), "id: drl-only\nversion: '1'\nrules: []\n");
        Path policy = tmp.resolve("drl-only-policy.yaml");
        Files.writeString(policy, "apiVersion: spendgate.dev/v1\nkind: PolicySet\nmetadata: {name: p, version: '1'}\n"
                + "packs: [./drl-only]\n");
        Path out = tmp.resolve("none.tar.gz");
        r = CliRun.of("packs", "bundle", "--policy", policy.toString(), "--output", out.toString());
        assertEquals(3, r.exitCode(), r.err());
        assertTrue(r.err().startsWith(tmp.toString().replace('\\', '/') + "/drl-only/rego:1:1: pack drl-only has no Rego"), r.err());
        assertFalse(Files.exists(out), "no half-written bundle");
        try (var files = Files.list(tmp)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".part")));
        }
    }

    /** A report without the lines that name the engine and what it reported (decision id, revision). */
    static String withoutEngine(String report) {
        return report.replaceAll("(?s)\"engineMetadata\": \\{.*?},\\s*", "")
                .replace("\"engine\": \"opa\"", "\"engine\": \"drools\"")
                .replaceAll("\\[engine opa, bundle revision [^,]+, decision id [^,]+, ", "[engine drools, ");
    }
}
