package dev.spendgate.packs;

import dev.spendgate.engine.Detection;
import dev.spendgate.manifest.Budget;
import dev.spendgate.manifest.BudgetPeriod;
import dev.spendgate.manifest.Environment;
import dev.spendgate.policy.Parameters;
import dev.spendgate.spend.SpendData;
import dev.spendgate.spend.SpendGroup;
import dev.spendgate.yaml.Ttl;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.spendgate.packs.Baseline.assertNone;
import static dev.spendgate.packs.Baseline.assertOne;
import static dev.spendgate.packs.Baseline.assertOnly;
import static dev.spendgate.packs.Baseline.evidence;
import static dev.spendgate.packs.Baseline.num;
import static dev.spendgate.packs.Baseline.with;
import static dev.spendgate.packs.ManifestBuilder.manifest;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** SG-SPD-001..005 on the precompiled baseline pack, with live spend analysed as the gate does. */
class LiveSpendRulesTest {

    private static final String NAME = "churn-classifier-ft";
    private static final Instant FRESH = Instant.parse("2026-11-22T11:00:00Z");

    /** The manifest with a budget of {@code amount} for {@code period}. */
    private static ManifestBuilder budget(String amount, BudgetPeriod period) {
        return manifest().with(m -> {
            m.budget = new Budget(new BigDecimal(amount), "USD", period);
            return m;
        });
    }

    /** A source whose rows end at {@code newest}: {@code cost} a day on the manifest, each of {@code days}. */
    private static SpendData spend(Instant newest, String cost, String... days) {
        List<SpendGroup> groups = new ArrayList<>();
        for (String d : days) {
            LocalDate day = LocalDate.parse(d);
            Instant end = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            groups.add(new SpendGroup(NAME, "growth-ml", "USD", day, new BigDecimal(cost), 1,
                    end.isAfter(newest) ? newest : end));
        }
        return new SpendData("focus.csv", "EffectiveCost", groups, groups.size(), 0, List.of(), newest);
    }

    private static List<Detection> run(SpendData spend, ManifestBuilder m) {
        return Baseline.runWithSpend(Parameters.defaults(), spend, m);
    }

    private static String[] days(String from, String to) {
        List<String> out = new ArrayList<>();
        for (LocalDate d = LocalDate.parse(from); !d.isAfter(LocalDate.parse(to)); d = d.plusDays(1)) {
            out.add(d.toString());
        }
        return out.toArray(String[]::new);
    }

    @Test
    void spendPastTheWarningThresholdWhichIsExact() {
        List<Detection> found = run(spend(FRESH, "266.67", "2026-11-20"), budget("333.33", BudgetPeriod.monthly));
        assertOne(found, "SG-SPD-001", "/spec/budget/amount", evidence("spent", num("266.67"), "amount", num("333.33"),
                "warnAt", num("0.8"), "threshold", num("266.664"), "currency", "USD", "period", "monthly",
                "costColumn", "EffectiveCost"));
        assertOnly(found, "SG-SPD-001");
        assertNone(run(spend(FRESH, "266.66", "2026-11-20"), budget("333.33", BudgetPeriod.monthly)), "SG-SPD-001");
    }

    @Test
    void spendAtTheBlockThresholdBlocksAndDoesNotWarnAsWell() {
        List<Detection> found = run(spend(FRESH, "333.33", "2026-11-20"), budget("333.33", BudgetPeriod.monthly));
        assertOne(found, "SG-SPD-002", "/spec/budget/amount", evidence("spent", num("333.33"), "amount", num("333.33"),
                "blockAt", num("1.0"), "threshold", num("333.33"), "currency", "USD", "period", "monthly",
                "costColumn", "EffectiveCost"));
        assertOnly(found, "SG-SPD-002");
    }

    @Test
    void thresholdsFromThePolicy() {
        Parameters.LiveSpend d = Parameters.defaults().liveSpend();
        Parameters strict = with(new Parameters.LiveSpend(num("0.25"), num("0.5"), d.maxStaleness(), d.anomalyFactor(),
                d.costColumn(), d.tags()));
        List<Detection> found = Baseline.runWithSpend(strict, spend(FRESH, "250", "2026-11-20"), budget("800", BudgetPeriod.monthly));
        assertOne(found, "SG-SPD-001", "/spec/budget/amount", evidence("spent", num("250"), "amount", num("800"),
                "warnAt", num("0.25"), "threshold", num("200"), "currency", "USD", "period", "monthly",
                "costColumn", "EffectiveCost"));
    }

    @Test
    void noThresholdsWithoutAPositiveBudget() {
        List<Detection> found = run(spend(FRESH, "900", "2026-11-20"), budget("0", BudgetPeriod.monthly));
        assertNone(found, "SG-SPD-001", "SG-SPD-002", "SG-SPD-003");
    }

