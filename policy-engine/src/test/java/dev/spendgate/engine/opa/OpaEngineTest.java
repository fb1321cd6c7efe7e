package dev.spendgate.engine.opa;

import dev.spendgate.cases.CaseReader;
import dev.spendgate.cases.CaseResult;
import dev.spendgate.cases.CaseRunner;
import dev.spendgate.cases.PackCase;
import dev.spendgate.cases.PackCases;
import dev.spendgate.engine.EngineException;
import dev.spendgate.engine.EngineSettings;
import dev.spendgate.engine.PolicyEngines;
import dev.spendgate.engine.opa.testing.OpaServer;
import dev.spendgate.engine.opa.testing.Parity;
import dev.spendgate.gate.GateReport;
import dev.spendgate.manifest.Manifest;
import dev.spendgate.policy.Pack;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OPA engine against a real {@code opa run --server} serving the tiny test pack: the same
 * findings as Drools on every case, the input contract, chunking, the report's decision id and
 * bundle revision, and the check that the server serves the selected packs.
 */
class OpaEngineTest {

    @TempDir
    static Path tmp;

    static Pack tiny;
    static OpaServer opa;

    @BeforeAll
    static void startOpa() {
        tiny = TinyPack.load();
        opa = OpaServer.withPacks(List.of(tiny), tmp);
    }

    @AfterAll
    static void stopOpa() {
        if (opa != null) {
            opa.close();
        }
    }

    static EngineSettings settings(String... keysAndValues) {
        Map<String, String> map = new HashMap<>();
        map.put(OpaEngine.URL, opa.url());
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new EngineSettings(map);
    }

    @Test
    void theEngineIsRegistered() {
        assertTrue(PolicyEngines.ids().contains("opa"), PolicyEngines.ids().toString());
    }

    @TestFactory
    Stream<DynamicTest> everyTinyCasePassesOnBothEnginesWithTheSameFindings() throws Exception {
        CaseRunner drools = new CaseRunner("drools", EngineSettings.none(), "test");
        CaseRunner onOpa = new CaseRunner("opa", settings(), "test");
        List<DynamicTest> tests = new ArrayList<>();
        for (PackCases.CaseFile file : PackCases.inFolder(TinyPack.DIR, "tiny")) {
            for (PackCase c : new CaseReader().read(file.display(), file.bytes())) {
                tests.add(DynamicTest.dynamicTest(c.id(), () -> {
                    CaseResult d = drools.run(tiny, c, file.display(), TinyPack.DIR);
                    CaseResult o = onOpa.run(tiny, c, file.display(), TinyPack.DIR);
                    assertTrue(d.passed(), () -> "drools: " + d.failures());
                    assertTrue(o.passed(), () -> "opa: " + o.failures());
                    assertNull(Parity.explain(c.id(), "drools", d.report(), "opa", o.report()));
                }));
            }
        }
        assertEquals(3, tests.size());
        return tests.stream();
    }

    @Test
    void theReportCarriesOpasDecisionIdAndTheBundleRevision() throws EngineException {
        List<Manifest> manifests = TinyPack.manifests(tmp, TinyPack.MANIFESTS);
        GateReport report = TinyPack.check(List.of(tiny), manifests, "opa", settings());
        assertEquals("opa", report.engine());
        assertTrue(report.engineMetadata().get("decision_id").matches("[0-9a-f-]{36}"), report.engineMetadata().toString());
        assertEquals("test-revision", report.engineMetadata().get("bundle_revision"));
        GateReport onDrools = TinyPack.check(List.of(tiny), manifests, "drools", EngineSettings.none());
        assertNull(Parity.explain("two manifests", "drools", onDrools, "opa", report));
        assertFalse(Parity.lines(report).stream().filter(l -> l.contains("TINY-")).toList().isEmpty());
    }

    @Test
    void largeRunsGoInChunksOfBatchManifestsWithTheSameFindings() throws EngineException {
        List<Manifest> manifests = TinyPack.manifests(tmp, TinyPack.MANIFESTS);
        GateReport whole = TinyPack.check(List.of(tiny), manifests, "opa", settings());
        GateReport chunked = TinyPack.check(List.of(tiny), manifests, "opa", settings(OpaEngine.BATCH, "1"));
        assertEquals(2, chunked.engineMetadata().get("decision_id").split(",").length, chunked.engineMetadata().toString());
        assertEquals(1, whole.engineMetadata().get("decision_id").split(",").length);
        assertNull(Parity.explain("batch 1", "one request", whole, "two requests", chunked));
    }

