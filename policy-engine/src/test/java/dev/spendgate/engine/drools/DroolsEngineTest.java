package dev.spendgate.engine.drools;

import dev.spendgate.cost.Estimate;
import dev.spendgate.engine.Detection;
import dev.spendgate.engine.EngineException;
import dev.spendgate.engine.EngineSettings;
import dev.spendgate.engine.EvaluationInput;
import dev.spendgate.engine.ManifestInput;
import dev.spendgate.input.SourceMap;
import dev.spendgate.manifest.Budget;
import dev.spendgate.manifest.Environment;
import dev.spendgate.manifest.Manifest;
import dev.spendgate.manifest.Metadata;
import dev.spendgate.manifest.ModelUse;
import dev.spendgate.manifest.Spec;
import dev.spendgate.manifest.WorkloadKind;
import dev.spendgate.policy.Enforcement;
import dev.spendgate.policy.Pack;
import dev.spendgate.policy.Parameters;
import dev.spendgate.policy.RuleInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Packs from a folder: DRL compiled at run time, and every way such a pack can be wrong. */
class DroolsEngineTest {

    private static final String HEADER = """
            package acme.packs.budgets

            import dev.spendgate.engine.drools.ManifestFact
            import dev.spendgate.engine.drools.ModelFact
            import dev.spendgate.engine.drools.ParamsFact

            global dev.spendgate.engine.drools.Detections detections

            """;

    private static final String BIG_BUDGET = HEADER + """
            rule "ACME-001 budget above 500"
            when
                $m : ManifestFact( budgetAmount != null, budgetAmount > 500 )
            then
                detections.add("ACME-001", $m, "/spec/budget/amount", "amount", $m.getBudgetAmount(), "limit", 500);
            end
            """;

    private static final String NAMED_MODEL = HEADER + """
            rule "ACME-002 no in-house models"
            when
                $model : ModelFact( name str[startsWith] "inhouse-" )
            then
                detections.add("ACME-002", $model, $model.path("name"), "model", $model.getName());
            end
            """;

    @Test
    void folderPackIsCompiledAtRunTimeAndDetects() throws EngineException {
        Pack pack = folderPack(Map.of("budgets.drl", BIG_BUDGET, "models.drl", NAMED_MODEL), "ACME-001", "ACME-002");
        long start = System.nanoTime();
        DroolsPolicies policies = new DroolsEngine().prepare(List.of(pack), EngineSettings.none());
        System.out.println("prepare(folder pack, 2 DRL files): " + (System.nanoTime() - start) / 1_000_000 + " ms");
        assertEquals(Map.of("acme", "compiled at run time from 2 DRL files"), policies.origins());

        List<Detection> found = policies.evaluate(input(manifest("big", "900", "inhouse-7b"), manifest("small", "100", "gpt-4o-mini")))
                .detections();
        assertEquals(2, found.size(), found::toString);
        assertTrue(found.contains(new Detection("ACME-001", "big", "/spec/budget/amount",
                Map.of("amount", new BigDecimal("900"), "limit", 500))));
        assertTrue(found.contains(new Detection("ACME-002", "big", "/spec/models/0/name", Map.of("model", "inhouse-7b"))));
    }

    @Test
    void drlSyntaxErrorNamesPackFileLineAndColumn() {
        String broken = HEADER + """
                rule "ACME-001 broken"
                when
                    $m : ManifestFact( budgetAmount > )
                then
                    detections.add("ACME-001", $m, "/spec/budget");
                end
                """;
        EngineException e = assertThrows(EngineException.class, () -> new DroolsEngine()
                .prepare(List.of(folderPack(Map.of("budgets.drl", broken), "ACME-001")), EngineSettings.none()));
        assertEquals("pack_invalid", e.code());
        assertTrue(e.getMessage().matches("policy/packs/acme/drools/budgets\\.drl:11:39: .+"), e.getMessage());
    }

