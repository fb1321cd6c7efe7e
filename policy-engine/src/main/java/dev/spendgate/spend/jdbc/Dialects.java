package dev.spendgate.spend.jdbc;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The SQL dialects of the aggregate query, by the name {@code spendgate.dialect=} takes and by the
 * product name a driver reports: PostgreSQL, DuckDB, Snowflake, BigQuery, Trino (and Athena,
 * Presto), Databricks and Spark SQL, ClickHouse, Redshift.
 */
final class Dialects {

    private static final Map<String, Dialect> BY_ID = new TreeMap<>();

    static {
        for (Dialect d : List.of(new Postgres(true), new DuckDb(), new Snowflake(), new BigQuery(), new Trino(),
                new Spark(), new ClickHouse(), new Redshift())) {
            BY_ID.put(d.id(), d);
        }
    }

    private Dialects() {
    }

    /** The names {@code spendgate.dialect=} takes. */
    static List<String> ids() {
        return List.copyOf(BY_ID.keySet());
    }

    static Optional<Dialect> byId(String id) {
        return Optional.ofNullable(BY_ID.get(id.toLowerCase(Locale.ROOT)));
    }

    /**
     * The dialect of a database as its driver names it ({@code DatabaseMetaData.getDatabaseProductName}),
     * or empty when spendgate does not know the product.
     *
     * @param majorVersion the server's major version: PostgreSQL checks JSON text from 16 on
     */
    static Optional<Dialect> forProduct(String product, int majorVersion) {
        String p = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (p.contains("redshift")) {
            return byId("redshift");
        }
        if (p.contains("postgres")) {
            return Optional.of(new Postgres(majorVersion >= 16));
        }
        if (p.contains("duckdb")) {
            return byId("duckdb");
        }
        if (p.contains("snowflake")) {
            return byId("snowflake");
        }
        if (p.contains("bigquery")) {
            return byId("bigquery");
        }
        if (p.contains("trino") || p.contains("presto") || p.contains("athena")) {
            return byId("trino");
        }
        if (p.contains("spark") || p.contains("databricks")) {
            return byId("databricks");
        }
        if (p.contains("clickhouse")) {
            return byId("clickhouse");
        }
        return Optional.empty();
    }

    /** PostgreSQL; JSON text is checked with {@code IS JSON OBJECT} from version 16 on. */
    static final class Postgres extends Dialect {
        private final boolean isJson;

        Postgres(boolean isJson) {
            this.isJson = isJson;
        }

        @Override
        String id() {
            return "postgresql";
        }

        /**
         * UTC, and groups by hashing: the planner cannot estimate how many groups the computed keys
         * make (it guesses a tenth of the rows), and would sort every row by them, on disk.
         * A hash aggregate that outgrows work_mem spills to disk, as a sort would.
         */
        @Override
        List<String> session() {
            return List.of("SET TIME ZONE 'UTC'", "SET enable_sort = off");
        }

        /**
         * One process, from the table's first page: without the second setting, a scan of a table
         * larger than a quarter of shared_buffers starts where the last scan of it stopped (one
         * with a LIMIT, say), and the rows come in another order.
         */
        @Override
        List<String> orderedScan() {
            return List.of("SET max_parallel_workers_per_gather = 0", "SET synchronize_seqscans = off");
        }

        @Override
        String timestamp(Instant instant, Time time) {
            return switch (time) {
                case ZONED -> "TIMESTAMPTZ '" + utc(instant) + "+00'";
                case LOCAL -> "TIMESTAMP '" + utc(instant) + "'";
                case DATE -> "DATE '" + dateOf(instant) + "'";
            };
        }

        @Override
        String day(String column, Time time) {
            return time == Time.ZONED ? "CAST(" + column + " AT TIME ZONE 'UTC' AS DATE)" : "CAST(" + column + " AS DATE)";
        }

        @Override
        String cost(String column, Cost cost) {
            // float8 to numeric gives the shortest decimal that reads back as the same double
            return cost == Cost.FLOAT ? "CAST(" + column + " AS NUMERIC)" : column;
        }

