package dev.spendgate.spend.jdbc;

import dev.spendgate.spend.SpendGroup;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * FOCUS-shaped tables with the same rows for DuckDB and PostgreSQL, in the column types warehouses
 * use: with time zones and decimals and JSON, all text, or plain timestamps and doubles.
 */
final class FocusTables {

    /** One row as text; null is SQL NULL. */
    record Row(String start, String end, String billed, String effective, String currency, String tags) {
    }

    enum Database { DUCKDB, POSTGRES }

    /** Column types of a table. */
    enum Types {
        /** TIMESTAMPTZ, DECIMAL, JSON (PostgreSQL: unquoted names, so stored in lower case). */
        ZONED,
        /** Everything text (PostgreSQL: quoted mixed-case names, as loaders of CSV files make them). */
        TEXT,
        /** TIMESTAMP without a zone (UTC wall-clock values), DOUBLE costs. */
        NAIVE
    }

    private static final String TEAM_WEB = "{\"spendgate-manifest\": \"web\", \"team\": \"a\"}";

    /** Good rows over two UTC days, with offsets that move a row to the next day, and odd tag values. */
    static final List<Row> GOOD = List.of(
            new Row("2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", "1.10", "1.00", "USD", TEAM_WEB),
            new Row("2026-11-01T05:00:00+02:00", "2026-11-01T06:00:00+02:00", "2.20", "2.005", "USD",
                    "{\"spendgate-manifest\": \"web\", \"team\": \"a\", \"env\": \"prod\"}"),
            // 23:30 at -02:00 is 01:30 UTC the next day
            new Row("2026-11-01T23:30:00-02:00", "2026-11-02T00:30:00-02:00", "0.1", "0.1", "USD", TEAM_WEB),
            new Row("2026-11-02 10:00:00+00:00", "2026-11-02T11:00:00Z", "10", "9.999999", "USD",
                    "{\"spendgate-manifest\": \"batch\", \"team\": 7}"),
            new Row("2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z", "3", "3", "USD", null),
            new Row("2026-11-02T12:00:00Z", "2026-11-02T13:00:00Z", "0.3", "0.3", "USD", "{}"),
            new Row("2026-11-01T12:00:00Z", "2026-11-01T12:30:00Z", "0.2", "0.2", "USD",
                    "{\"spendgate-manifest\": true}"),
            new Row("2026-11-01T00:00:00Z", "2026-11-03T00:00:00Z", "5.5", "5.25", "USD", TEAM_WEB));

    /** What {@link #GOOD} sums to on {@code EffectiveCost}, in the source's order. */
    static final List<SpendGroup> GOOD_EFFECTIVE = List.of(
            group("true", null, "USD", "2026-11-01", "0.2", 1, "2026-11-01T12:30:00Z"),
            group("web", "a", "USD", "2026-11-01", "8.255", 3, "2026-11-03T00:00:00Z"),
            group(null, null, "USD", "2026-11-02", "3.3", 2, "2026-11-02T13:00:00Z"),
            group("batch", "7", "USD", "2026-11-02", "9.999999", 1, "2026-11-02T11:00:00Z"),
            group("web", "a", "USD", "2026-11-02", "0.1", 1, "2026-11-02T02:30:00Z"));

    /** The latest ChargePeriodEnd of {@link #GOOD}. */
    static final Instant GOOD_NEWEST = Instant.parse("2026-11-03T00:00:00Z");

    private FocusTables() {
    }

    static SpendGroup group(String manifest, String team, String currency, String day, String cost, long rows,
                            String newest) {
        return new SpendGroup(manifest, team, currency, LocalDate.parse(day), new BigDecimal(cost), rows,
                Instant.parse(newest));
    }

    /** Creates {@code table} with {@code rows} (and a ServiceName column the source ignores). */
    static void create(Connection c, Database db, String table, Types types, List<Row> rows) throws SQLException {
        String[] names = {"ChargePeriodStart", "ChargePeriodEnd", "BilledCost", "EffectiveCost", "BillingCurrency",
            "Tags", "ServiceName"};
        String[] columnTypes = switch (types) {
            case ZONED -> db == Database.DUCKDB
                    ? new String[] {"TIMESTAMPTZ", "TIMESTAMPTZ", "DECIMAL(20,10)", "DECIMAL(20,10)", "VARCHAR", "JSON",
                        "VARCHAR"}
                    : new String[] {"timestamptz", "timestamptz", "numeric(20,10)", "numeric", "text", "jsonb", "text"};
            case TEXT -> new String[] {"VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR"};
            case NAIVE -> db == Database.DUCKDB
                    ? new String[] {"TIMESTAMP", "TIMESTAMP", "DOUBLE", "DOUBLE", "VARCHAR", "VARCHAR", "VARCHAR"}
                    : new String[] {"timestamp", "timestamp", "double precision", "double precision", "text", "json",
                        "text"};
        };
        boolean quote = types == Types.TEXT;
        StringBuilder ddl = new StringBuilder("CREATE TABLE " + table + " (");
        for (int i = 0; i < names.length; i++) {
            ddl.append(i == 0 ? "" : ", ").append(quote ? '"' + names[i] + '"' : names[i]).append(' ')
                    .append(columnTypes[i]);
        }
        ddl.append(')');
        try (Statement s = c.createStatement()) {
            s.execute(ddl.toString());
            if (!rows.isEmpty()) {
                List<String> values = new ArrayList<>();
                for (Row r : rows) {
                    boolean naive = types == Types.NAIVE;
                    values.add("(" + String.join(", ", literal(naive ? utcWallClock(r.start()) : r.start()),
                            literal(naive ? utcWallClock(r.end()) : r.end()), literal(r.billed()),
                            literal(r.effective()), literal(r.currency()), literal(r.tags()), "'Compute'") + ")");
                }
                s.execute("INSERT INTO " + table + " VALUES " + String.join(", ", values));
            }
        }
    }

    private static String literal(String value) {
        return value == null ? "NULL" : "'" + value.replace("'", "''") + "'";
    }

    /** {@code 2026-11-01T05:00:00+02:00} as the UTC wall clock {@code 2026-11-01 03:00:00}. */
    private static String utcWallClock(String timestamp) {
        if (timestamp == null) {
            return null;
        }
        OffsetDateTime t = OffsetDateTime.parse(timestamp.replace(' ', 'T'));
        return t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
    }
}
