package dev.spendgate.report.spend;

import dev.spendgate.manifest.Budget;
import dev.spendgate.manifest.BudgetPeriod;
import dev.spendgate.manifest.Manifest;
import dev.spendgate.policy.Parameters;
import dev.spendgate.policy.PolicySet;
import dev.spendgate.spend.Anomaly;
import dev.spendgate.spend.ManifestSpend;
import dev.spendgate.spend.SpendAnalysis;
import dev.spendgate.spend.SpendData;
import dev.spendgate.spend.SpendSnapshot;
import dev.spendgate.spend.TeamSpend;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The burn and attribution report of {@code spendgate spend}: a spend snapshot judged against the
 * budgets of the manifests and teams with the policy set's live-spend thresholds. What every spend
 * renderer prints; renderers only format it.
 *
 * @param manifests      by manifest name, every manifest whose budget is in the snapshot's currency
 * @param teams          by team name
 * @param maxStaleness   {@code liveSpend.maxStaleness} in hours
 * @param stale          the newest row is older than {@code maxStaleness} (or there is no row)
 */
public record SpendReport(String toolVersion, String policy, SpendSnapshot spend, List<ManifestBurn> manifests,
                          List<TeamBurn> teams, BigDecimal warnAt, BigDecimal blockAt, BigDecimal anomalyFactor,
                          BigDecimal maxStaleness, boolean stale) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal SECONDS_PER_DAY = BigDecimal.valueOf(86_400);

    public SpendReport {
        Objects.requireNonNull(toolVersion, "toolVersion == null");
        Objects.requireNonNull(policy, "policy == null");
        Objects.requireNonNull(spend, "spend == null");
        manifests = List.copyOf(manifests);
        teams = List.copyOf(teams);
        Objects.requireNonNull(warnAt, "warnAt == null");
        Objects.requireNonNull(blockAt, "blockAt == null");
        Objects.requireNonNull(anomalyFactor, "anomalyFactor == null");
        Objects.requireNonNull(maxStaleness, "maxStaleness == null");
    }

    /** Where a manifest's spend stands against its budget, worst first. */
    public enum Status {
        /** Spend to date ≥ {@code blockAt} × budget (SG-SPD-002). */
        OVER("over"),
        /** The forecast at the end of the budget period exceeds the budget (SG-SPD-003). */
        FORECAST_OVER("forecast-over"),
        /** Spend to date ≥ {@code warnAt} × budget (SG-SPD-001). */
        WARN("warn"),
        OK("ok"),
        /** No positive budget amount to burn against (SG-BUD-001 reports it). */
        NO_BUDGET("no-budget");

        private final String wireName;

        Status(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** Where a team's month stands against {@code budgets.teams.<team>.monthly}. */
    public enum TeamStatus {
        /** Month-to-date spend ≥ {@code blockAt} × limit. */
        OVER("over"),
        /** Monthly budgets plus uncovered spend exceed the limit (SG-BUD-005). */
        OVER_COMMITTED("over-committed"),
        /** Month-to-date spend ≥ {@code warnAt} × limit. */
        WARN("warn"),
        OK("ok"),
        /** The policy sets no monthly limit for the team. */
        NO_LIMIT("no-limit");

        private final String wireName;

        TeamStatus(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /**
     * The last full day against the median of the 7 days before it.
     *
     * @param factor    {@code spend / median} to two decimals; null when the median is 0
     * @param threshold {@code liveSpend.anomalyFactor}
     * @param anomalous {@code spend > threshold × median} (SG-SPD-004)
     */
    public record AnomalyCheck(LocalDate day, BigDecimal spend, BigDecimal median, BigDecimal factor,
                               BigDecimal threshold, boolean anomalous) {

        public AnomalyCheck {
            Objects.requireNonNull(day, "day == null");
            Objects.requireNonNull(spend, "spend == null");
            Objects.requireNonNull(median, "median == null");
            Objects.requireNonNull(threshold, "threshold == null");
        }
    }

    /**
     * One manifest's burn.
     *
     * @param budget          the budget amount, or null when it has none
     * @param percentOfBudget {@code spent / budget} in per cent, one decimal; null without a budget
     * @param startDay        the UTC day of {@code spec.startsAt}, or null: a total budget counts spend since then
     * @param ttlDays         {@code spec.ttl} in days, or null: a total budget's daily rate is budget / ttlDays
     * @param anomaly         null when there are not 7 days of history before the last full day
     */
    public record ManifestBurn(String name, String file, String team, BigDecimal budget, String period,
                               ManifestSpend spend, BigDecimal percentOfBudget, Status status,
                               LocalDate startDay, BigDecimal ttlDays, AnomalyCheck anomaly) {

        public ManifestBurn {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(file, "file == null");
            Objects.requireNonNull(period, "period == null");
            Objects.requireNonNull(spend, "spend == null");
            Objects.requireNonNull(status, "status == null");
        }

        /**
         * The budget of one day, for charts: a monthly budget over the days of that day's month, a
         * total budget over its TTL in days; null when the budget has no such rate.
         */
        public BigDecimal dailyBudget(LocalDate day) {
            if (budget == null || budget.signum() <= 0) {
                return null;
            }
            if (period.equals("monthly")) {
                return budget.divide(BigDecimal.valueOf(day.lengthOfMonth()), 2, RoundingMode.HALF_EVEN);
            }
            return ttlDays == null || ttlDays.signum() <= 0 ? null : budget.divide(ttlDays, 2, RoundingMode.HALF_EVEN);
        }
    }

    /**
     * One team's month.
     *
     * @param percentOfLimit month-to-date spend / limit in per cent, one decimal; null without a limit
     */
    public record TeamBurn(TeamSpend spend, BigDecimal percentOfLimit, TeamStatus status) {

        public TeamBurn {
            Objects.requireNonNull(spend, "spend == null");
            Objects.requireNonNull(status, "status == null");
        }

        public String name() {
            return spend.team();
        }
    }

    /**
     * The report of {@code data} for {@code manifests} under {@code policy} at {@code now}: spend is
     * judged in the budgets' currency ({@link SpendAnalysis#budgetCurrency}), as the gate does.
     */
    public static SpendReport of(String toolVersion, PolicySet policy, List<Manifest> manifests, SpendData data,
                                 Instant now) {
        Parameters p = policy.parameters();
        Parameters.LiveSpend live = p.liveSpend();
        SpendSnapshot snapshot = SpendAnalysis.analyse(data, SpendAnalysis.budgetCurrency(manifests), manifests,
                p.budgets().teamMonthly(), now);
        Map<String, Manifest> byName = new LinkedHashMap<>();
        for (Manifest m : manifests) {
            byName.putIfAbsent(m.name(), m);
        }
        List<ManifestBurn> burns = new ArrayList<>();
        for (ManifestSpend s : snapshot.manifests().values()) {
            burns.add(burn(byName.get(s.manifest()), s, live));
        }
        List<TeamBurn> teams = new ArrayList<>();
        for (TeamSpend t : snapshot.teams().values()) {
            teams.add(team(t, live));
        }
        BigDecimal maxStaleness = live.maxStaleness().hours();
        boolean stale = snapshot.stalenessHours() == null || snapshot.stalenessHours().compareTo(maxStaleness) > 0;
        return new SpendReport(toolVersion, policy.name(), snapshot, burns, teams, live.warnAt(), live.blockAt(),
                live.anomalyFactor(), maxStaleness, stale);
    }

    private static ManifestBurn burn(Manifest m, ManifestSpend s, Parameters.LiveSpend live) {
        Budget b = m.spec().budget();
        BigDecimal budget = b == null ? null : b.amount();
        boolean hasBudget = budget != null && budget.signum() > 0;
        BigDecimal percent = hasBudget ? percent(s.spent(), budget) : null;
        Status status;
        if (!hasBudget) {
            status = Status.NO_BUDGET;
        } else if (s.spent().compareTo(live.blockAt().multiply(budget)) >= 0) {
            status = Status.OVER;
        } else if (s.forecast() != null && s.forecast().amount().compareTo(budget) > 0) {
            status = Status.FORECAST_OVER;
        } else if (s.spent().compareTo(live.warnAt().multiply(budget)) >= 0) {
            status = Status.WARN;
        } else {
            status = Status.OK;
        }
        BigDecimal ttlDays = m.spec().ttl() == null ? null
                : BigDecimal.valueOf(m.spec().ttl().duration().toSeconds()).divide(SECONDS_PER_DAY, MathContext.DECIMAL64);
        String period = b != null && b.period() == BudgetPeriod.monthly ? "monthly" : "total";
        LocalDate startDay = m.spec().startsAt() == null ? null
                : LocalDate.ofInstant(m.spec().startsAt(), ZoneOffset.UTC);
        return new ManifestBurn(m.name(), m.file(), m.metadata().team(), budget, period, s, percent, status, startDay,
                ttlDays, anomaly(s.anomaly(), live.anomalyFactor()));
    }

    private static AnomalyCheck anomaly(Anomaly a, BigDecimal threshold) {
        if (a == null) {
            return null;
        }
        BigDecimal factor = a.median().signum() == 0 ? null
                : a.spend().divide(a.median(), 2, RoundingMode.HALF_EVEN);
        return new AnomalyCheck(a.day(), a.spend(), a.median(), factor, threshold,
                a.spend().compareTo(threshold.multiply(a.median())) > 0);
    }

    private static TeamBurn team(TeamSpend t, Parameters.LiveSpend live) {
        BigDecimal limit = t.limit();
        if (limit == null || limit.signum() <= 0) {
            return new TeamBurn(t, null, TeamStatus.NO_LIMIT);
        }
        TeamStatus status;
        if (t.monthToDate().compareTo(live.blockAt().multiply(limit)) >= 0) {
            status = TeamStatus.OVER;
        } else if (t.commitments().compareTo(limit) > 0) {
            status = TeamStatus.OVER_COMMITTED;
        } else if (t.monthToDate().compareTo(live.warnAt().multiply(limit)) >= 0) {
            status = TeamStatus.WARN;
        } else {
            status = TeamStatus.OK;
        }
        return new TeamBurn(t, percent(t.monthToDate(), limit), status);
    }

    /** {@code part / whole} in per cent, one decimal, half-even. */
    static BigDecimal percent(BigDecimal part, BigDecimal whole) {
        return part.multiply(HUNDRED).divide(whole, 1, RoundingMode.HALF_EVEN);
    }
}
