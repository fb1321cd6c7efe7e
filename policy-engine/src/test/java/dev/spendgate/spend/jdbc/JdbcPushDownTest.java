package dev.spendgate.spend.jdbc;

import dev.spendgate.spend.SpendData;
import dev.spendgate.spend.SpendException;
import dev.spendgate.spend.SpendOptions;
import dev.spendgate.spend.SpendQuery;
import dev.spendgate.spend.SpendSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.spendgate.spend.jdbc.FocusTables.group;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The aggregate query against a real PostgreSQL and DuckDB: the database's sums, counts and
 * described bad rows equal those of the streaming read of the same rows, exactly.
 */
class JdbcPushDownTest {

    @RegisterExtension
    static final PostgresServer PG = PostgresServer.trusting();

    @TempDir
    Path dir;

    /** Every problem a typed table can have, between good rows; the comment is the row's number. */
    private static final String TYPED_ROWS = String.join(", ",
            "('2026-11-01 00:00:00+00', '2026-11-01 01:00:00+00', 1.50, 'USD', '{\"spendgate-manifest\": \"web\", \"team\": \"a\"}')", // 1
            "(NULL, '2026-11-01 01:00:00+00', 1, 'USD', NULL)", // 2
            "('2026-11-01 00:00:00+00', NULL, 1, 'USD', NULL)", // 3
            "('2026-11-01 00:00:00+00', '2026-11-01 01:00:00+00', NULL, 'USD', NULL)", // 4
            "('2026-11-01 00:00:00+00', '2026-11-01 01:00:00+00', 'NaN', 'USD', NULL)", // 5
            "('2026-11-01 00:00:00+00', '2026-11-01 01:00:00+00', 10000000000000000000, 'USD', NULL)", // 6
            "('2026-11-01 00:00:00+00', '2026-11-01 01:00:00+00', 1, ' ', NULL)", // 7
            "('2026-11-01 00:00:00+00', '2026-11-01 01:00:00+00', -4.5, 'EUR', NULL)", // 8
            "('2026-11-01 02:00:00+00', '2026-11-01 01:00:00+00', 1, 'USD', NULL)", // 9
            "('2026-11-01 00:00:00+00', '2026-11-01 01:00:00+00', 1, 'USD', '[1, 2]')", // 10
            "('2026-11-01 00:00:00+00', '2026-11-01 01:00:00+00', 1, 'USD', '{\"team\": {\"x\": 1}}')", // 11
            "('2026-11-01 00:00:00+00', '2026-11-01 01:00:00+00', 1, 'USD', '{\"spendgate-manifest\": [1]}')", // 12
            "('2026-11-01 23:30:00-02:00', '2026-11-02 00:30:00-02:00', 2.25, 'USD ', '{\"spendgate-manifest\": \"web\", \"team\": 7}')", // 13
            "('2026-11-02 00:00:00+00', '2026-11-02 01:00:00+00', 0.25, 'USD', '{}')", // 14
            "('2026-11-02 00:00:00+00', '2026-11-02 01:00:00+00', 0.5, 'USD', 'null')"); // 15

    private static final List<String> TYPED_BAD = List.of(
            "2 ChargePeriodStart ChargePeriodStart is empty",
            "3 ChargePeriodEnd ChargePeriodEnd is empty",
            "4 EffectiveCost EffectiveCost is empty",
            "5 EffectiveCost EffectiveCost \"NaN\" is not a number",
            "6 EffectiveCost EffectiveCost \"10000000000000000000\" is out of range",
            "7 BillingCurrency BillingCurrency is empty",
            "8 BillingCurrency BillingCurrency EUR is not USD, the budgets' currency (spendgate does not convert"
                    + " currencies)",
            "9 ChargePeriodEnd ChargePeriodEnd is before ChargePeriodStart",
            "10 Tags Tags is not a JSON object",
            "11 Tags Tags: \"team\" is an object, not a tag value",
            "12 Tags Tags: \"spendgate-manifest\" is an array, not a tag value",
            "15 Tags Tags is not a JSON object");

