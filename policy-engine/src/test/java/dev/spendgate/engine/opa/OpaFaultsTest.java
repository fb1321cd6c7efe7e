package dev.spendgate.engine.opa;

import dev.spendgate.engine.EngineException;
import dev.spendgate.engine.EngineSettings;
import dev.spendgate.engine.PreparedPolicies;
import dev.spendgate.engine.opa.testing.FakeOpa;
import dev.spendgate.engine.opa.testing.OpaServer;
import dev.spendgate.manifest.Manifest;
import dev.spendgate.policy.Pack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every way OPA can fail ends in an {@link EngineException} with one line of cause, never in a
 * pass: a server that is down or dies mid-run (real OPA, killed), a wrong decision path (real OPA,
 * undefined), and, from a local HTTP server, one that is slower than the timeout, answers 500,
 * answers no result, answers garbage or answers a decision of another shape.
 */
class OpaFaultsTest {

    @TempDir
    static Path tmp;

    static Pack tiny;
    static List<Manifest> manifests;

    @BeforeAll
    static void load() {
        tiny = TinyPack.load();
        manifests = TinyPack.manifests(tmp, TinyPack.MANIFESTS);
    }

    static EngineSettings settings(String url, String... keysAndValues) {
        Map<String, String> map = new HashMap<>();
        map.put(OpaEngine.URL, url);
        map.put(OpaEngine.RETRY_BACKOFF, "20ms");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new EngineSettings(map);
    }

