package dev.spendgate.spend;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Spend no manifest of the run claims, by the tag values it carries.
 *
 * @param manifestTag the manifest tag's value (a manifest not in the run), or null when the rows have none
 * @param team        the team tag's value, or null
 */
public record UnattributedSpend(String manifestTag, String team, BigDecimal cost, long rows) {

    public UnattributedSpend {
        Objects.requireNonNull(cost, "cost == null");
    }
}
