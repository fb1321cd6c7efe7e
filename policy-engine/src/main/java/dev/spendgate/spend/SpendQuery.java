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
 */
public record SpendQuery(String costColumn, String manifestTag, String teamTag) {

    /** The FOCUS cost columns a query may sum. */
    public static final Set<String> COST_COLUMNS = Set.of("EffectiveCost", "BilledCost");

    public SpendQuery {
        Objects.requireNonNull(costColumn, "costColumn == null");
        Objects.requireNonNull(manifestTag, "manifestTag == null");
        Objects.requireNonNull(teamTag, "teamTag == null");
        if (!COST_COLUMNS.contains(costColumn)) {
            throw new IllegalArgumentException("costColumn must be EffectiveCost or BilledCost: " + costColumn);
        }
    }

    /** The defaults of DESIGN section 3. */
    public static SpendQuery defaults() {
        return new SpendQuery("EffectiveCost", "spendgate-manifest", "team");
    }
}
