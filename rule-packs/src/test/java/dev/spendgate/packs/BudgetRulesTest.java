package dev.spendgate.packs;

import dev.spendgate.cost.Estimate;
import dev.spendgate.manifest.Budget;
import dev.spendgate.manifest.BudgetPeriod;
import dev.spendgate.manifest.Environment;
import dev.spendgate.policy.Detection;
import dev.spendgate.policy.Parameters;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static dev.spendgate.packs.Baseline.assertNone;
import static dev.spendgate.packs.Baseline.assertOne;
import static dev.spendgate.packs.Baseline.assertOnly;
import static dev.spendgate.packs.Baseline.evidence;
import static dev.spendgate.packs.Baseline.num;
import static dev.spendgate.packs.Baseline.run;
import static dev.spendgate.packs.Baseline.with;
import static dev.spendgate.packs.ManifestBuilder.estimate;
import static dev.spendgate.packs.ManifestBuilder.manifest;

/** SG-BUD-001..004 on the precompiled baseline pack. */
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
}