        @Override
        String notFinite(String column, Cost cost) {
            // numeric has NaN too; as text, the test never fails whatever the server's version. NaN
            // and the infinities are greater than any number here, so the text is made only of a
            // cost out of range, not of every row's
            return cost == Cost.INTEGER ? null : "ABS(" + column + ") >= " + PushDown.OUT_OF_RANGE.toPlainString()
                    + " AND CAST(" + column + " AS TEXT) IN ('NaN', 'Infinity', '-Infinity')";
        }

        @Override
        boolean checksJsonText() {
            return isJson;
        }

        private static String json(String column, Tags tags) {
            return "CAST(" + column + " AS JSONB)";
        }

        @Override
        String notAnObject(String column, Tags tags) {
            return tags == Tags.TEXT ? "NOT (" + column + " IS JSON OBJECT)" : "JSONB_TYPEOF(" + json(column, tags)
                    + ") <> 'object'";
        }

        @Override
        String nested(String column, Tags tags, String key) {
            return "JSONB_TYPEOF(" + json(column, tags) + " -> " + literal(key) + ") IN ('object', 'array')";
        }

        @Override
        String tag(String column, Tags tags, String key) {
            return json(column, tags) + " ->> " + literal(key);
        }
    }

    /** DuckDB: JSON text or a JSON column through its json functions; a MAP(VARCHAR, ...) by key. */
    static final class DuckDb extends Dialect {
        @Override
        String id() {
            return "duckdb";
        }

        @Override
        List<String> session() {
            return List.of("SET TimeZone = 'UTC'");
        }

        @Override
        String timestamp(Instant instant, Time time) {
            return switch (time) {
                case ZONED -> "TIMESTAMPTZ '" + utc(instant) + "+00'";
                case LOCAL -> "TIMESTAMP '" + utc(instant) + "'";
                case DATE -> "DATE '" + dateOf(instant) + "'";
            };
        }

        @Override
        String day(String column, Time time) {
            return time == Time.ZONED ? "CAST(timezone('UTC', " + column + ") AS DATE)" : "CAST(" + column + " AS DATE)";
        }

        @Override
        String cost(String column, Cost cost) {
            // through the shortest text that reads back as the same double, as the streaming read takes it
            return cost == Cost.FLOAT ? "CAST(CAST(" + column + " AS VARCHAR) AS DECIMAL(38, 12))" : column;
        }

        @Override
        String notFinite(String column, Cost cost) {
            return cost == Cost.FLOAT ? "NOT isfinite(" + column + ")" : null;
        }

        @Override
        String notAnObject(String column, Tags tags) {
            if (tags == Tags.MAP) {
                return "FALSE";
            }
            return "CASE WHEN json_valid(" + column + ") THEN json_type(" + column + ") <> 'OBJECT' ELSE TRUE END";
        }

        @Override
        String nested(String column, Tags tags, String key) {
            if (tags == Tags.MAP) {
                return "FALSE";
            }
            return "coalesce(json_type(" + column + ", " + literal(jsonPath(key)) + ") IN ('OBJECT', 'ARRAY'), FALSE)";
        }

        @Override
        String tag(String column, Tags tags, String key) {
            if (tags == Tags.MAP) {
                return "CAST(element_at(" + column + ", " + literal(key) + ")[1] AS VARCHAR)";
            }
            return "json_extract_string(" + column + ", " + literal(jsonPath(key)) + ")";
        }
    }

    /** Snowflake: JSON text through TRY_PARSE_JSON, a VARIANT or OBJECT column as it is. */
    static final class Snowflake extends Dialect {
        @Override
        String id() {
            return "snowflake";
        }

        @Override
        String timestamp(Instant instant, Time time) {
            return switch (time) {
                case ZONED -> "CAST('" + utc(instant) + " +00:00' AS TIMESTAMP_TZ)";
                case LOCAL -> "CAST('" + utc(instant) + "' AS TIMESTAMP_NTZ)";
                case DATE -> "CAST('" + dateOf(instant) + "' AS DATE)";
            };
        }

