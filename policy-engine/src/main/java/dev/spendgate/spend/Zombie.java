package dev.spendgate.spend;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Spend a manifest kept recording after it expired: the UTC days after the day of its expiry
 * ({@code spec.startsAt + spec.ttl}) on which spend was recorded. The expiry day itself does not
 * count (spend is kept by the day, so spend on that day may be from before the expiry).
 *
 * @param expiredAt the expiry
 * @param spend     the spend of those days, in cents
 * @param firstDay  the first of those days with spend
 * @param lastDay   the last of those days with spend
 * @param days      how many of those days had spend
 */
public record Zombie(Instant expiredAt, BigDecimal spend, LocalDate firstDay, LocalDate lastDay, int days) {

    public Zombie {
        Objects.requireNonNull(expiredAt, "expiredAt == null");
        Objects.requireNonNull(spend, "spend == null");
        Objects.requireNonNull(firstDay, "firstDay == null");
        Objects.requireNonNull(lastDay, "lastDay == null");
    }
}
