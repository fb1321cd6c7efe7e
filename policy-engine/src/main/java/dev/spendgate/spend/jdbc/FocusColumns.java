package dev.spendgate.spend.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The FOCUS columns a warehouse source reads, and how they are found among a table's columns: by
 * name, ignoring case (PostgreSQL folds unquoted names to lower case, Snowflake to upper case), an
 * exact match first.
 */
final class FocusColumns {

    static final String START = "ChargePeriodStart";
    static final String END = "ChargePeriodEnd";
    static final String CURRENCY = "BillingCurrency";
    static final String TAGS = "Tags";

    private FocusColumns() {
    }

    /** The columns to select, in the order {@link RowReader} reads them. */
    static List<String> wanted(String costColumn) {
        return List.of(START, END, costColumn, CURRENCY, TAGS);
    }

    /**
     * The table's name for each wanted column, in the order of {@code wanted}; a null entry for a
     * column the table lacks.
     */
    static List<String> find(List<String> wanted, List<String> found) {
        List<String> out = new ArrayList<>();
        for (String w : wanted) {
            String match = found.contains(w) ? w : null;
            for (int i = 0; match == null && i < found.size(); i++) {
                if (found.get(i).toLowerCase(Locale.ROOT).equals(w.toLowerCase(Locale.ROOT))) {
                    match = found.get(i);
                }
            }
            out.add(match);
        }
        return out;
    }
}
