package dev.spendgate.spend;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The last full day's spend beside the median of the 7 days before it: the numbers an anomaly
 * rule compares ({@code spend > anomalyFactor × median}). Present only when the manifest has
 * those 7 days of history.
 *
 * @param before the 7 days before {@code day}, oldest first; days without rows count as 0
 */
public record Anomaly(LocalDate day, BigDecimal spend, BigDecimal median, List<DailySpend> before) {

    public Anomaly {
        Objects.requireNonNull(day, "day == null");
        Objects.requireNonNull(spend, "spend == null");
        Objects.requireNonNull(median, "median == null");
        before = List.copyOf(before);
    }
}