    @BeforeAll
    static void tables() {
        PG.execute("CREATE TABLE typed (ChargePeriodStart timestamptz, ChargePeriodEnd timestamptz,"
                        + " EffectiveCost numeric, BillingCurrency char(4), Tags jsonb)",
                "INSERT INTO typed VALUES " + TYPED_ROWS,
                // the same rows with Tags as text: PostgreSQL 15 cannot check JSON text in SQL
                "CREATE TABLE typed_text AS SELECT ChargePeriodStart, ChargePeriodEnd, EffectiveCost, BillingCurrency,"
                        + " Tags::text AS Tags FROM typed",
                "INSERT INTO typed_text VALUES ('2026-11-02 00:00:00+00', '2026-11-02 01:00:00+00', 1, 'USD', 'not json')");
    }

    @Test
    void postgresCountsAndDescribesBadRowsAsTheStreamingReadDoes() throws Exception {
        SpendData data = same(PG.url(), "typed", SpendQuery.defaults());
        assertEquals(15, data.rows());
        assertEquals(TYPED_BAD, described(data));
        assertEquals(List.of(group("web", "a", "USD", "2026-11-01", "1.5", 1, "2026-11-01T01:00:00Z"),
                group(null, null, "USD", "2026-11-02", "0.25", 1, "2026-11-02T01:00:00Z"),
                group("web", "7", "USD", "2026-11-02", "2.25", 1, "2026-11-02T02:30:00Z")), data.groups());
    }

    @Test
    void postgresTextTagsAreGroupedByTextAndParsedOnce() throws Exception {
        SpendData data = same(PG.url(), "typed_text", SpendQuery.defaults());
        assertEquals(16, data.rows());
        List<String> expected = new ArrayList<>(TYPED_BAD);
        expected.add("16 Tags Tags is not a JSON object");
        assertEquals(expected, described(data));
        String explain = source(PG.url(), "typed_text").explain(SpendQuery.defaults());
        assertTrue(explain.contains("groups by Tags text"), explain);
    }

