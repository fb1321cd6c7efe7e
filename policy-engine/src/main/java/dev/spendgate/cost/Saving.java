package dev.spendgate.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Objects;

/**
 * What a compliant alternative would cost, priced with the same catalog as the manifest's own
 * estimate: {@code spot capacity would cost 1,320.96 USD instead of 4,403.20 USD (saves 3,082.24
 * USD, 70 %)}.
 *
 * @param alternative what would change, in words ({@code spot capacity})
 * @param current     the manifest's estimate as declared
 * @param cost        the estimate with the alternative, over the same horizon
 * @param arithmetic  the items of the alternative's estimate that differ from the declared one, each
 *                    with its formula, so a reader can check the figure
 */
public record Saving(String alternative, BigDecimal current, BigDecimal cost, String currency, String arithmetic) {

    public Saving {
        Objects.requireNonNull(alternative, "alternative == null");
        Objects.requireNonNull(current, "current == null");
        Objects.requireNonNull(cost, "cost == null");
        Objects.requireNonNull(currency, "currency == null");
        Objects.requireNonNull(arithmetic, "arithmetic == null");
    }

    /** {@code current - cost}, in cents. */
    public BigDecimal saves() {
        return current.subtract(cost).setScale(2, RoundingMode.HALF_UP);
    }

    /** The saving as a per cent of the current estimate, to one decimal without trailing zeros ({@code 70}, {@code 66.7}). */
    public BigDecimal percent() {
        if (current.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal p = saves().multiply(BigDecimal.valueOf(100)).divide(current, 1, RoundingMode.HALF_UP)
                .stripTrailingZeros();
        return p.scale() < 0 ? p.setScale(0) : p;
    }

    /** {@code spot capacity would cost 1,320.96 USD instead of 4,403.20 USD (saves 3,082.24 USD, 70 %)}. */
    public String sentence() {
        return alternative + " would cost " + grouped(cost) + " " + currency + " instead of " + grouped(current) + " "
                + currency + " (saves " + grouped(saves()) + " " + currency + ", " + percent().toPlainString() + " %)";
    }

    /** An amount with two decimals and thousands separators, whatever the locale: {@code 4,403.20}. */
    public static String grouped(BigDecimal amount) {
        DecimalFormat f = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setRoundingMode(RoundingMode.HALF_UP);
        return f.format(amount);
    }
}
