package dev.spendgate.spend;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The spend of every good row that shares a manifest tag, a team tag, a currency and a UTC day
 * (the day of its {@code ChargePeriodStart}). Sources aggregate to this grain so that a
 * multi-gigabyte export comes back as a few thousand groups.
 *
 * @param manifest the value of the manifest tag, or null when the row has no such tag
 * @param team     the value of the team tag, or null when the row has no such tag
 * @param newest   the latest {@code ChargePeriodEnd} among the group's rows
 */
public record SpendGroup(String manifest, String team, String currency, LocalDate day, BigDecimal cost, long rows,
                         java.time.Instant newest) {

    public SpendGroup {
        Objects.requireNonNull(currency, "currency == null");
        Objects.requireNonNull(day, "day == null");
        Objects.requireNonNull(cost, "cost == null");
        Objects.requireNonNull(newest, "newest == null");
    }
}
