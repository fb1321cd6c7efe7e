package dev.spendgate.packs;

import dev.spendgate.engine.Detection;
import dev.spendgate.manifest.Budget;
import dev.spendgate.manifest.BudgetPeriod;
import dev.spendgate.manifest.ModelTier;
import dev.spendgate.policy.Parameters;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import static dev.spendgate.packs.Baseline.assertNone;
import static dev.spendgate.packs.Baseline.assertOne;
import static dev.spendgate.packs.Baseline.assertOnly;
import static dev.spendgate.packs.Baseline.evidence;
import static dev.spendgate.packs.Baseline.num;
import static dev.spendgate.packs.Baseline.run;
import static dev.spendgate.packs.Baseline.with;
import static dev.spendgate.packs.ManifestBuilder.manifest;
import static dev.spendgate.packs.ManifestBuilder.ttl;

/** SG-CHG-001..003 on the precompiled baseline pack: a manifest against its base version. */
class ChangeRulesTest {

    private static ManifestBuilder budget(String amount) {
        return manifest().with(m -> {
            m.budget = new Budget(new BigDecimal(amount), "USD", BudgetPeriod.total);
            return m;
        });
    }

    @Test
    void budgetGrewBeyondTheStep() {
        List<Detection> found = run(budget("1000").against(budget("600")));
        assertOne(found, "SG-CHG-001", "/spec/budget/amount", evidence("oldAmount", num("600"), "newAmount",
                num("1000"), "increase", num("0.6666666666666667"), "limit", num("0.5")));
        assertOnly(found, "SG-CHG-001");
    }

    @Test
    void budgetWithinTheStepOrWithoutABasePasses() {
        assertNone(run(budget("900").against(budget("600"))), "SG-CHG-001"); // exactly 0.5
        assertNone(run(budget("1000")), "SG-CHG-001");
        assertNone(run(budget("1000").against(budget("0"))), "SG-CHG-001");
        assertNone(run(budget("100").against(budget("600"))), "SG-CHG-001");
        assertNone(run(with(new Parameters.Changes(BigDecimal.ONE, null, new BigDecimal(50))), budget("1000").against(budget("600"))), "SG-CHG-001");
    }

    @Test
    void modelTierRaised() {
        ManifestBuilder mid = manifest().with(m -> { m.modelTier = ModelTier.mid; return m; });
        List<Detection> found = run(mid.against(manifest()));
        assertOne(found, "SG-CHG-002", "/spec/modelTier", evidence("oldTier", "small", "newTier", "mid"));
        assertNone(run(manifest().against(manifest().with(m -> { m.modelTier = ModelTier.frontier; return m; }))),
                "SG-CHG-002");
        assertNone(run(manifest().with(m -> { m.modelTier = ModelTier.mid; return m; })
                .against(manifest().with(m -> { m.modelTier = null; return m; }))), "SG-CHG-002");
    }

    @Test
    void ttlExtended() {
        ManifestBuilder shorter = manifest().with(m -> { m.ttl = ttl("12h", Duration.ofHours(12)); return m; });
        List<Detection> found = run(manifest().against(shorter));
        assertOne(found, "SG-CHG-003", "/spec/ttl",
                evidence("oldTtl", "12h", "newTtl", "24h", "oldTtlHours", num("12"), "newTtlHours", num("24")));
        assertOnly(found, "SG-CHG-003");
        assertNone(run(manifest().with(m -> { m.ttl = ttl("1d", Duration.ofDays(1)); return m; })
                .against(manifest())), "SG-CHG-003");
        assertNone(run(manifest().with(m -> { m.ttl = null; return m; }).against(manifest())), "SG-CHG-003");
    }
}
