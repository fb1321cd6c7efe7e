package dev.spendgate.spend;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/** The spend of one UTC day, rounded to cents. */
public record DailySpend(LocalDate day, BigDecimal cost) {

    public DailySpend {
        Objects.requireNonNull(day, "day == null");
        Objects.requireNonNull(cost, "cost == null");
    }
}
