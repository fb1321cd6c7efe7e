package dev.spendgate.report.spend;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** How the text and Markdown spend reports write numbers: fixed decimals, thousands separators. */
final class Figures {

    static final String NONE = "-";

    private Figures() {
    }

    /** {@code 12,345.60}; {@link #NONE} for null. */
    static String money(BigDecimal amount) {
        return amount == null ? NONE : String.format(Locale.ROOT, "%,.2f", amount.setScale(2, RoundingMode.HALF_EVEN));
    }

    /** {@code 82.5%}; {@link #NONE} for null. */
    static String percent(BigDecimal percent) {
        return percent == null ? NONE : String.format(Locale.ROOT, "%,.1f%%", percent.setScale(1, RoundingMode.HALF_EVEN));
    }

    /** A number without trailing zeros and without exponent: {@code 12.5}, {@code 30}, {@code 36}. */
    static String plain(BigDecimal n) {
        BigDecimal s = n.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }

    /** Hours as people say them: {@code 1 hour}, {@code 12.5 hours}. */
    static String hours(BigDecimal hours) {
        return plain(hours) + (hours.compareTo(BigDecimal.ONE) == 0 ? " hour" : " hours");
    }
}
