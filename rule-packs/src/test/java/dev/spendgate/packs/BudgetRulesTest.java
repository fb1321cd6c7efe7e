package dev.spendgate.packs;

import dev.spendgate.cost.Estimate;
import dev.spendgate.engine.Detection;
import dev.spendgate.manifest.Budget;
import dev.spendgate.manifest.BudgetPeriod;
import dev.spendgate.manifest.Environment;
import dev.spendgate.policy.Parameters;
import dev.spendgate.spend.SpendData;
import dev.spendgate.spend.SpendGroup;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.spendgate.packs.Baseline.assertNone;
import static dev.spendgate.packs.Baseline.assertOne;
import static dev.spendgate.packs.Baseline.assertOnly;
import static dev.spendgate.packs.Baseline.evidence;
import static dev.spendgate.packs.Baseline.num;
import static dev.spendgate.packs.Baseline.of;
import static dev.spendgate.packs.Baseline.run;
import static dev.spendgate.packs.Baseline.runWithSpend;
import static dev.spendgate.packs.Baseline.with;
import static dev.spendgate.packs.ManifestBuilder.estimate;
import static dev.spendgate.packs.ManifestBuilder.manifest;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** SG-BUD-001..005 on the precompiled baseline pack. */
class BudgetRulesTest {

    private static ManifestBuilder budget(String amount, String currency) {
        return manifest().with(m -> {
            m.budget = new Budget(amount == null ? null : new BigDecimal(amount), currency, BudgetPeriod.total);
            return m;
        });
    }

    @Test
    void missingBudget() {
        List<Detection> found = run(manifest().with(m -> { m.budget = null; return m; }));
        assertOne(found, "SG-BUD-001", "/spec/budget", evidence("amount", "", "reason", "missing"));
        assertOnly(found, "SG-BUD-001");
    }

    @Test
    void budgetWithoutAmount() {
        List<Detection> found = run(budget(null, "USD"));
        assertOne(found, "SG-BUD-001", "/spec/budget/amount", evidence("amount", "", "reason", "missing"));
        assertOnly(found, "SG-BUD-001");
    }

    @Test
    void zeroOrNegativeAmount() {
        assertOne(run(budget("0", "USD")), "SG-BUD-001", "/spec/budget/amount",
                evidence("amount", num("0"), "reason", "not positive"));
        List<Detection> negative = run(budget("-50", "USD"));
        assertOne(negative, "SG-BUD-001", "/spec/budget/amount", evidence("amount", num("-50"), "reason", "not positive"));
        // a budget that is not positive cannot be exceeded by the estimate
        assertNone(negative, "SG-BUD-003");
    }

    @Test
    void nonProductionBudgetAboveTheLimit() {
        List<Detection> found = run(budget("1500.50", "EUR").with(m -> { m.estimate = estimate("200"); return m; }));
        assertOne(found, "SG-BUD-002", "/spec/budget/amount",
                evidence("amount", num("1500.5"), "limit", num("1000"), "currency", "EUR"));
        assertOnly(found, "SG-BUD-002");
    }

    @Test
    void budgetAtTheLimitOrInProductionPasses() {
        assertNone(run(budget("1000", "USD")), "SG-BUD-002");
        assertNone(run(budget("90000", "USD").with(m -> { m.environment = Environment.production; return m; })), "SG-BUD-002");
        Parameters higher = with(new Parameters.Budgets(num("2000"), num("5000"), Map.of()));
        assertNone(run(higher, budget("1500", "USD")), "SG-BUD-002");
    }

    @Test
    void estimateAboveTheBudget() {
        ManifestBuilder m = manifest().with(b -> {
            b.estimate = new Estimate(num("2150.40"), "USD", BigDecimal.ONE, "ttl 24h = 1 day", List.of(), false, List.of("H200"));
            return b;
        });
        List<Detection> found = run(m);
        assertOne(found, "SG-BUD-003", "/spec/budget/amount",
                evidence("estimate", num("2150.4"), "amount", num("800"), "currency", "USD", "complete", false));
        assertOnly(found, "SG-BUD-003");
    }

    @Test
    void estimateWithinTheBudgetPasses() {
        assertNone(run(manifest().with(m -> { m.estimate = estimate("800"); return m; })), "SG-BUD-003");
    }

    @Test
    void estimateAboveTheApprovalThreshold() {
        ManifestBuilder m = budget("9000", "USD").with(b -> {
            b.environment = Environment.production;
            b.estimate = estimate("7250");
            return b;
        });
        List<Detection> found = run(m);
        assertOne(found, "SG-BUD-004", "/spec/budget/amount",
                evidence("estimate", num("7250"), "limit", num("5000"), "currency", "USD"));
        assertOnly(found, "SG-BUD-004");
    }

