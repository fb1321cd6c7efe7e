package dev.spendgate.spend.jdbc;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the FOCUS columns of a result set's current row (in the order {@code ChargePeriodStart,
 * ChargePeriodEnd, <cost>, BillingCurrency, Tags}) into a {@link Row}, or says what is wrong with it.
 * {@code Tags} is JSON text (or a JSON, JSONB or VARIANT column, read as text) or a {@code MAP} column.
 * One instance per result set; of past rows it keeps only a bounded cache of parsed {@code Tags}.
 */
final class RowReader {

    /** A good row's values; reused from row to row. */
    static final class Row {
        Instant start;
        Instant end;
        BigDecimal cost;
        String currency;
        String manifest;
        String team;
    }

    /** What is wrong with a row: the FOCUS column at fault and the problem, for a person. */
    record Problem(String column, String problem) {
    }

    /** What one {@code Tags} text says: the two tags, or its problem. */
    private record Tags(String manifest, String team, Problem problem) {
    }

    private static final JsonReaderFactory JSON = Json.createReaderFactory(Map.of());

    /**
     * How many distinct {@code Tags} texts, of at most how many characters, are kept parsed: rows
     * mostly repeat a few, and memory stays bounded whatever the number of rows.
     */
    private static final int TAGS_CACHED = 1024;
    private static final int TAGS_CACHED_LENGTH = 4096;

    /** Costs of a quintillion or more, or of more than 38 decimals, are nonsense (and would be slow to sum). */
    private static final int MAX_INTEGER_DIGITS = 18;
    private static final int MAX_DECIMALS = 38;

