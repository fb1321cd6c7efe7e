package dev.spendgate.spend;

import dev.spendgate.manifest.Manifest;
import dev.spendgate.manifest.ManifestLoader;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class SpendAnalysisTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    private static List<Manifest> manifests(String yaml) {
        ManifestLoader.Result r = new ManifestLoader().read(List.of(
                new ManifestLoader.Source("m.yaml", yaml.getBytes(StandardCharsets.UTF_8))));
        assertEquals(List.of(), r.problems());
        return r.manifests();
    }

    private static final String MONTHLY = """
            apiVersion: spendgate.dev/v1
            kind: InferenceEndpoint
            metadata: {name: rerank, team: search, owner: a@example.com, environment: production, costCenter: CC-1}
            spec:
              purpose: rerank
              budget: {amount: 3000, currency: USD, period: monthly}
            ---
            apiVersion: spendgate.dev/v1
            kind: TrainingJob
            metadata: {name: churn-ft, team: growth-ml, owner: b@example.com, environment: dev, costCenter: CC-2}
            spec:
              purpose: fine-tune
              budget: {amount: 800, currency: USD, period: total}
              ttl: 10d
              startsAt: 2026-11-18T00:00:00Z
            ---
            apiVersion: spendgate.dev/v1
            kind: Experiment
            metadata: {name: no-expiry, team: growth-ml, owner: b@example.com, environment: dev, costCenter: CC-2}
            spec:
              purpose: explore
              budget: {amount: 100, currency: USD}
            """;

    private static SpendGroup g(String manifest, String team, String day, String cost) {
        LocalDate d = LocalDate.parse(day);
        return new SpendGroup(manifest, team, "USD", d, new BigDecimal(cost), 1,
                d.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
    }

    @Test
    void spendIsAttributedForecastAndComparedWithTheWeekBefore() {
        List<SpendGroup> groups = new ArrayList<>();
        // rerank: 100/day from Oct 28 to Nov 20, then 500 on Nov 21 (an anomaly: median 100)
        for (LocalDate d = LocalDate.parse("2026-10-28"); d.isBefore(LocalDate.parse("2026-11-21")); d = d.plusDays(1)) {
            groups.add(g("rerank", "search", d.toString(), "100"));
        }
        groups.add(g("rerank", "search", "2026-11-21", "500"));
        // churn-ft: 50 on Nov 17 (before its start), 60/day Nov 18..21
        groups.add(g("churn-ft", "growth-ml", "2026-11-17", "50"));
        for (String d : List.of("2026-11-18", "2026-11-19", "2026-11-20", "2026-11-21")) {
            groups.add(g("churn-ft", null, d, "60"));
        }
        // unattributed: a manifest not in the run, and a row without tags
        groups.add(g("gone", "search", "2026-11-21", "30"));
        groups.add(g(null, null, "2026-11-21", "10.005"));
        // another currency is not summed, but counted as bad
        groups.add(new SpendGroup("rerank", "search", "EUR", LocalDate.parse("2026-11-21"), BigDecimal.TEN, 4,
                Instant.parse("2026-11-22T00:00:00Z")));
        SpendData data = new SpendData("spend.csv", "EffectiveCost", groups, 200, 2, List.of(),
                Instant.parse("2026-11-22T00:00:00Z"));

        SpendSnapshot s = SpendAnalysis.analyse(data, "USD", manifests(MONTHLY),
                Map.of("search", new BigDecimal("2500")), NOW);

        assertEquals(new BigDecimal("12"), s.stalenessHours());
        assertEquals(LocalDate.parse("2026-11-21"), s.lastFullDay());
        assertEquals(6L, s.badRowCount());
        assertEquals(List.of("EUR"), s.otherCurrencies());

        ManifestSpend rerank = s.manifests().get("rerank");
        assertEquals("monthly", rerank.period());
        assertEquals(new BigDecimal("2500.00"), rerank.monthToDate()); // 20 x 100 + 500
        assertEquals(rerank.monthToDate(), rerank.spent());
        // run-rate: (6 x 100 + 500) / 7 = 157.142857...; 9 days from the end of the data (Nov 22 00:00) to Dec 1
        Forecast f = rerank.forecast();
        assertNotNull(f);
        assertEquals(new BigDecimal("157.14"), f.runRate());
        assertEquals(new BigDecimal("9"), f.daysLeft());
        assertEquals(new BigDecimal("3914.29"), f.amount()); // 2500 + 157.142857 x 9 = 3914.2857...
        assertEquals(Instant.parse("2026-12-01T00:00:00Z"), f.end());
        assertEquals("run-rate 157.14/day (mean of 7 full days 2026-11-15..2026-11-21) x 9 days to "
                + "2026-12-01T00:00:00Z + 2500.00 spent this month", f.method());
        Anomaly a = rerank.anomaly();
        assertEquals(new BigDecimal("500.00"), a.spend());
        assertEquals(new BigDecimal("100.00"), a.median());
        assertEquals(LocalDate.parse("2026-11-14"), a.before().get(0).day());

        ManifestSpend churn = s.manifests().get("churn-ft");
        assertEquals("total", churn.period());
        assertEquals(new BigDecimal("240.00"), churn.sinceStart()); // Nov 17 is before startsAt
        assertEquals(new BigDecimal("290.00"), churn.monthToDate());
        // expires Nov 28 00:00; 4 full days from Nov 18 at 60/day; 6 days left from Nov 22 00:00
        assertEquals(new BigDecimal("600.00"), churn.forecast().amount());
        assertEquals(4, churn.forecast().basisDays());
        assertNull(churn.anomaly(), "fewer than 7 days of history");

        ManifestSpend none = s.manifests().get("no-expiry");
        assertEquals(new BigDecimal("0.00"), none.spent());
        assertNull(none.forecast());
        assertEquals("no forecast: a total budget without startsAt and ttl has no end to forecast to", none.forecastNote());

        // rows tagged search (+ rerank through its manifest) and growth-ml (team tag or churn-ft's team)
        TeamSpend search = s.teams().get("search");
        assertEquals(new BigDecimal("2530.00"), search.monthToDate());
        assertEquals(new BigDecimal("3000"), search.monthlyBudgets());
        assertEquals(List.of("rerank"), search.monthlyManifests());
        assertEquals(new BigDecimal("30.00"), search.otherMonthToDate());
        assertEquals(new BigDecimal("3030.00"), search.commitments());
        assertEquals(new BigDecimal("2500"), search.limit());
        assertEquals(new BigDecimal("290.00"), s.teams().get("growth-ml").otherMonthToDate());

        // 2500 + 100 x 4 (Oct 28..31) + 290 = 3190 attributed; 40.005 not
        assertEquals(new BigDecimal("3230.00"), s.total()); // 3230.005, half-even
        assertEquals(new BigDecimal("3190.00"), s.attributed());
        assertEquals(new BigDecimal("40.00"), s.unattributed());
        assertEquals(new BigDecimal("98.8"), s.coverage());
        assertEquals("gone", s.unattributedBy().get(0).manifestTag());
        assertNull(s.unattributedBy().get(1).manifestTag());
    }

    @Test
    void withoutRowsThereIsNothingToForecastAndStalenessIsUnknown() {
        SpendData empty = new SpendData("empty.csv", "EffectiveCost", List.of(), 0, 0, List.of(), null);
        SpendSnapshot s = SpendAnalysis.analyse(empty, "USD", manifests(MONTHLY), Map.of(), NOW);
        assertNull(s.newestRow());
        assertNull(s.stalenessHours());
        assertNull(s.coverage());
        assertEquals("no forecast: the source has no spend rows", s.manifests().get("rerank").forecastNote());
    }

    @Test
    void teamsWithoutSpendCountOnlyMonthlyBudgets() {
        Map<String, TeamSpend> teams = SpendAnalysis.teams(manifests(MONTHLY), Map.of(), NOW);
        assertEquals(new BigDecimal("3000.00"), teams.get("search").commitments());
        assertEquals(new BigDecimal("0.00"), teams.get("growth-ml").commitments());
        assertNull(teams.get("search").limit());
    }

    @Test
    void spendIsJudgedInTheBudgetsCurrency() {
        assertEquals("USD", SpendAnalysis.budgetCurrency(manifests(MONTHLY)));
        assertEquals("USD", SpendAnalysis.budgetCurrency(List.of()));
    }
}