    @Test
    void forecastToTheExpiryAboveTheBudget() {
        ManifestBuilder m = budget("800", BudgetPeriod.total).with(b -> {
            b.environment = Environment.production;
            b.startsAt = Instant.parse("2026-11-15T00:00:00Z");
            b.ttl = new Ttl("2w", Duration.ofDays(14));
            return b;
        });
        List<Detection> found = run(spend(FRESH, "100", days("2026-11-15", "2026-11-21")), m);
        assertOne(found, "SG-SPD-003", "/spec/budget/amount", evidence("forecast", num("1354"), "amount", num("800"),
                "currency", "USD", "method", "run-rate 100.00/day (mean of 7 full days 2026-11-15..2026-11-21) x 6.54 days"
                        + " to 2026-11-29T00:00:00Z + 700.00 spent since 2026-11-15",
                "end", "2026-11-29T00:00:00Z", "runRate", num("100"), "daysLeft", num("6.54")));
        assertOnly(found, "SG-SPD-001", "SG-SPD-003");
    }

    @Test
    void noForecastForATotalBudgetWithoutAnEnd() {
        ManifestBuilder m = budget("800", BudgetPeriod.total).with(b -> {
            b.environment = Environment.production;
            b.startsAt = null;
            b.ttl = null;
            return b;
        });
        assertNone(run(spend(FRESH, "100", days("2026-11-15", "2026-11-21")), m), "SG-SPD-003");
    }

    @Test
    void anomalyOnTheLastFullDay() {
        ManifestBuilder m = budget("5000", BudgetPeriod.monthly).with(b -> {
            b.environment = Environment.production;
            b.startsAt = null;
            return b;
        });
        SpendData normal = spend(FRESH, "12.50", days("2026-11-13", "2026-11-20"));
        List<SpendGroup> groups = new ArrayList<>(normal.groups());
        groups.add(new SpendGroup(NAME, "growth-ml", "USD", LocalDate.parse("2026-11-21"), num("37.51"), 3,
                Instant.parse("2026-11-22T00:00:00Z")));
        SpendData spiked = new SpendData("focus.csv", "EffectiveCost", groups, 11, 0, List.of(), FRESH);
        List<Detection> found = run(spiked, m);
        assertOne(found, "SG-SPD-004", "/metadata/name", evidence("day", "2026-11-21", "spend", num("37.51"),
                "median", num("12.5"), "factor", num("3.0"), "threshold", num("37.5"), "currency", "USD"));
        assertOnly(found, "SG-SPD-004");
        // a day at the threshold is no anomaly
        groups.set(groups.size() - 1, new SpendGroup(NAME, "growth-ml", "USD", LocalDate.parse("2026-11-21"), num("37.50"),
                3, Instant.parse("2026-11-22T00:00:00Z")));
        assertNone(run(new SpendData("focus.csv", "EffectiveCost", groups, 11, 0, List.of(), FRESH), m), "SG-SPD-004");
    }

    @Test
    void staleSourceConcernsEveryManifest() {
        ManifestBuilder other = manifest().with(m -> { m.name = "churn-eval"; return m; });
        SpendData stale = spend(Instant.parse("2026-11-20T23:30:00Z"), "1", "2026-11-19");
        List<Detection> found = Baseline.of("SG-SPD-005", Baseline.runWithSpend(Parameters.defaults(), stale, manifest(), other));
        Map<String, Object> evidence = evidence("source", "focus.csv", "newestRow", "2026-11-20T23:30:00Z",
                "stalenessHours", num("36.5"), "maxStaleness", "36h", "reason", "has no row newer than liveSpend.maxStaleness");
        assertEquals(Set.of(new Detection("SG-SPD-005", NAME, "/metadata/name", evidence),
                new Detection("SG-SPD-005", "churn-eval", "/metadata/name", evidence)), Set.copyOf(found));
        assertNone(run(spend(Instant.parse("2026-11-21T00:00:00Z"), "1", "2026-11-19"), manifest()), "SG-SPD-005");
    }

    @Test
    void sourceWithoutRows() {
        SpendData empty = new SpendData("empty.csv", "EffectiveCost", List.of(), 0, 0, List.of(), null);
        List<Detection> found = run(empty, manifest());
        assertOne(found, "SG-SPD-005", "/metadata/name", evidence("source", "empty.csv", "newestRow", "none",
                "stalenessHours", "", "maxStaleness", "36h", "reason", "has no rows at all"));
        assertOnly(found, "SG-SPD-005");
    }

    @Test
    void withoutASpendSourceNoLiveSpendRuleApplies() {
        List<Detection> found = Baseline.runWithSpend(Parameters.defaults(), null, budget("10", BudgetPeriod.monthly));
        assertNone(found, "SG-SPD-001", "SG-SPD-002", "SG-SPD-003", "SG-SPD-004", "SG-SPD-005");
    }
}