        @Override
        String day(String column, Time time) {
            return time == Time.ZONED ? "TO_DATE(CONVERT_TIMEZONE('UTC', " + column + "))" : "TO_DATE(" + column + ")";
        }

        @Override
        String notFinite(String column, Cost cost) {
            return cost == Cost.FLOAT ? column + " IN ('NaN'::FLOAT, 'inf'::FLOAT, '-inf'::FLOAT)" : null;
        }

        private static String json(String column, Tags tags) {
            return tags == Tags.TEXT ? "TRY_PARSE_JSON(" + column + ")" : column;
        }

        @Override
        String notAnObject(String column, Tags tags) {
            return "NOT COALESCE(IS_OBJECT(" + json(column, tags) + "), FALSE)";
        }

        @Override
        String nested(String column, Tags tags, String key) {
            return "COALESCE(TYPEOF(GET(" + json(column, tags) + ", " + literal(key) + ")) IN ('OBJECT', 'ARRAY'), FALSE)";
        }

        @Override
        String tag(String column, Tags tags, String key) {
            String v = "GET(" + json(column, tags) + ", " + literal(key) + ")";
            return "CASE WHEN IS_NULL_VALUE(" + v + ") THEN NULL WHEN TYPEOF(" + v + ") = 'VARCHAR' THEN AS_VARCHAR(" + v
                    + ") ELSE TO_JSON(" + v + ") END";
        }

        @Override
        String rowNumber() {
            return "ROW_NUMBER() OVER (ORDER BY NULL)";
        }
    }

    /** BigQuery: JSON text through SAFE.PARSE_JSON, a JSON column as it is; TIMESTAMPs are UTC. */
    static final class BigQuery extends Dialect {
        @Override
        String id() {
            return "bigquery";
        }

        @Override
        String quote(String identifier) {
            return "`" + identifier.replace("\\", "\\\\").replace("`", "\\`") + "`";
        }

        @Override
        String literal(String text) {
            return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
        }

        @Override
        String timestamp(Instant instant, Time time) {
            return switch (time) {
                case ZONED -> "TIMESTAMP '" + utc(instant) + "+00'";
                case LOCAL -> "DATETIME '" + utc(instant) + "'";
                case DATE -> "DATE '" + dateOf(instant) + "'";
            };
        }

        @Override
        String day(String column, Time time) {
            return time == Time.ZONED ? "DATE(" + column + ", 'UTC')" : "DATE(" + column + ")";
        }

        @Override
        String cost(String column, Cost cost) {
            return cost == Cost.FLOAT ? "CAST(" + column + " AS BIGNUMERIC)" : column;
        }

        @Override
        String notFinite(String column, Cost cost) {
            return cost == Cost.FLOAT ? "(IS_NAN(" + column + ") OR IS_INF(" + column + "))" : null;
        }

        private static String json(String column, Tags tags) {
            return tags == Tags.TEXT ? "SAFE.PARSE_JSON(" + column + ")" : column;
        }

        @Override
        String notAnObject(String column, Tags tags) {
            return "COALESCE(JSON_TYPE(" + json(column, tags) + ") <> 'object', TRUE)";
        }

        @Override
        String nested(String column, Tags tags, String key) {
            return "COALESCE(JSON_TYPE(JSON_QUERY(" + json(column, tags) + ", " + literal(jsonPath(key))
                    + ")) IN ('object', 'array'), FALSE)";
        }

        @Override
        String tag(String column, Tags tags, String key) {
            return "JSON_VALUE(" + json(column, tags) + ", " + literal(jsonPath(key)) + ")";
        }
    }

    /** Trino (Athena, Presto): JSON text through TRY(json_parse), a MAP by element_at. */
    static final class Trino extends Dialect {
        @Override
        String id() {
            return "trino";
        }

        @Override
        String timestamp(Instant instant, Time time) {
            return switch (time) {
                case ZONED -> "TIMESTAMP '" + utc(instant) + " UTC'";
                case LOCAL -> "TIMESTAMP '" + utc(instant) + "'";
                case DATE -> "DATE '" + dateOf(instant) + "'";
            };
        }

