package dev.spendgate.spend.jdbc;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * How one SQL engine spells what the aggregate query needs: quoted identifiers, timestamp literals
 * for the time window, the UTC day of a timestamp, an exact decimal of a floating-point cost, and
 * tags taken out of a {@code Tags} column that holds JSON text, a JSON (or VARIANT, SUPER) value or
 * a {@code MAP}. Expressions are built around column expressions the caller gives (already quoted).
 */
abstract class Dialect {

    /** How a timestamp column holds its instants. */
    enum Time { ZONED, LOCAL, DATE }

    /** How a cost column holds its amounts. */
    enum Cost { DECIMAL, FLOAT, INTEGER }

    /** How a {@code Tags} column holds its tags. */
    enum Tags { TEXT, JSON, MAP }

    private static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS",
            Locale.ROOT);

    /** The name users give in {@code spendgate.dialect=}: {@code postgresql}, {@code snowflake}, ... */
    abstract String id();

    /** An identifier, quoted so that its case and characters are kept. */
    String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** A string literal. */
    String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** Statements to run first on the connection (a time zone, say); none by default. */
    List<String> session() {
        return List.of();
    }

    /**
     * Statements after which a scan of the table returns its rows in the table's own order, the
     * same on every run, so that the streaming read and the bad-row query number rows alike; none
     * by default (no such order is promised).
     */
    List<String> orderedScan() {
        return List.of();
    }

    /** A literal of {@code instant} comparable with a column of kind {@code time}. */
    abstract String timestamp(Instant instant, Time time);

    /** The UTC day (a DATE) of the column expression {@code column} of kind {@code time}. */
    abstract String day(String column, Time time);

    /** The cost as an exact decimal; floating-point costs are cast, as the database shows them. */
    String cost(String column, Cost cost) {
        return cost == Cost.FLOAT ? "CAST(" + column + " AS DECIMAL(38, 12))" : column;
    }

    /** A predicate true for a floating-point NaN or infinity; null when the kind cannot hold one. */
    abstract String notFinite(String column, Cost cost);

    /** Whether the engine can check JSON text without failing the query on text that is not JSON. */
    boolean checksJsonText() {
        return true;
    }

    /** A predicate true when the column has no tags at all: NULL (or empty text). */
    String noTags(String column, Tags tags) {
        return tags == Tags.TEXT ? column + " IS NULL OR TRIM(" + column + ") = ''" : column + " IS NULL";
    }

    /** A predicate true when the (not empty) column is not a JSON object. */
    abstract String notAnObject(String column, Tags tags);

    /** A predicate true when the tag {@code key} of an object is itself an object or an array. */
    abstract String nested(String column, Tags tags, String key);

    /** The tag {@code key} as text: a string as it is, a number or boolean as JSON writes it; else NULL. */
    abstract String tag(String column, Tags tags, String key);

    /** Numbers the rows of a query in the order they come. */
    String rowNumber() {
        return "ROW_NUMBER() OVER ()";
    }

    /** {@code LIMIT n}, as the engine writes it. */
    String limit(int n) {
        return "LIMIT " + n;
    }

    /** {@code 2026-11-01 00:00:00.000000}: an instant as UTC wall-clock text. */
    static String utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC).format(SQL_TIME);
    }

    /**
     * The day a DATE column is compared with for a bound: a row of day {@code d} starts at
     * {@code d}'s midnight (UTC), so it is at or after a lower bound when {@code d >= ceil(from)}
     * and before an upper bound when {@code d < ceil(to)}: both are the first day whose start is
     * not before the bound.
     */
    static String dateOf(Instant bound) {
        LocalDate d = LocalDate.ofInstant(bound, ZoneOffset.UTC);
        if (d.atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(bound)) {
            d = d.plusDays(1);
        }
        return d.toString();
    }

    /** A JSON path of one key, {@code $."key"}, whatever characters the key has. */
    static String jsonPath(String key) {
        return "$." + quotedKey(key);
    }

    /** The JSON path of {@code key} in bracket notation, {@code $["key"]}, for Trino's json_extract. */
    static String bracketJsonPath(String key) {
        return "$[" + quotedKey(key) + "]";
    }

    private static String quotedKey(String key) {
        return "\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
