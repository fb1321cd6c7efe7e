package dev.spendgate.spend;

import java.util.Objects;
import java.util.Set;

/**
 * What a spend source is asked for: which cost column to sum and which tags attribute a row to a
 * manifest and to a team ({@code liveSpend.costColumn} and {@code liveSpend.tags}).
 *
 * @param costColumn  {@code EffectiveCost} or {@code BilledCost}
 * @param manifestTag the tag whose value names the manifest ({@code spendgate-manifest} by default)
 * @param teamTag     the tag whose value names the team ({@code team} by default)
 * @param currency    the currency of the budgets the spend is judged against: rows billed in
 *                    another currency are bad rows (spendgate does not convert currencies)
 */
public record SpendQuery(String costColumn, String manifestTag, String teamTag, String currency) {

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
    }

    /** A query for spend in USD. */
    public SpendQuery(String costColumn, String manifestTag, String teamTag) {
        this(costColumn, manifestTag, teamTag, "USD");
    }

    /** The defaults of DESIGN section 3, in USD. */
    public static SpendQuery defaults() {
        return new SpendQuery("EffectiveCost", "spendgate-manifest", "team", "USD");
    }
}
