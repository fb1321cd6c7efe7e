package dev.spendgate.spend;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one spend source read: good rows aggregated to {@link SpendGroup}s, and the rows it could not
 * use, counted (all of them) and described (the first {@link #MAX_BAD_ROWS_DESCRIBED}, in source order).
 *
 * @param source     the source as users named it (never with credentials)
 * @param costColumn the cost column summed ({@code EffectiveCost} or {@code BilledCost}; a source
 *                   without FOCUS columns names what it summed, e.g. OpenCost's {@code totalCost})
 * @param rows       how many rows the source had, good and bad
 * @param newestRow  the latest {@code ChargePeriodEnd} of any good row, or null when there is none
 */
public record SpendData(String source, String costColumn, List<SpendGroup> groups, long rows, long badRowCount,
                        List<BadRow> badRows, Instant newestRow) {

    /** How many bad rows a source describes at most; it counts all of them. */
    public static final int MAX_BAD_ROWS_DESCRIBED = 100;

    public SpendData {
        Objects.requireNonNull(source, "source == null");
        Objects.requireNonNull(costColumn, "costColumn == null");
        groups = List.copyOf(groups);
        badRows = List.copyOf(badRows);
        if (badRowCount < badRows.size()) {
            throw new IllegalArgumentException("badRowCount < described bad rows");
        }
    }
}