    @Test
    void theInputDocumentFollowsTheContract() throws Exception {
        List<Manifest> manifests = TinyPack.manifests(tmp, TinyPack.MANIFESTS);
        Path dump = tmp.resolve("dump/input.json");
        TinyPack.check(List.of(tiny), manifests, "opa", settings(OpaEngine.DUMP_INPUT, dump.toString()));
        JsonObject input;
        try (Reader r = Files.newBufferedReader(dump); JsonReader json = Json.createReader(r)) {
            input = json.readObject();
        }
        assertEquals("2026-11-22T12:00:00Z", input.getString("now"));
        JsonObject params = input.getJsonObject("params");
        assertEquals(List.of("budgets", "changes", "expiry", "gpu", "liveSpend", "modelSelection", "ownership", "tokens"),
                params.keySet().stream().sorted().toList());
        assertEquals("{\"maxTtl\":\"24h\",\"maxTtlHours\":24}", params.getJsonObject("expiry").toString());
        assertEquals("{\"warnAt\":0.8,\"blockAt\":1.0,\"maxStaleness\":\"36h\",\"maxStalenessHours\":36,\"anomalyFactor\":3.0,"
                + "\"costColumn\":\"EffectiveCost\",\"tags\":{\"manifest\":\"spendgate-manifest\",\"team\":\"team\"}}",
                params.getJsonObject("liveSpend").toString());
        assertEquals("{\"requiredTags\":[\"costCenter\"],\"teams\":[]}", params.getJsonObject("ownership").toString());
        assertEquals("{\"frontierTaskTypes\":[\"reasoning\",\"generation\"],\"allowedModels\":{}}",
                params.getJsonObject("modelSelection").toString());

        JsonObject zombie = input.getJsonArray("manifests").getJsonObject(0);
        assertEquals("zombie", zombie.getString("name"));
        assertEquals("manifests.yaml", zombie.getString("file"));
        // as parsed: the instant as written, numbers as numbers, absent keys absent
        JsonObject spec = zombie.getJsonObject("document").getJsonObject("spec");
        assertEquals("2026-10-01T09:30:00+02:00", spec.getString("startsAt"));
        assertEquals("{\"amount\":0.5}", spec.getJsonObject("budget").toString());
        assertFalse(spec.containsKey("compute"));
        // derived as the Drools facts see it
        assertEquals("{\"tags\":{\"project\":\"p\",\"tier\":\"gold\"},\"ttlHours\":336,"
                + "\"startsAt\":\"2026-10-01T07:30:00Z\",\"expiresAt\":\"2026-10-15T07:30:00Z\"}",
                zombie.getJsonObject("derived").toString());
        assertEquals("{\"gpt-4o\":\"frontier\"}", zombie.getJsonObject("catalogTiers").toString());
        JsonObject estimate = zombie.getJsonObject("estimate");
        assertEquals(List.of("total", "currency", "complete"), List.copyOf(estimate.keySet()));
        assertFalse(estimate.getBoolean("complete"));

        JsonObject tidy = input.getJsonArray("manifests").getJsonObject(1);
        assertEquals("{\"tags\":{\"costCenter\":\"CC-1\"},\"ttlHours\":36}", tidy.getJsonObject("derived").toString());
    }

    @Test
    void prepareRefusesAServerThatServesOtherPacksOrVersions() throws Exception {
        Pack newer = new Pack(tiny.id(), "2.0", tiny.origin(), tiny.rules(), tiny.sources());
        EngineException e = assertThrows(EngineException.class,
                () -> new OpaEngine().prepare(List.of(newer), settings()));
        assertEquals("engine_policy_mismatch", e.code());
        assertEquals(opaAt() + " does not serve the selected packs: pack tiny is served at version 1.0, not 2.0"
                + " (rebuild the bundle with `spendgate packs bundle` for this policy set)", e.getMessage());

        Pack other = new Pack("acme", "1", "./acme", List.of(), Map.of());
        e = assertThrows(EngineException.class, () -> new OpaEngine().prepare(List.of(tiny, other), settings()));
        assertTrue(e.getMessage().contains("pack acme 1 is not served"), e.getMessage());

        e = assertThrows(EngineException.class, () -> new OpaEngine().prepare(List.of(), settings()));
        assertTrue(e.getMessage().contains("pack tiny 1.0 is served but not selected by the policy set"), e.getMessage());
    }

    @Test
    void aServerWithoutSpendgateMetadataIsRefused() throws IOException {
        Path plain = Files.createDirectories(tmp.resolve("plain/spendgate/decision"));
        Files.writeString(plain.resolve("d.rego"), "package spendgate.decision\n\ndetections := []\n");
        try (OpaServer other = OpaServer.start(plain.getParent().getParent())) {
            EngineException e = assertThrows(EngineException.class, () -> new OpaEngine().prepare(List.of(tiny),
                    new EngineSettings(Map.of(OpaEngine.URL, other.url()))));
            assertEquals("engine_policy_mismatch", e.code());
            assertEquals("OPA at " + other.url() + " serves no spendgate packs (data.spendgate.meta.packs is undefined):"
                    + " load the bundle of `spendgate packs bundle`", e.getMessage());
        }
    }

    @Test
    void badSettingsAreNamed() {
        EngineException e = assertThrows(EngineException.class,
                () -> new OpaEngine().prepare(List.of(tiny), settings(OpaEngine.READ_TIMEOUT, "soon")));
        assertEquals("engine_settings", e.code());
        assertEquals("opa.readTimeout: 'soon' is not a duration like 500ms, 2s or 1m", e.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> new OpaEngine().validate(new EngineSettings(Map.of(OpaEngine.URL, "ftp://x"))));
        assertEquals("opa.url: 'ftp://x' is not an http:// or https:// URL", bad.getMessage());
        bad = assertThrows(IllegalArgumentException.class,
                () -> new OpaEngine().validate(new EngineSettings(Map.of(OpaEngine.URL, "http://u:p@host:1"))));
        assertTrue(bad.getMessage().contains("no user, query or fragment"), bad.getMessage());
        assertEquals("spendgate/decision", OpaSettings.decisionPath("data.spendgate.decision"));
        assertEquals("acme/gate", OpaSettings.decisionPath("/acme/gate/"));
        assertThrows(IllegalArgumentException.class, () -> OpaSettings.decisionPath("a/../b"));
        assertEquals("EngineSettings{opa.token=***, opa.url=http://x}",
                new EngineSettings(Map.of(OpaEngine.URL, "http://x", OpaEngine.TOKEN, "s3cret")).toString());
    }

    private static String opaAt() {
        return "OPA at " + opa.url();
    }
}