    @Test
    void estimateAtTheApprovalThresholdPasses() {
        ManifestBuilder m = budget("9000", "USD").with(b -> {
            b.environment = Environment.production;
            b.estimate = estimate("5000");
            return b;
        });
        assertNone(run(m), "SG-BUD-004");
    }

    @Test
    void estimateAboveTheThresholdFiresEvenWithoutABudget() {
        List<Detection> found = run(manifest().with(m -> { m.budget = null; m.estimate = estimate("6000"); return m; }));
        assertOne(found, "SG-BUD-004", "/spec/budget/amount",
                evidence("estimate", num("6000"), "limit", num("5000"), "currency", "USD"));
        assertNone(found, "SG-BUD-003");
    }

    /** The manifest named {@code name} in team growth-ml with a budget of {@code amount} for {@code period}. */
    private static ManifestBuilder teamManifest(String name, String amount, BudgetPeriod period) {
        return manifest().with(m -> {
            m.name = name;
            m.environment = Environment.production;
            m.budget = new Budget(new BigDecimal(amount), "USD", period);
            return m;
        });
    }

    private static Parameters teamLimit(String monthly) {
        return with(new Parameters.Budgets(num("1000"), num("5000"), Map.of("growth-ml", num(monthly))));
    }

    @Test
    void teamCommitmentsAboveTheLimitConcernEveryManifestOfTheTeam() {
        ManifestBuilder scoring = teamManifest("churn-scoring", "600", BudgetPeriod.monthly);
        ManifestBuilder eval = teamManifest("churn-eval", "800", BudgetPeriod.total);
        ManifestBuilder search = teamManifest("ranker", "900", BudgetPeriod.monthly).with(m -> { m.team = "search"; return m; });
        SpendData spend = new SpendData("focus.csv", "EffectiveCost", List.of(
                new SpendGroup("churn-eval", null, "USD", LocalDate.parse("2026-11-03"), num("450.004"), 2,
                        Instant.parse("2026-11-04T00:00:00Z")),
                new SpendGroup(null, "growth-ml", "USD", LocalDate.parse("2026-11-05"), num("25"), 1,
                        Instant.parse("2026-11-06T00:00:00Z")),
                new SpendGroup("churn-scoring", null, "USD", LocalDate.parse("2026-11-05"), num("80"), 1,
                        Instant.parse("2026-11-06T00:00:00Z"))),
                4, 0, List.of(), Instant.parse("2026-11-22T11:00:00Z"));
        List<Detection> found = of("SG-BUD-005", runWithSpend(teamLimit("1000"), spend, scoring, eval, search));
        Map<String, Object> evidence = evidence("team", "growth-ml", "commitments", num("1075"), "monthlyBudgets", num("600"),
                "otherMonthToDate", num("475"), "limit", num("1000"), "currency", "USD");
        assertEquals(Set.of(new Detection("SG-BUD-005", "churn-scoring", "/metadata/team", evidence),
                new Detection("SG-BUD-005", "churn-eval", "/metadata/team", evidence)), Set.copyOf(found));
        // without a spend source only the monthly budgets count: 600 is within 1000
        assertNone(runWithSpend(teamLimit("1000"), null, scoring, eval, search), "SG-BUD-005");
    }

    @Test
    void monthlyBudgetsAboveTheLimitWithoutLiveSpend() {
        List<Detection> found = runWithSpend(teamLimit("999.99"), null, teamManifest("churn-scoring", "600", BudgetPeriod.monthly),
                teamManifest("churn-batch", "400", BudgetPeriod.monthly));
        Map<String, Object> evidence = evidence("team", "growth-ml", "commitments", num("1000"), "monthlyBudgets", num("1000"),
                "otherMonthToDate", num("0"), "limit", num("999.99"), "currency", "USD");
        assertEquals(Set.of(new Detection("SG-BUD-005", "churn-scoring", "/metadata/team", evidence),
                new Detection("SG-BUD-005", "churn-batch", "/metadata/team", evidence)), Set.copyOf(found));
    }

    @Test
    void teamCommitmentsAtTheLimitOrWithoutALimitPass() {
        ManifestBuilder scoring = teamManifest("churn-scoring", "600", BudgetPeriod.monthly);
        ManifestBuilder batch = teamManifest("churn-batch", "400", BudgetPeriod.monthly);
        assertNone(runWithSpend(teamLimit("1000"), null, scoring, batch), "SG-BUD-005");
        assertNone(runWithSpend(Parameters.defaults(), null, scoring, batch), "SG-BUD-005");
    }
}