        @Override
        String day(String column, Time time) {
            return time == Time.ZONED ? "CAST(" + column + " AT TIME ZONE 'UTC' AS DATE)" : "CAST(" + column + " AS DATE)";
        }

        @Override
        String notFinite(String column, Cost cost) {
            return cost == Cost.FLOAT ? "(is_nan(" + column + ") OR is_infinite(" + column + "))" : null;
        }

        private static String json(String column, Tags tags) {
            return tags == Tags.TEXT ? "TRY(json_parse(" + column + "))" : column;
        }

        @Override
        String notAnObject(String column, Tags tags) {
            if (tags == Tags.MAP) {
                return "FALSE";
            }
            return "TRY_CAST(" + json(column, tags) + " AS MAP(VARCHAR, JSON)) IS NULL";
        }

        @Override
        String nested(String column, Tags tags, String key) {
            if (tags == Tags.MAP) {
                return "FALSE";
            }
            return "COALESCE(substr(json_format(json_extract(" + json(column, tags) + ", " + literal(bracketJsonPath(key))
                    + ")), 1, 1) IN ('{', '['), FALSE)";
        }

        @Override
        String tag(String column, Tags tags, String key) {
            if (tags == Tags.MAP) {
                return "CAST(element_at(" + column + ", " + literal(key) + ") AS VARCHAR)";
            }
            return "json_extract_scalar(" + json(column, tags) + ", " + literal(bracketJsonPath(key)) + ")";
        }
    }

    /** Databricks and Spark SQL: JSON text through json_object_keys and get_json_object, a MAP by key. */
    static final class Spark extends Dialect {
        @Override
        String id() {
            return "databricks";
        }

        @Override
        String quote(String identifier) {
            return "`" + identifier.replace("`", "``") + "`";
        }

        @Override
        String literal(String text) {
            return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
        }

        @Override
        String timestamp(Instant instant, Time time) {
            return switch (time) {
                case ZONED -> "TIMESTAMP '" + utc(instant) + "Z'";
                case LOCAL -> "TIMESTAMP_NTZ '" + utc(instant) + "'";
                case DATE -> "DATE '" + dateOf(instant) + "'";
            };
        }

        @Override
        String day(String column, Time time) {
            return time == Time.ZONED ? "TO_DATE(CONVERT_TIMEZONE('UTC', " + column + "))" : "TO_DATE(" + column + ")";
        }

        @Override
        String notFinite(String column, Cost cost) {
            return cost == Cost.FLOAT ? "(isnan(" + column + ") OR ABS(" + column + ") = DOUBLE('infinity'))" : null;
        }

        @Override
        String notAnObject(String column, Tags tags) {
            if (tags == Tags.MAP) {
                return "FALSE";
            }
            String text = tags == Tags.TEXT ? column : "TO_JSON(" + column + ")";
            return "json_object_keys(" + text + ") IS NULL";
        }

        @Override
        String nested(String column, Tags tags, String key) {
            if (tags == Tags.MAP) {
                return "FALSE";
            }
            String text = tags == Tags.TEXT ? column : "TO_JSON(" + column + ")";
            return "COALESCE(SUBSTR(LTRIM(get_json_object(" + text + ", " + literal("$['" + key.replace("'", "\\'")
                    + "']") + ")), 1, 1) IN ('{', '['), FALSE)";
        }

        @Override
        String tag(String column, Tags tags, String key) {
            if (tags == Tags.MAP) {
                return "CAST(try_element_at(" + column + ", " + literal(key) + ") AS STRING)";
            }
            String text = tags == Tags.TEXT ? column : "TO_JSON(" + column + ")";
            return "get_json_object(" + text + ", " + literal("$['" + key.replace("'", "\\'") + "']") + ")";
        }
    }

    /** ClickHouse: JSON text through isValidJSON and the JSONExtract functions, a Map by key. */
    static final class ClickHouse extends Dialect {
        @Override
        String id() {
            return "clickhouse";
        }

        @Override
        String literal(String text) {
            return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
        }

