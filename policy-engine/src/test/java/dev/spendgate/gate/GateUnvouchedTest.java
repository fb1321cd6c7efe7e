package dev.spendgate.gate;

import dev.spendgate.cost.EstimateResult;
import dev.spendgate.cost.Estimator;
import dev.spendgate.cost.PriceCatalog;
import dev.spendgate.engine.Detection;
import dev.spendgate.engine.EngineResult;
import dev.spendgate.engine.PreparedPolicies;
import dev.spendgate.input.Diagnostic;
import dev.spendgate.manifest.Manifest;
import dev.spendgate.manifest.ManifestLoader;
import dev.spendgate.policy.Enforcement;
import dev.spendgate.policy.Pack;
import dev.spendgate.policy.PolicySet;
import dev.spendgate.policy.RuleInfo;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The gate's own judgement of incomplete estimates, whatever the engine: rules that judge the
 * estimate and did not fire say they could not vouch for it.
 */
class GateUnvouchedTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    private static final RuleInfo FITS_BUDGET = rule("T-BUD-1", List.of(RuleInfo.NEEDS_ESTIMATE, RuleInfo.NEEDS_BUDGET));
    private static final RuleInfo APPROVAL = rule("T-BUD-2", List.of(RuleInfo.NEEDS_ESTIMATE));
    private static final RuleInfo OTHER = rule("T-OWN-1", List.of());

    private static RuleInfo rule(String id, List<String> needs) {
        return new RuleInfo(id, id + " title", "budgets", Enforcement.HARD_MANDATORY, "", id + " fired", "fix it", "",
                needs);
    }

    private static final String MANIFESTS = """
            apiVersion: spendgate.dev/v1
            kind: LlmWorkflow
            metadata: {name: budgeted, team: t, environment: dev}
            spec:
              budget: {amount: 800, currency: USD}
              ttl: 24h
              models:
                - {name: acme-llm, provider: acme, requestsPerDay: 100, avgInputTokens: 10, avgOutputTokens: 10}
                - {name: gpt-4o-mini, provider: openai, requestsPerDay: 1000, avgInputTokens: 1000, avgOutputTokens: 100}
              compute: {gpuType: H900, gpuCount: 1, hours: 2}
            ---
            apiVersion: spendgate.dev/v1
            kind: Experiment
            metadata: {name: unbudgeted, team: t, environment: dev}
            spec:
              models:
                - {name: acme-llm, provider: acme}
            ---
            apiVersion: spendgate.dev/v1
            kind: Experiment
            metadata: {name: priced, team: t, environment: dev}
            spec:
              budget: {amount: 800}
              models:
                - {name: gpt-4o-mini, provider: openai, requestsPerDay: 10}
            """;

    private final List<Manifest> manifests = manifests();
    private final Estimator estimator = new Estimator(PriceCatalog.shipped());
    private final Function<Manifest, Priced> pricing = m -> {
        EstimateResult r = estimator.estimate(m);
        return new Priced(r.estimate(), Map.of(), r.diagnostics());
    };

    private static List<Manifest> manifests() {
        ManifestLoader.Result r = new ManifestLoader().read(List.of(
                new ManifestLoader.Source("m.yaml", MANIFESTS.getBytes(StandardCharsets.UTF_8))));
        assertEquals(List.of(), r.problems());
        return r.manifests();
    }

    private GateReport run(Set<String> firing) throws Exception {
        Gate gate = new Gate("test", PolicySet.defaults(), List.of(
                new Pack("t", "1", "test", List.of(OTHER, FITS_BUDGET, APPROVAL), Map.of())));
        PreparedPolicies engine = input -> new EngineResult(firing.stream()
                .map(f -> new Detection(f.split("@")[0], f.split("@")[1], "/spec/budget/amount", Map.of())).toList(),
                Map.of());
        return gate.evaluate("fake", engine, manifests, Map.of(), pricing, NOW, null);
    }

    private static List<String> unvouched(GateReport report) {
        return report.diagnostics().stream().filter(d -> d.code().equals(Gate.ESTIMATE_UNVOUCHED))
                .map(Diagnostic::toString).toList();
    }

    @Test
    void rulesThatDidNotFireSayTheyCouldNotVouchForAnIncompleteEstimate() throws Exception {
        GateReport report = run(Set.of());
        assertEquals(List.of(
                "m.yaml:5:12: warning: T-BUD-1 could not vouch for 'budgeted': the estimate is incomplete (unpriced"
                        + " GPU type 'H900', model 'acme-llm'), so a budget of 800 USD may not cover it",
                "m.yaml:5:12: warning: T-BUD-2 could not vouch for 'budgeted': the estimate is incomplete (unpriced"
                        + " GPU type 'H900', model 'acme-llm'), so the real cost may be more than the 0.21 USD it was"
                        + " judged on",
                // no budget: the budget rule does not apply; the manifest itself is the place
                "m.yaml:15:1: warning: T-BUD-2 could not vouch for 'unbudgeted': the estimate is incomplete (unpriced"
                        + " model 'acme-llm'), so the real cost may be more than the 0.00 USD it was judged on"),
                unvouched(report));
        // the estimator's own warnings are there too, and the rules' diagnostics do not change verdicts
        assertEquals(3, report.diagnostics().stream().filter(d -> d.code().startsWith("unpriced_")).count());
        assertEquals(List.of(Verdict.PASS, Verdict.PASS, Verdict.PASS),
                report.manifests().stream().map(ManifestReport::verdict).toList());
    }

    @Test
    void aRuleThatFiredNeedsNoSuchWord() throws Exception {
        GateReport report = run(Set.of("T-BUD-1@budgeted", "T-BUD-2@unbudgeted"));
        assertEquals(List.of(
                "m.yaml:5:12: warning: T-BUD-2 could not vouch for 'budgeted': the estimate is incomplete (unpriced"
                        + " GPU type 'H900', model 'acme-llm'), so the real cost may be more than the 0.21 USD it was"
                        + " judged on"), unvouched(report));
        assertEquals(Verdict.FAIL, report.manifests().get(0).verdict());
    }
}
