package dev.spendgate.spend;

import dev.spendgate.manifest.Budget;
import dev.spendgate.manifest.BudgetPeriod;
import dev.spendgate.manifest.Manifest;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Attributes a source's spend to the manifests and teams of a run and works out what the live-spend
 * rules compare: spend to date, month to date, the run-rate forecast, the last full day against the
 * median of the 7 days before, the teams' monthly commitments, and the spend nobody claims.
 *
 * <p>Engine-neutral and deterministic: every engine gets the same numbers, computed from exact sums
 * and rounded to cents (half-even) only at the end. Days are UTC days; a month is a UTC calendar
 * month. Nothing reads the clock but the {@code now} given.
 */
public final class SpendAnalysis {

    private static final int CENTS = 2;
    private static final BigDecimal HOURS_PER_DAY = BigDecimal.valueOf(24);
    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);
    private static final int RUN_RATE_DAYS = 7;
    private static final int ANOMALY_WINDOW = 7;

    private SpendAnalysis() {
    }

    /**
     * The snapshot of {@code data} for {@code manifests} at {@code now}.
     *
     * @param currency   the budgets' currency: groups in any other currency are counted as bad rows
     *                   and named in {@link SpendSnapshot#otherCurrencies()}
     * @param teamLimits {@code budgets.teams.<team>.monthly} by team
     */
    public static SpendSnapshot analyse(SpendData data, String currency, List<Manifest> manifests,
                                        Map<String, BigDecimal> teamLimits, Instant now) {
        Objects.requireNonNull(data, "data == null");
        Objects.requireNonNull(now, "now == null");
        Map<String, Manifest> byName = new LinkedHashMap<>();
        for (Manifest m : manifests) {
            byName.putIfAbsent(m.name(), m);
        }
        LocalDate today = day(now);
        LocalDate monthStart = today.withDayOfMonth(1);
        Instant dataEnd = data.newestRow() == null ? null
                : data.newestRow().isBefore(now) ? data.newestRow() : now;
        LocalDate lastFullDay = dataEnd == null ? null : day(dataEnd).minusDays(1);
        LocalDate lastDataDay = dataEnd == null ? null : day(dataEnd.minusNanos(1));

        long badRowCount = data.badRowCount();
        TreeSet<String> otherCurrencies = new TreeSet<>();
        Map<String, TreeMap<LocalDate, BigDecimal>> manifestDays = new HashMap<>();
        Map<String, Long> manifestRows = new HashMap<>();
        Map<String, TreeMap<LocalDate, BigDecimal>> teamDays = new HashMap<>();
        Map<List<String>, BigDecimal[]> unclaimed = new HashMap<>();
        TreeMap<LocalDate, BigDecimal> allDays = new TreeMap<>();
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal attributed = BigDecimal.ZERO;
        long rows = 0;
        for (SpendGroup g : data.groups()) {
            if (!g.currency().equals(currency)) {
                otherCurrencies.add(g.currency());
                badRowCount += g.rows();
                continue;
            }
            rows += g.rows();
            total = total.add(g.cost());
            allDays.merge(g.day(), g.cost(), BigDecimal::add);
            Manifest m = g.manifest() == null ? null : byName.get(g.manifest());
            // spend a manifest claims counts for the manifest's team, whatever team tag the row carries
            String team = m != null && m.metadata().team() != null ? m.metadata().team() : g.team();
            if (team != null) {
                teamDays.computeIfAbsent(team, k -> new TreeMap<>()).merge(g.day(), g.cost(), BigDecimal::add);
            }
            if (m == null) {
                BigDecimal[] sum = unclaimed.computeIfAbsent(java.util.Arrays.asList(g.manifest(), g.team()),
                        k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                sum[0] = sum[0].add(g.cost());
                sum[1] = sum[1].add(BigDecimal.valueOf(g.rows()));
                continue;
            }
            attributed = attributed.add(g.cost());
            manifestDays.computeIfAbsent(m.name(), k -> new TreeMap<>()).merge(g.day(), g.cost(), BigDecimal::add);
            manifestRows.merge(m.name(), g.rows(), Long::sum);
        }

        Map<String, ManifestSpend> manifestSpend = new TreeMap<>();
        for (Manifest m : byName.values()) {
            Budget budget = m.spec().budget();
            String budgetCurrency = budget == null ? "USD" : budget.currency();
            if (!budgetCurrency.equals(currency)) {
                continue;
            }
            TreeMap<LocalDate, BigDecimal> days = manifestDays.getOrDefault(m.name(), new TreeMap<>());
            manifestSpend.put(m.name(), manifest(m, days, manifestRows.getOrDefault(m.name(), 0L), currency,
                    monthStart, dataEnd, lastFullDay, lastDataDay));
        }

        Map<String, TeamSpend> teams = teams(byName.values(), teamDays, manifestDays, teamLimits, monthStart, lastDataDay);

        List<UnattributedSpend> unattributedBy = new ArrayList<>();
        for (Map.Entry<List<String>, BigDecimal[]> e : unclaimed.entrySet()) {
            unattributedBy.add(new UnattributedSpend(e.getKey().get(0), e.getKey().get(1), cents(e.getValue()[0]),
                    e.getValue()[1].longValueExact()));
        }
        unattributedBy.sort(Comparator.comparing(UnattributedSpend::cost).reversed()
                .thenComparing(u -> String.valueOf(u.manifestTag()))
                .thenComparing(u -> String.valueOf(u.team())));

        BigDecimal coverage = total.signum() == 0 ? null
                : attributed.multiply(BigDecimal.valueOf(100)).divide(total, 1, RoundingMode.HALF_EVEN);
        BigDecimal staleness = data.newestRow() == null ? null : hours(Duration.between(data.newestRow(), now));
        return new SpendSnapshot(data.source(), data.costColumn(), currency, now, data.newestRow(), staleness,
                lastFullDay, manifestSpend, teams, cents(total), cents(attributed), cents(total.subtract(attributed)),
                coverage, unattributedBy, dense(allDays, lastDataDay), rows, badRowCount, data.badRows(),
                List.copyOf(otherCurrencies));
    }

    /**
     * The currency live spend is judged in: the most common budget currency of {@code manifests}
     * (USD for a budget that names none; ties go to the alphabetically first), USD when there are none.
     */
    public static String budgetCurrency(List<Manifest> manifests) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Manifest m : manifests) {
            Budget b = m.spec().budget();
            counts.merge(b == null ? "USD" : b.currency(), 1, Integer::sum);
        }
        String best = "USD";
        int most = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() > most) {
                best = e.getKey();
                most = e.getValue();
            }
        }
        return best;
    }

    /**
     * The teams of {@code manifests} with their monthly commitments when there is no live spend:
     * only their monthly budgets count.
     */
    public static Map<String, TeamSpend> teams(List<Manifest> manifests, Map<String, BigDecimal> teamLimits,
                                               Instant now) {
        return teams(manifests, Map.of(), Map.of(), teamLimits, day(now).withDayOfMonth(1), null);
    }

    /**
     * Per team: its month-to-date spend, the monthly budgets of its manifests, and this month's
     * spend that no monthly budget covers (the team's spend less that of its monthly-budgeted
     * manifests, whose budgets already stand for it).
     */
    private static Map<String, TeamSpend> teams(Iterable<Manifest> manifests,
                                                Map<String, TreeMap<LocalDate, BigDecimal>> teamDays,
                                                Map<String, TreeMap<LocalDate, BigDecimal>> manifestDays,
                                                Map<String, BigDecimal> teamLimits, LocalDate monthStart,
                                                LocalDate lastDataDay) {
        Map<String, BigDecimal> monthlyBudgets = new HashMap<>();
        Map<String, List<String>> monthlyManifests = new HashMap<>();
        Map<String, BigDecimal> coveredSpend = new HashMap<>();
        TreeSet<String> names = new TreeSet<>(teamDays.keySet());
        for (Manifest m : manifests) {
            String team = m.metadata().team();
            if (team == null) {
                continue;
            }
            names.add(team);
            Budget b = m.spec().budget();
            if (b != null && b.period() == BudgetPeriod.monthly && b.amount() != null && b.amount().signum() > 0) {
                monthlyBudgets.merge(team, b.amount(), BigDecimal::add);
                monthlyManifests.computeIfAbsent(team, k -> new ArrayList<>()).add(m.name());
                TreeMap<LocalDate, BigDecimal> days = manifestDays.get(m.name());
                if (days != null) {
                    coveredSpend.merge(team, sum(days, monthStart, null), BigDecimal::add);
                }
            }
        }
        Map<String, TeamSpend> out = new TreeMap<>();
        for (String team : names) {
            TreeMap<LocalDate, BigDecimal> days = teamDays.getOrDefault(team, new TreeMap<>());
            BigDecimal mtd = sum(days, monthStart, null);
            BigDecimal budgets = monthlyBudgets.getOrDefault(team, BigDecimal.ZERO);
            BigDecimal other = mtd.subtract(coveredSpend.getOrDefault(team, BigDecimal.ZERO));
            if (other.signum() < 0) {
                other = BigDecimal.ZERO;
            }
            List<String> covered = new ArrayList<>(monthlyManifests.getOrDefault(team, List.of()));
            covered.sort(null);
            out.put(team, new TeamSpend(team, cents(mtd), budgets, covered, cents(other), cents(budgets.add(other)),
                    teamLimits.get(team), dense(days, lastDataDay)));
        }
        return out;
    }

    private static ManifestSpend manifest(Manifest m, TreeMap<LocalDate, BigDecimal> days, long rows, String currency,
                                          LocalDate monthStart, Instant dataEnd, LocalDate lastFullDay,
                                          LocalDate lastDataDay) {
        Budget budget = m.spec().budget();
        boolean monthly = budget != null && budget.period() == BudgetPeriod.monthly;
        Instant startsAt = m.spec().startsAt();
        LocalDate startDay = startsAt == null ? null : day(startsAt);
        BigDecimal mtd = sum(days, monthStart, null);
        BigDecimal sinceStart = sum(days, startDay, null);
        BigDecimal spent = monthly ? mtd : sinceStart;

        Forecast forecast = null;
        String note;
        Instant expiresAt = m.spec().expiresAt();
        Instant end = monthly ? monthStart.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant() : expiresAt;
        if (monthly && expiresAt != null && expiresAt.isBefore(end)) {
            end = expiresAt;
        }
        LocalDate firstDay = startDay != null ? startDay : days.isEmpty() ? null : days.firstKey();
        if (dataEnd == null) {
            note = "no forecast: the source has no spend rows";
        } else if (end == null) {
            note = "no forecast: a total budget without startsAt and ttl has no end to forecast to";
        } else if (firstDay == null) {
            note = "no forecast: no spend attributed yet";
        } else {
            LocalDate basisStart = lastFullDay.minusDays(RUN_RATE_DAYS - 1L);
            if (basisStart.isBefore(firstDay)) {
                basisStart = firstDay;
            }
            int basisDays = (int) (lastFullDay.toEpochDay() - basisStart.toEpochDay() + 1);
            if (basisDays <= 0) {
                note = "no forecast: no full day of spend yet";
            } else {
                BigDecimal basis = sum(days, basisStart, lastFullDay.plusDays(1));
                BigDecimal rate = basis.divide(BigDecimal.valueOf(basisDays), MathContext.DECIMAL64);
                BigDecimal daysLeft = end.isAfter(dataEnd)
                        ? hours(Duration.between(dataEnd, end)).divide(HOURS_PER_DAY, MathContext.DECIMAL64)
                        : BigDecimal.ZERO;
                daysLeft = daysLeft.setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros();
                if (daysLeft.scale() < 0) {
                    daysLeft = daysLeft.setScale(0);
                }
                BigDecimal amount = cents(spent.add(rate.multiply(daysLeft)));
                String method = "run-rate " + cents(rate).toPlainString() + "/day (mean of " + basisDays
                        + (basisDays == 1 ? " full day " : " full days ") + basisStart
                        + (basisDays == 1 ? "" : ".." + lastFullDay) + ") x " + daysLeft.toPlainString()
                        + " days to " + end + " + " + cents(spent).toPlainString() + " spent"
                        + (monthly ? " this month" : startDay == null ? "" : " since " + startDay);
                forecast = new Forecast(amount, end, cents(rate), basisDays, daysLeft, method);
                note = "";
            }
        }

        Anomaly anomaly = null;
        if (lastFullDay != null && firstDay != null && !firstDay.isAfter(lastFullDay.minusDays(ANOMALY_WINDOW))) {
            List<DailySpend> before = new ArrayList<>(ANOMALY_WINDOW);
            List<BigDecimal> values = new ArrayList<>(ANOMALY_WINDOW);
            for (int i = ANOMALY_WINDOW; i >= 1; i--) {
                LocalDate d = lastFullDay.minusDays(i);
                BigDecimal v = cents(days.getOrDefault(d, BigDecimal.ZERO));
                before.add(new DailySpend(d, v));
                values.add(v);
            }
            values.sort(null);
            anomaly = new Anomaly(lastFullDay, cents(days.getOrDefault(lastFullDay, BigDecimal.ZERO)),
                    values.get(ANOMALY_WINDOW / 2), before);
        }
        return new ManifestSpend(m.name(), m.metadata().team(), currency, monthly ? "monthly" : "total",
                cents(spent), cents(mtd), cents(sinceStart), rows, dense(days, lastDataDay), forecast, note, anomaly,
                zombie(days, expiresAt));
    }

    /** The spend of the UTC days after the day of {@code expiresAt}, or null when there is none. */
    private static Zombie zombie(TreeMap<LocalDate, BigDecimal> days, Instant expiresAt) {
        if (expiresAt == null) {
            return null;
        }
        BigDecimal spend = BigDecimal.ZERO;
        LocalDate first = null;
        LocalDate last = null;
        int count = 0;
        for (Map.Entry<LocalDate, BigDecimal> e : days.tailMap(day(expiresAt), false).entrySet()) {
            if (e.getValue().signum() > 0) {
                spend = spend.add(e.getValue());
                first = first == null ? e.getKey() : first;
                last = e.getKey();
                count++;
            }
        }
        return count == 0 ? null : new Zombie(expiresAt, cents(spend), first, last, count);
    }

    /** The sum of the days in {@code [from, to)}; null bounds are open. */
    private static BigDecimal sum(TreeMap<LocalDate, BigDecimal> days, LocalDate from, LocalDate to) {
        BigDecimal s = BigDecimal.ZERO;
        for (Map.Entry<LocalDate, BigDecimal> e : days.entrySet()) {
            if ((from == null || !e.getKey().isBefore(from)) && (to == null || e.getKey().isBefore(to))) {
                s = s.add(e.getValue());
            }
        }
        return s;
    }

    /** Every day from the first of {@code days} to {@code last} (or the last of {@code days}), gaps as 0. */
    private static List<DailySpend> dense(TreeMap<LocalDate, BigDecimal> days, LocalDate last) {
        if (days.isEmpty()) {
            return List.of();
        }
        LocalDate end = last == null || last.isBefore(days.lastKey()) ? days.lastKey() : last;
        List<DailySpend> out = new ArrayList<>();
        for (LocalDate d = days.firstKey(); !d.isAfter(end); d = d.plusDays(1)) {
            out.add(new DailySpend(d, cents(days.getOrDefault(d, BigDecimal.ZERO))));
        }
        return out;
    }

    static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    /** Hours of a duration, to two decimals, without trailing zeros. */
    static BigDecimal hours(Duration d) {
        BigDecimal h = BigDecimal.valueOf(d.toSeconds()).divide(SECONDS_PER_HOUR, 2, RoundingMode.HALF_EVEN)
                .stripTrailingZeros();
        return h.scale() < 0 ? h.setScale(0) : h;
    }

    /** Money rounded to cents, half-even. */
    static BigDecimal cents(BigDecimal amount) {
        return amount.setScale(CENTS, RoundingMode.HALF_EVEN);
    }
}