    @Test
    void duckDbCountsAndDescribesBadRowsAsTheStreamingReadDoes() throws Exception {
        String url = "jdbc:duckdb:" + dir.resolve("typed.duckdb");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE typed (ChargePeriodStart TIMESTAMPTZ, ChargePeriodEnd TIMESTAMPTZ,"
                    + " EffectiveCost DOUBLE, BillingCurrency VARCHAR, Tags JSON)");
            s.execute("INSERT INTO typed VALUES " + TYPED_ROWS.replace("10000000000000000000", "1e19"));
            s.execute("CREATE TABLE typed_text AS SELECT * REPLACE (CAST(Tags AS VARCHAR) AS Tags) FROM typed");
            s.execute("INSERT INTO typed_text VALUES ('2026-11-02 00:00:00+00', '2026-11-02 01:00:00+00', 1, 'USD',"
                    + " 'not json')");
        }
        SpendData data = same(url, "typed", SpendQuery.defaults());
        List<String> expected = new ArrayList<>(TYPED_BAD);
        expected.set(3, "5 EffectiveCost EffectiveCost NaN is not a finite number");
        expected.set(4, "6 EffectiveCost EffectiveCost \"1.0E+19\" is out of range");
        assertEquals(expected, described(data));
        SpendData text = same(url, "typed_text", SpendQuery.defaults());
        assertEquals(13, text.badRowCount());
        assertEquals(data.groups(), text.groups());
    }

    @Test
    void onlyTheWindowIsReadAndRowsWithoutAStartAreStillCounted() throws Exception {
        SpendQuery window = SpendQuery.defaults().window(Instant.parse("2026-11-02T00:00:00Z"),
                Instant.parse("2026-11-02T00:30:00Z"));
        SpendData data = same(PG.url(), "typed", window);
        // row 2 (no start) and rows 13 (01:30 UTC, after the clock) and 14, 15 (at 00:00)
        assertEquals(List.of("1 ChargePeriodStart ChargePeriodStart is empty", "3 Tags Tags is not a JSON object"),
                described(data));
        assertEquals(3, data.rows());
        assertEquals(List.of(group(null, null, "USD", "2026-11-02", "0.25", 1, "2026-11-02T01:00:00Z")), data.groups());
        String explain = source(PG.url(), "typed").explain(window);
        assertTrue(explain.contains("WHERE \"chargeperiodstart\" IS NULL OR (\"chargeperiodstart\" >= TIMESTAMPTZ"
                + " '2026-11-02 00:00:00.000000+00' AND \"chargeperiodstart\" < TIMESTAMPTZ '2026-11-02 00:30:00.000000+00')"),
                explain);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void randomBillingDataSumsTheSameInTheDatabaseAsRowByRow(long seed) throws Exception {
        Random random = new Random(seed);
        // odd seeds: rows bad only in their other columns, so that the bad rows are fetched without the Tags checks
        boolean badTags = seed % 2 == 0;
        boolean zoned = random.nextBoolean();
        boolean decimal = random.nextBoolean();
        boolean jsonb = random.nextBoolean();
        String table = "random_" + seed;
        StringBuilder rows = new StringBuilder();
        int n = 300 + random.nextInt(300);
        for (int i = 0; i < n; i++) {
            rows.append(i == 0 ? "" : ", ").append(randomRow(random, zoned, badTags));
        }
        String ddl = "(ChargePeriodStart " + (zoned ? "timestamptz" : "timestamp") + ", ChargePeriodEnd "
                + (zoned ? "timestamptz" : "timestamp") + ", EffectiveCost " + (decimal ? "numeric(18,6)" : "double precision")
                + ", BillingCurrency text, Tags " + (jsonb ? "jsonb" : "text") + ")";
        PG.execute("CREATE TABLE " + table + " " + ddl, "INSERT INTO " + table + " VALUES " + rows);
        String duck = "jdbc:duckdb:" + dir.resolve(table + ".duckdb");
        try (Connection c = DriverManager.getConnection(duck); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " " + ddl.replace("timestamptz", "TIMESTAMPTZ")
                    .replace("double precision", "DOUBLE").replace("numeric(18,6)", "DECIMAL(18,6)")
                    .replace("jsonb", "JSON"));
            s.execute("INSERT INTO " + table + " VALUES " + rows);
        }
        Instant from = Instant.parse("2026-10-20T00:00:00Z").plusSeconds(86_400L * random.nextInt(10));
        SpendQuery[] queries = {SpendQuery.defaults(), SpendQuery.defaults().window(from,
                from.plusSeconds(3600L * (24 + random.nextInt(24 * 20))))};
        for (SpendQuery q : queries) {
            SpendData pg = same(PG.url(), table, q);
            SpendData duckDb = same(duck, table, q);
            assertEquals(pg.groups(), duckDb.groups());
            assertEquals(pg.badRowCount(), duckDb.badRowCount());
            assertFalse(pg.groups().isEmpty());
            assertTrue(pg.badRowCount() > 0, "bad rows");
        }
    }

    /**
     * A table PostgreSQL scans with synchronized scans (larger than a quarter of shared_buffers):
     * after a query that stopped part way through it, a new scan would start where that one
     * stopped; both reads number the rows from the table's first page all the same.
     */
    @Test
    void rowsAreNumberedFromTheTablesStartAfterAScanThatStoppedPartWay() throws Exception {
        PG.execute("CREATE TABLE large AS SELECT timestamptz '2026-11-01 00:00:00+00' + (g % 500) * interval '1 hour'"
                + " AS ChargePeriodStart, timestamptz '2026-11-01 01:00:00+00' + (g % 500) * interval '1 hour'"
                + " AS ChargePeriodEnd, 0.5::numeric AS EffectiveCost, CASE WHEN g % 5000 = 0 THEN 'EUR' ELSE 'USD' END"
                + " AS BillingCurrency, jsonb_build_object('spendgate-manifest', 'web', 'team', 'a', 'padding',"
                + " repeat('x', 60)) AS Tags FROM generate_series(1, 40000) g");
        List<String> expected = new ArrayList<>();
        for (int row = 5000; row <= 40000; row += 5000) {
            expected.add(row + " BillingCurrency BillingCurrency EUR is not USD, the budgets' currency (spendgate does"
                    + " not convert currencies)");
        }
        for (String mode : List.of("", "?spendgate.read=stream")) {
            // a scan that stops in the middle of the table, as the bad-row query's LIMIT does
            PG.execute("SELECT * FROM large LIMIT 25000");
            assertEquals(expected, described(read(PG.url() + mode, "large", SpendQuery.defaults())), mode);
        }
    }

    @Test
    void anUnknownDialectOrReadModeIsNamed() {
        SpendException e = assertThrows(SpendException.class, () -> source(PG.url() + "?spendgate.read=fast", "typed"));
        assertEquals("spendgate.read=fast in the URL: use spendgate.read=aggregate (the database sums the rows) or"
                + " spendgate.read=stream (spendgate sums every row)", e.getMessage());
        e = assertThrows(SpendException.class, () -> source(PG.url() + "?spendgate.dialect=oracle", "typed"));
        assertTrue(e.getMessage().startsWith("spendgate.dialect=oracle in the URL: not a dialect spendgate knows"
                + " (bigquery, clickhouse, databricks, duckdb, postgresql, redshift, snowflake, trino)"), e.getMessage());
    }

    @Test
    void aNamedDialectIsUsedAndTheParametersNeverReachTheDriver() throws Exception {
        SpendData data = read(PG.url() + "?spendgate.dialect=postgresql&ApplicationName=gate", "typed",
                SpendQuery.defaults());
        assertEquals(PG.url() + "?ApplicationName=gate (table typed)", data.source());
        assertEquals(12, data.badRowCount());
    }

    private static String randomRow(Random r, boolean zoned, boolean badTags) {
        String[] manifests = {"web", "batch", "etl", "unknown"};
        String[] teams = {"a", "b", "c"};
        Instant start = Instant.parse("2026-10-15T00:00:00Z").plusSeconds(60L * r.nextInt(60 * 24 * 40));
        Instant end = start.plusSeconds(60L * r.nextInt(600));
        String s = "'" + start + "'";
        String e = "'" + end + "'";
        String cost = new java.math.BigDecimal(r.nextInt(2_000_000) - 100_000).movePointLeft(r.nextInt(7)).toPlainString();
        String currency = "'USD'";
        String tags = "'{\"spendgate-manifest\": \"" + manifests[r.nextInt(manifests.length)] + "\", \"team\": \""
                + teams[r.nextInt(teams.length)] + "\"}'";
        int kind = r.nextInt(24);
        switch (badTags || kind < 6 ? kind : 11) {
            case 0 -> s = "NULL";
            case 1 -> e = "NULL";
            case 2 -> cost = "NULL";
            case 3 -> currency = "'EUR'";
            case 4 -> currency = "NULL";
            case 5 -> e = "'" + start.minusSeconds(60) + "'";
            case 6 -> tags = "'[\"web\"]'";
            case 7 -> tags = "NULL";
            case 8 -> tags = "'{\"team\": 3}'";
            case 9 -> tags = "'{\"spendgate-manifest\": {\"a\": 1}}'";
            case 10 -> tags = "'{}'";
            default -> { }
        }
        if (!zoned) {
            s = s.replace("Z'", "'").replace("T", " ");
            e = e.replace("Z'", "'").replace("T", " ");
        }
        return "(" + s + ", " + e + ", " + cost + ", " + currency + ", " + tags + ")";
    }

    /** Reads {@code table} both ways, checks they are equal, and gives the aggregate's data. */
    private SpendData same(String url, String table, SpendQuery query) throws SpendException {
        SpendData aggregated = read(url, table, query);
        SpendData streamed = read(url + (url.contains("?") ? "&" : "?") + "spendgate.read=stream", table, query);
        assertEquals(streamed.rows(), aggregated.rows(), "rows");
        assertEquals(streamed.badRowCount(), aggregated.badRowCount(), "bad rows");
        assertEquals(described(streamed), described(aggregated), "described bad rows");
        for (int i = 0; i < Math.min(streamed.groups().size(), aggregated.groups().size()); i++) {
            assertEquals(streamed.groups().get(i), aggregated.groups().get(i), "group " + i);
        }
        assertEquals(streamed, aggregated);
        return aggregated;
    }

    private static List<String> described(SpendData data) {
        return data.badRows().stream().map(b -> b.line() + " " + b.column() + " " + b.problem()).toList();
    }

    private SpendData read(String url, String table, SpendQuery query) throws SpendException {
        return source(url, table).read(query);
    }

    private SpendSource source(String url, String table) throws SpendException {
        SpendOptions options = new SpendOptions(dir, table, List.of(), Map.of("SPENDGATE_SPEND_USER", PostgresServer.USER),
                Duration.ofSeconds(30));
        return new JdbcSpendSourceProvider().open(url, options);
    }

}
