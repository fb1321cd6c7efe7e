package dev.spendgate.spend;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a manifest's spend is heading: the spend to date plus the run-rate until the end of the
 * budget period or the expiry, whichever comes first.
 *
 * @param amount    the forecast spend at {@code end}, in cents
 * @param end       the end of the budget period (the next month's start for a monthly budget) or
 *                  the expiry ({@code startsAt + ttl}), whichever comes first
 * @param runRate   the mean daily spend of the basis days, in cents
 * @param basisDays how many full days the run-rate is the mean of (at most 7)
 * @param daysLeft  days from the end of the data to {@code end} (0 when {@code end} has passed)
 * @param method    the arithmetic as text, for explanations
 */
public record Forecast(BigDecimal amount, Instant end, BigDecimal runRate, int basisDays, BigDecimal daysLeft,
                       String method) {

    public Forecast {
        Objects.requireNonNull(amount, "amount == null");
        Objects.requireNonNull(end, "end == null");
        Objects.requireNonNull(runRate, "runRate == null");
        Objects.requireNonNull(daysLeft, "daysLeft == null");
        Objects.requireNonNull(method, "method == null");
    }
}
