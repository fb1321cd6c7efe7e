package dev.spendgate.spend;

import dev.spendgate.manifest.Budget;
import dev.spendgate.manifest.BudgetPeriod;
import dev.spendgate.manifest.Manifest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a spend source is asked for: which cost column to sum, which tags attribute a row to a
 * manifest and to a team ({@code liveSpend.costColumn} and {@code liveSpend.tags}), and over which
 * time window.
 *
 * <p>The window is on {@code ChargePeriodStart}: a row belongs to it when its start is at or after
 * {@link #from} and before {@link #to}. Rows outside it are not read at all (a warehouse never
 * sends them); rows whose start cannot be read are bad rows whatever the window, since they cannot
 * be placed in it.
 *
 * @param costColumn  {@code EffectiveCost} or {@code BilledCost}
 * @param manifestTag the tag whose value names the manifest ({@code spendgate-manifest} by default)
 * @param teamTag     the tag whose value names the team ({@code team} by default)
 * @param currency    the currency of the budgets the spend is judged against: rows billed in
 *                    another currency are bad rows (spendgate does not convert currencies)
 * @param from        the earliest period start the analysis needs; null for the whole history
 * @param to          the clock: rows that start at or after it are not yet spend; null for no end
 */
public record SpendQuery(String costColumn, String manifestTag, String teamTag, String currency, Instant from,
                         Instant to) {

    /** The FOCUS cost columns a query may sum. */
    public static final Set<String> COST_COLUMNS = Set.of("EffectiveCost", "BilledCost");

    public SpendQuery {
        Objects.requireNonNull(costColumn, "costColumn == null");
        Objects.requireNonNull(manifestTag, "manifestTag == null");
        Objects.requireNonNull(teamTag, "teamTag == null");
        Objects.requireNonNull(currency, "currency == null");
        if (!COST_COLUMNS.contains(costColumn)) {
            throw new IllegalArgumentException("costColumn must be EffectiveCost or BilledCost: " + costColumn);
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
    }

    /** A query over the whole history. */
    public SpendQuery(String costColumn, String manifestTag, String teamTag, String currency) {
        this(costColumn, manifestTag, teamTag, currency, null, null);
    }

    /** A query for spend in USD, over the whole history. */
    public SpendQuery(String costColumn, String manifestTag, String teamTag) {
        this(costColumn, manifestTag, teamTag, "USD");
    }

    /** The defaults of DESIGN section 3, in USD, over the whole history. */
    public static SpendQuery defaults() {
        return new SpendQuery("EffectiveCost", "spendgate-manifest", "team", "USD");
    }

    /** This query over {@code [from, to)}; either bound may be null (open). */
    public SpendQuery window(Instant from, Instant to) {
        return new SpendQuery(costColumn, manifestTag, teamTag, currency, from, to);
    }

    /**
     * How many days before today the analysis looks back whatever the budgets: the run-rate
     * forecast takes the 7 full days before today, the anomaly check the last full day against
     * the 7 before it.
     */
    public static final int LOOKBACK_DAYS = 8;

    /**
     * The earliest period start that {@code manifests} need at {@code now}, as a UTC day's start:
     * the month's start (and {@link #LOOKBACK_DAYS} before today) for monthly budgets and teams,
     * the day of {@code startsAt} for a total budget that has one; null (the whole history) as soon
     * as one manifest's total budget has no {@code startsAt}, since its spend to date is all of it.
     */
    public static Instant earliestNeeded(List<Manifest> manifests, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate earliest = today.withDayOfMonth(1);
        LocalDate lookback = today.minusDays(LOOKBACK_DAYS);
        if (lookback.isBefore(earliest)) {
            earliest = lookback;
        }
        for (Manifest m : manifests) {
            Budget b = m.spec().budget();
            if (b != null && b.period() == BudgetPeriod.monthly) {
                continue;
            }
            Instant startsAt = m.spec().startsAt();
            if (startsAt == null) {
                return null;
            }
            LocalDate start = LocalDate.ofInstant(startsAt, ZoneOffset.UTC);
            if (start.isBefore(earliest)) {
                earliest = start;
            }
        }
        return earliest.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Whether a row that starts at {@code start} is inside the window. */
    public boolean contains(Instant start) {
        return (from == null || !start.isBefore(from)) && (to == null || start.isBefore(to));
    }
}
