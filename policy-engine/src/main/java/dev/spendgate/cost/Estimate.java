package dev.spendgate.cost;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The pre-run cost estimate of one manifest over {@code days} days.
 *
 * @param complete false when something could not be priced (an unknown model or GPU type, listed
 *                 in {@code unpriced}); rules must not vouch for an incomplete estimate
 * @param basis    how the horizon was chosen, e.g. {@code ttl 24h = 1 day} or {@code monthly budget = 30 days}
 */
public record Estimate(BigDecimal total, String currency, BigDecimal days, String basis,
                       List<EstimateItem> items, boolean complete, List<String> unpriced) {

    public Estimate {
        Objects.requireNonNull(total, "total == null");
        Objects.requireNonNull(currency, "currency == null");
        Objects.requireNonNull(days, "days == null");
        Objects.requireNonNull(basis, "basis == null");
        items = List.copyOf(items);
        unpriced = List.copyOf(unpriced);
    }
}