    /** The gate's run must fail with {@code code}; returns the message, checked to be one line. */
    static String fails(String code, EngineSettings settings) {
        EngineException e = assertThrows(EngineException.class,
                () -> TinyPack.check(List.of(tiny), manifests, "opa", settings));
        assertEquals(code, e.code(), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertFalse(e.getMessage().isBlank());
        return e.getMessage();
    }

    @Test
    void aRefusedConnectionIsRetriedThenFails() {
        String url = "http://127.0.0.1:" + OpaServer.freePort();
        String message = fails("engine_unreachable", settings(url));
        assertEquals("cannot connect to OPA at " + url + ": connection refused (3 attempts)", message);
    }

    @Test
    void opaStoppedMidRunFails() throws Exception {
        Path dir = java.nio.file.Files.createDirectories(tmp.resolve("mid-run"));
        OpaServer opa = OpaServer.withPacks(List.of(tiny), dir);
        try (PreparedPolicies prepared = new OpaEngine().prepare(List.of(tiny), settings(opa.url()))) {
            opa.kill();
            EngineException e = assertThrows(EngineException.class, () -> new dev.spendgate.gate.Gate("test",
                    dev.spendgate.policy.PolicySet.defaults(), List.of(tiny))
                    .evaluate("opa", prepared, manifests, Map.of(), m -> new dev.spendgate.gate.Priced(zero(), Map.of(), List.of()),
                            TinyPack.NOW, null));
            assertEquals("engine_unreachable", e.code());
            assertTrue(e.getMessage().startsWith("OPA at " + opa.url() + " stopped answering during the run"), e.getMessage());
        } finally {
            opa.close();
        }
    }

    @Test
    void opaKilledMidRequestIsSaidSoNotJustConnectionRefused() {
        try (FakeOpa fake = new FakeOpa(List.of(tiny), FakeOpa.Answer.dies())) {
            String message = fails("engine_unreachable", settings(fake.url()));
            // the first attempt may instead see the connection reset as the server dies ("broke off … then"):
            // either way the message ends with what the later attempts met
            assertTrue(message.startsWith("OPA at " + fake.url() + " "), message);
            assertTrue(message.contains("OPA at " + fake.url() + " stopped answering during the run (it answered before; "
                    + "killed or restarted mid-request?): POST /v1/data/spendgate/decision: connection refused"), message);
            assertTrue(message.endsWith("(3 attempts)"), message);
        }
    }

    @Test
    void aWrongDecisionPathOnRealOpaIsUndefined() throws Exception {
        Path dir = java.nio.file.Files.createDirectories(tmp.resolve("wrong-path"));
        try (OpaServer opa = OpaServer.withPacks(List.of(tiny), dir)) {
            String message = fails("engine_undefined", settings(opa.url(), OpaEngine.PATH, "spendgate/decisions"));
            assertEquals("OPA at " + opa.url() + " (spendgate/decisions) answered no result: the decision is undefined"
                    + " (is the spendgate bundle loaded, and is the decision path right?)", message);
        }
    }

    @Test
    void aServerSlowerThanTheReadTimeoutFails() {
        try (FakeOpa fake = new FakeOpa(List.of(tiny), FakeOpa.Answer.slow(3000))) {
            long start = System.nanoTime();
            String message = fails("engine_timeout", settings(fake.url(), OpaEngine.READ_TIMEOUT, "300ms"));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals("OPA at " + fake.url() + " did not answer POST /v1/data/spendgate/decision within 300ms (read timeout)",
                    message);
            assertEquals(1, fake.posts(), "a read timeout is not retried");
            assertTrue(millis < 2500, "gave up after " + millis + " ms");
        }
    }

    @Test
    void anErrorAnswerIsRetriedThenFailsWithOpasMessage() {
        String error = "{\"code\":\"internal_error\",\"message\":\"eval_conflict_error: functions must not produce multiple outputs\\nfor same inputs\"}";
        try (FakeOpa fake = new FakeOpa(List.of(tiny), FakeOpa.Answer.of(500, error))) {
            String message = fails("engine_error", settings(fake.url(), OpaEngine.RETRIES, "1"));
            assertEquals("OPA at " + fake.url() + " (spendgate/decision) answered HTTP 500 internal_error: eval_conflict_error:"
                    + " functions must not produce multiple outputs for same inputs (2 attempts)", message);
            assertEquals(2, fake.posts());
        }
    }

    @Test
    void oneFailingChunkOfAChunkedRunFailsTheRun() {
        try (FakeOpa fake = new FakeOpa(List.of(tiny), FakeOpa.Answer.of(200, "{\"result\": {}}"))) {
            String message = fails("engine_invalid_result", settings(fake.url(), OpaEngine.BATCH, "1"));
            assertTrue(message.endsWith("answered a decision of another shape: the result has no detections (keys: )"), message);
            // one request per chunk at most: the chunks go out together, and the first failure stops those
            // not yet sent (under load the second may not have left when the first answer fails the run)
            assertTrue(fake.posts() >= 1 && fake.posts() <= 2, "posts: " + fake.posts());
        }
    }

    @Test
    void aBadRequestIsNotRetried() {
        String error = "{\"code\":\"invalid_parameter\",\"message\":\"body contains malformed input document\"}";
        try (FakeOpa fake = new FakeOpa(List.of(tiny), FakeOpa.Answer.of(400, error))) {
            String message = fails("engine_error", settings(fake.url()));
            assertTrue(message.endsWith("answered HTTP 400 invalid_parameter: body contains malformed input document"), message);
            assertEquals(1, fake.posts());
        }
    }

    @Test
    void anAnswerWithoutResultIsUndefinedNotAPass() {
        try (FakeOpa fake = new FakeOpa(List.of(tiny), FakeOpa.Answer.of(200, "{\"decision_id\":\"x\"}"))) {
            String message = fails("engine_undefined", settings(fake.url()));
            assertTrue(message.contains("answered no result: the decision is undefined"), message);
        }
    }

    @Test
    void garbageIsMalformedJson() {
        try (FakeOpa fake = new FakeOpa(List.of(tiny), FakeOpa.Answer.of(200, "<html>\n<b>proxy error</b>"))) {
            String message = fails("engine_invalid_result", settings(fake.url()));
            assertTrue(message.startsWith("OPA at " + fake.url() + " (spendgate/decision) answered malformed JSON: "), message);
        }
        try (FakeOpa fake = new FakeOpa(List.of(tiny), FakeOpa.Answer.of(200, "{\"result\": {\"detections\": ["))) {
            fails("engine_invalid_result", settings(fake.url()));
        }
    }

    @Test
    void decisionsOfAnotherShapeAreRefused() {
        Map<String, String> answers = Map.of(
                "{\"result\": true}", "the result is a boolean, not an object with detections",
                "{\"result\": {\"allow\": true}}", "the result has no detections (keys: allow)",
                "{\"result\": {\"detections\": {}}}", "detections is an object, not an array",
                "{\"result\": {\"detections\": [{\"rule\": \"TINY-001\", \"manifest\": \"zombie\"}]}}",
                "detections[0].path is missing, not a string",
                "{\"result\": {\"detections\": [{\"rule\": \"TINY-001\", \"manifest\": \"zombie\", \"path\": \"/x\", \"evidence\": {\"a\": {\"b\": 1}}}]}}",
                "TINY-001 evidence a is an object; evidence values are strings, numbers, booleans or lists",
                "{\"result\": {\"detections\": [{\"rule\": \"TINY-001\", \"manifest\": \"ghost\", \"path\": \"/x\", \"evidence\": {}}]}}",
                "TINY-001 for manifest 'ghost', which is not in the input");
        answers.forEach((body, what) -> {
            try (FakeOpa fake = new FakeOpa(List.of(tiny), FakeOpa.Answer.of(200, body))) {
                String message = fails("engine_invalid_result", settings(fake.url()));
                assertEquals("OPA at " + fake.url() + " (spendgate/decision) answered a decision of another shape: " + what,
                        message);
            }
        });
    }

    @Test
    void aRuleNoSelectedPackDescribesIsRefusedByTheGate() {
        String body = "{\"result\": {\"evaluated\": [" + manifests.stream().map(m -> "\"" + m.name() + "\"")
                .collect(java.util.stream.Collectors.joining(", ")) + "], \"detections\": [{\"rule\": \"EVIL-001\","
                + " \"manifest\": \"zombie\", \"path\": \"/x\", \"evidence\": {}}]}}";
        try (FakeOpa fake = new FakeOpa(List.of(tiny), FakeOpa.Answer.of(200, body))) {
            String message = fails("engine_invalid_result", settings(fake.url()));
            assertEquals("engine opa reported rule EVIL-001, which no selected pack describes", message);
        }
    }

    private static dev.spendgate.cost.Estimate zero() {
        return new dev.spendgate.cost.Estimate(java.math.BigDecimal.ZERO, "USD", java.math.BigDecimal.ONE, "test",
                List.of(), true, List.of());
    }
}
