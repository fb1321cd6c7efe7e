package dev.spendgate.spend;

import java.util.Objects;

/**
 * A row a source could not use, and why. Bad rows are counted and reported, never silently dropped.
 *
 * @param source  the source as users named it (a file path, a table, a URL without credentials)
 * @param line    the 1-based line of a text file, or the 1-based row number where the source has no
 *                lines (Parquet, a table, an API)
 * @param unit    {@code line} or {@code row}: what {@link #line} counts
 * @param column  the column at fault, or null when the whole row is
 * @param problem what is wrong, for a person: {@code BilledCost "$10,000.00" is not a number}
 */
public record BadRow(String source, long line, String unit, String column, String problem) {

    public BadRow {
        Objects.requireNonNull(source, "source == null");
        Objects.requireNonNull(unit, "unit == null");
        Objects.requireNonNull(problem, "problem == null");
    }

    /** {@code spend.csv:14: BilledCost "$10,000.00" is not a number}, or {@code t: row 14: ...}. */
    @Override
    public String toString() {
        return ("line".equals(unit) ? source + ":" + line : source + ": row " + line) + ": " + problem;
    }
}