    private final TimestampColumn start;
    private final TimestampColumn end;
    private final String costColumn;
    private final boolean decimalCost;
    private final String manifestTag;
    private final String teamTag;
    private final boolean mapTags;
    private final Map<String, Tags> parsed = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Tags> eldest) {
            return size() > TAGS_CACHED;
        }
    };

    /** @param currency the budgets' currency: a row in another is bad, as spendgate converts none */
    private final String currency;

    RowReader(ResultSetMetaData md, String costColumn, String manifestTag, String teamTag, String currency)
            throws SQLException {
        this.currency = currency;
        this.start = new TimestampColumn(FocusColumns.START, 1, md.getColumnType(1), md.getColumnTypeName(1));
        this.end = new TimestampColumn(FocusColumns.END, 2, md.getColumnType(2), md.getColumnTypeName(2));
        this.costColumn = costColumn;
        int costType = md.getColumnType(3);
        this.decimalCost = costType == Types.DECIMAL || costType == Types.NUMERIC;
        this.manifestTag = manifestTag;
        this.teamTag = teamTag;
        String tagsType = md.getColumnTypeName(5);
        this.mapTags = tagsType != null && tagsType.toUpperCase(Locale.ROOT).startsWith("MAP");
    }

    /** A reader of {@code Tags} text only ({@link #tags(String, Row)}), for groups of rows by that text. */
    RowReader(String manifestTag, String teamTag) {
        this.currency = null;
        this.start = null;
        this.end = null;
        this.costColumn = null;
        this.decimalCost = false;
        this.manifestTag = manifestTag;
        this.teamTag = teamTag;
        this.mapTags = false;
    }

    /** Reads the current row into {@code row}; null when it is good, else its (first) problem. */
    Problem read(ResultSet rs, Row row) throws SQLException {
        try {
            row.start = start.read(rs);
        } catch (TimestampColumn.BadValue e) {
            return new Problem(FocusColumns.START, e.getMessage());
        }
        if (row.start == null) {
            return new Problem(FocusColumns.START, FocusColumns.START + " is empty");
        }
        try {
            row.end = end.read(rs);
        } catch (TimestampColumn.BadValue e) {
            return new Problem(FocusColumns.END, e.getMessage());
        }
        if (row.end == null) {
            return new Problem(FocusColumns.END, FocusColumns.END + " is empty");
        }
        Problem p = cost(rs, row);
        if (p != null) {
            return p;
        }
        String currency = rs.getString(4);
        if (currency == null || currency.isBlank()) {
            return new Problem(FocusColumns.CURRENCY, FocusColumns.CURRENCY + " is empty");
        }
        row.currency = currency.strip();
        if (!row.currency.equals(this.currency)) {
            return new Problem(FocusColumns.CURRENCY, FocusColumns.CURRENCY + " " + row.currency + " is not "
                    + this.currency + ", the budgets' currency (spendgate does not convert currencies)");
        }
        if (row.end.isBefore(row.start)) {
            return new Problem(FocusColumns.END, FocusColumns.END + " is before " + FocusColumns.START);
        }
        if (mapTags && rs.getObject(5) instanceof Map<?, ?> map) {
            return tags(map, row);
        }
        return tags(rs.getString(5), row);
    }

    /** A {@code MAP} column (DuckDB's) that the driver gives as a {@link Map}. */
    private Problem tags(Map<?, ?> map, Row row) {
        try {
            row.manifest = tag(map.get(manifestTag), manifestTag);
            row.team = tag(map.get(teamTag), teamTag);
            return null;
        } catch (IllegalArgumentException e) {
            return new Problem(FocusColumns.TAGS, e.getMessage());
        }
    }

    private static String tag(Object value, String name) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value == null ? null : value.toString();
        }
        throw new IllegalArgumentException(FocusColumns.TAGS + ": " + Values.quote(name) + " is a "
                + value.getClass().getSimpleName() + ", not a tag value");
    }

    private Problem cost(ResultSet rs, Row row) throws SQLException {
        Object value;
        if (decimalCost) {
            try {
                value = rs.getBigDecimal(3);
            } catch (SQLException e) {
                // NUMERIC 'NaN' of PostgreSQL, say: look at it as text
                value = rs.getString(3);
            }
        } else {
            value = rs.getObject(3);
        }
        BigDecimal cost;
        if (value == null) {
            return new Problem(costColumn, costColumn + " is empty");
        } else if (value instanceof BigDecimal d) {
            cost = d;
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                return new Problem(costColumn, costColumn + " " + value + " is not a finite number");
            }
            // the decimal the database shows for it (0.1, not 0.1000000000000000055511151231257827)
            cost = new BigDecimal(value.toString());
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            cost = BigDecimal.valueOf(((Number) value).longValue());
        } else if (value instanceof BigInteger i) {
            cost = new BigDecimal(i);
        } else {
            String text = value instanceof String s ? s : rs.getString(3);
            if (text == null || text.isBlank()) {
                return new Problem(costColumn, costColumn + " is empty");
            }
            try {
                cost = new BigDecimal(text.strip());
            } catch (NumberFormatException e) {
                return new Problem(costColumn, costColumn + " " + Values.quote(text) + " is not a number");
            }
        }
        if (cost.precision() - cost.scale() > MAX_INTEGER_DIGITS
                || cost.scale() > MAX_DECIMALS && cost.stripTrailingZeros().scale() > MAX_DECIMALS) {
            return new Problem(costColumn, costColumn + " " + Values.quote(value instanceof String t ? t
                    : cost.toString()) + " is out of range");
        }
        row.cost = cost;
        return null;
    }

    /** The tags of a {@code Tags} text into {@code row}; null when it is good, else its problem. */
    Problem tags(String text, Row row) {
        Tags tags;
        if (text == null || text.isBlank()) {
            tags = null;
        } else {
            tags = parsed.get(text);
            if (tags == null) {
                tags = parse(text);
                if (text.length() <= TAGS_CACHED_LENGTH) {
                    parsed.put(text, tags);
                }
            }
        }
        row.manifest = tags == null ? null : tags.manifest();
        row.team = tags == null ? null : tags.team();
        return tags == null ? null : tags.problem();
    }

    private Tags parse(String text) {
        JsonValue value;
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            value = reader.readValue();
        } catch (JsonException | IllegalStateException e) {
            value = null;
        }
        if (!(value instanceof JsonObject object)) {
            return new Tags(null, null, new Problem(FocusColumns.TAGS, FocusColumns.TAGS + " is not a JSON object"));
        }
        try {
            return new Tags(tag(object, manifestTag), tag(object, teamTag), null);
        } catch (IllegalArgumentException e) {
            return new Tags(null, null, new Problem(FocusColumns.TAGS, e.getMessage()));
        }
    }

    private static String tag(JsonObject tags, String name) {
        JsonValue v = tags.get(name);
        if (v == null) {
            return null;
        }
        return switch (v.getValueType()) {
            case STRING -> ((JsonString) v).getString();
            case NUMBER, TRUE, FALSE -> v.toString();
            case NULL -> null;
            default -> throw new IllegalArgumentException(FocusColumns.TAGS + ": " + Values.quote(name) + " is "
                    + (v.getValueType() == JsonValue.ValueType.OBJECT ? "an object" : "an array")
                    + ", not a tag value");
        };
    }
}