        @Override
        String timestamp(Instant instant, Time time) {
            return switch (time) {
                case ZONED, LOCAL -> "toDateTime64('" + utc(instant) + "', 6, 'UTC')";
                case DATE -> "toDate('" + dateOf(instant) + "')";
            };
        }

        @Override
        String day(String column, Time time) {
            return time == Time.DATE ? column : "toDate(" + column + ", 'UTC')";
        }

        @Override
        String cost(String column, Cost cost) {
            return cost == Cost.FLOAT ? "toDecimal128(" + column + ", 12)" : column;
        }

        @Override
        String notFinite(String column, Cost cost) {
            return cost == Cost.FLOAT ? "NOT isFinite(" + column + ")" : null;
        }

        @Override
        String notAnObject(String column, Tags tags) {
            if (tags == Tags.MAP) {
                return "FALSE";
            }
            return "if(isValidJSON(" + column + "), JSONType(" + column + ") <> 'Object', 1)";
        }

        @Override
        String nested(String column, Tags tags, String key) {
            if (tags == Tags.MAP) {
                return "FALSE";
            }
            return "JSONType(" + column + ", " + literal(key) + ") IN ('Object', 'Array')";
        }

        @Override
        String tag(String column, Tags tags, String key) {
            if (tags == Tags.MAP) {
                return "if(mapContains(" + column + ", " + literal(key) + "), toString(" + column + "[" + literal(key)
                        + "]), NULL)";
            }
            String type = "JSONType(" + column + ", " + literal(key) + ")";
            return "multiIf(" + type + " = 'String', JSONExtractString(" + column + ", " + literal(key) + "), " + type
                    + " IN ('Int64', 'UInt64', 'Double', 'Bool'), JSONExtractRaw(" + column + ", " + literal(key)
                    + "), NULL)";
        }
    }

    /** Redshift: JSON text through CAN_JSON_PARSE and JSON_PARSE into SUPER, a SUPER column as it is. */
    static final class Redshift extends Dialect {
        @Override
        String id() {
            return "redshift";
        }

        @Override
        String timestamp(Instant instant, Time time) {
            return switch (time) {
                case ZONED -> "CAST('" + utc(instant) + "+00' AS TIMESTAMPTZ)";
                case LOCAL -> "CAST('" + utc(instant) + "' AS TIMESTAMP)";
                case DATE -> "CAST('" + dateOf(instant) + "' AS DATE)";
            };
        }

        @Override
        String day(String column, Time time) {
            return time == Time.ZONED ? "CAST(CONVERT_TIMEZONE('UTC', " + column + ") AS DATE)" : "CAST(" + column + " AS DATE)";
        }

        @Override
        String cost(String column, Cost cost) {
            return cost == Cost.FLOAT ? "CAST(" + column + " AS DECIMAL(38, 12))" : column;
        }

        @Override
        String notFinite(String column, Cost cost) {
            return cost == Cost.FLOAT ? "CAST(" + column + " AS VARCHAR) IN ('NaN', 'Infinity', '-Infinity')" : null;
        }

        private static String json(String column, Tags tags) {
            return tags == Tags.TEXT ? "JSON_PARSE(" + column + ")" : column;
        }

        @Override
        String notAnObject(String column, Tags tags) {
            return tags == Tags.TEXT ? "CASE WHEN CAN_JSON_PARSE(" + column + ") THEN NOT IS_OBJECT(JSON_PARSE(" + column
                    + ")) ELSE TRUE END" : "NOT IS_OBJECT(" + column + ")";
        }

        @Override
        String nested(String column, Tags tags, String key) {
            return "JSON_TYPEOF(" + json(column, tags) + "." + quote(key) + ") IN ('object', 'array')";
        }

        @Override
        String tag(String column, Tags tags, String key) {
            String v = json(column, tags) + "." + quote(key);
            return "CASE WHEN IS_VARCHAR(" + v + ") THEN CAST(" + v + " AS VARCHAR) WHEN JSON_TYPEOF(" + v
                    + ") IN ('number', 'boolean') THEN JSON_SERIALIZE(" + v + ") END";
        }
    }
}
