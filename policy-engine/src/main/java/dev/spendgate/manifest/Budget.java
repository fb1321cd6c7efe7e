package dev.spendgate.manifest;

import java.math.BigDecimal;

/**
 * A declared budget. {@code amount} may be null when the key is absent (rule SG-BUD-001 reports it);
 * currency defaults to USD and period to total.
 */
public record Budget(BigDecimal amount, String currency, BudgetPeriod period) {

    public Budget {
        currency = currency == null ? "USD" : currency;
        period = period == null ? BudgetPeriod.total : period;
    }
}