    /** Errors of the executable model come without a DRL line; the engine finds what they name. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "$m : ManifestFact( budgett > 500 )                  | | 11:24 | budgett > 500",
            "$m : Manifest( )                                    | | 11:10 | Unable to find class: Manifest",
            "$m : ManifestFact( )  | detections.add(\"ACME-001\", $m, $m.getBudget()); | 13:39 | getBudget() is undefined",
    })
    void executableModelErrorsAreLocatedInTheDrl(String condition, String consequence, String at, String says) {
        String wrong = HEADER + "rule \"ACME-001 wrong\"\nwhen\n    " + condition + "\nthen\n    "
                + (consequence == null ? "" : consequence) + "\nend\n";
        EngineException e = assertThrows(EngineException.class, () -> new DroolsEngine()
                .prepare(List.of(folderPack(Map.of("budgets.drl", wrong), "ACME-001")), EngineSettings.none()));
        assertEquals("pack_invalid", e.code());
        assertTrue(e.getMessage().startsWith("policy/packs/acme/drools/budgets.drl:" + at + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(says), e.getMessage());
    }

    @Test
    void packWithoutTheCollectorGlobalIsInvalid() {
        String silent = """
                package acme.packs.silent
                import dev.spendgate.engine.drools.ManifestFact
                rule "nothing to report with"
                when
                    ManifestFact()
                then
                end
                """;
        EngineException e = assertThrows(EngineException.class, () -> new DroolsEngine()
                .prepare(List.of(folderPack(Map.of("silent.drl", silent))), EngineSettings.none()));
        assertEquals("pack_invalid", e.code());
        assertTrue(e.getMessage().contains("declares no global dev.spendgate.engine.drools.Detections detections"), e.getMessage());
    }

    @Test
    void folderPackWithoutDrlIsInvalid() {
        EngineException e = assertThrows(EngineException.class, () -> new DroolsEngine()
                .prepare(List.of(folderPack(Map.of())), EngineSettings.none()));
        assertEquals("pack_invalid", e.code());
        assertTrue(e.getMessage().startsWith("policy/packs/acme/drools: no DRL files"), e.getMessage());
    }

    @Test
    void detectionOfARuleThePackDoesNotDeclareIsAnError() throws EngineException {
        DroolsPolicies policies = new DroolsEngine().prepare(List.of(folderPack(Map.of("b.drl", BIG_BUDGET), "ACME-002")),
                EngineSettings.none());
        EngineException e = assertThrows(EngineException.class, () -> policies.evaluate(input(manifest("big", "900", "m"))));
        assertEquals("pack_invalid", e.code());
        assertEquals("acme/drools: reported rule ACME-001, which acme/pack.yaml does not declare", e.getMessage());
    }

    @Test
    void failingRuleIsAnEngineErrorNeverAPass() throws EngineException {
        String failing = HEADER + """
                rule "ACME-001 divides by zero"
                when
                    $m : ManifestFact()
                then
                    detections.add("ACME-001", $m, "/spec", "ratio", 1 / ($m.getName().length() - 3));
                end
                """;
        DroolsPolicies policies = new DroolsEngine().prepare(List.of(folderPack(Map.of("f.drl", failing), "ACME-001")),
                EngineSettings.none());
        EngineException e = assertThrows(EngineException.class, () -> policies.evaluate(input(manifest("big", "1", "m"))));
        assertEquals("engine_error", e.code());
        assertTrue(e.getMessage().startsWith("acme: a Drools rule failed:"), e.getMessage());
    }

    @Test
    void shippedPackWithoutPrecompiledModelIsInvalid() {
        // policy-engine alone does not carry the rule-packs jar, so there is no model to load
        Pack shipped = new Pack("baseline", "1", "shipped", List.of(), Map.of());
        EngineException e = assertThrows(EngineException.class,
                () -> new DroolsEngine().prepare(List.of(shipped), EngineSettings.none()));
        assertEquals("pack_invalid", e.code());
        assertTrue(e.getMessage().startsWith("shipped pack baseline has no precompiled Drools model"), e.getMessage());
    }

    @Test
    void noPacksNoDetections() throws EngineException {
        DroolsPolicies policies = new DroolsEngine().prepare(List.of(), EngineSettings.none());
        assertEquals(List.of(), policies.evaluate(input(manifest("a", "1", "m"))).detections());
    }

    private static Pack folderPack(Map<String, String> drl, String... ruleIds) {
        List<RuleInfo> rules = java.util.Arrays.stream(ruleIds)
                .map(id -> new RuleInfo(id, id, "budgets", Enforcement.ADVISORY, "", id, "fix it", ""))
                .toList();
        return new Pack("acme", "1.0.0", "policy/packs/acme", rules, Map.of("drools", drl));
    }

    private static EvaluationInput input(ManifestInput... manifests) {
        return new EvaluationInput(Instant.parse("2026-11-22T12:00:00Z"), Parameters.defaults(), List.of(manifests));
    }

    private static ManifestInput manifest(String name, String budget, String model) {
        Metadata metadata = new Metadata(name, "growth-ml", "alice@example.com", Environment.dev, Map.of("costCenter", "CC-1"));
        Spec spec = new Spec(null, null, null, null, new Budget(new BigDecimal(budget), "USD", null), null, null,
                List.of(new ModelUse(model, "openai", 512L, 8000L, 300L, 100L, null, null, true, 2)), null);
        Manifest m = new Manifest(name + ".yaml", 0, WorkloadKind.LlmWorkflow, metadata, spec, Map.of(), new SourceMap(name + ".yaml", Map.of()));
        Estimate estimate = new Estimate(BigDecimal.TEN, "USD", BigDecimal.ONE, "1 day", List.of(), true, List.of());
        return new ManifestInput(m, estimate, Map.of());
    }
}
