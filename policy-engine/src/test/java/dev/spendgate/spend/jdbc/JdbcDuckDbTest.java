package dev.spendgate.spend.jdbc;

import dev.spendgate.spend.BadRow;
import dev.spendgate.spend.SpendData;
import dev.spendgate.spend.SpendException;
import dev.spendgate.spend.SpendOptions;
import dev.spendgate.spend.SpendQuery;
import dev.spendgate.spend.SpendSource;
import dev.spendgate.spend.SpendSources;
import dev.spendgate.spend.jdbc.FocusTables.Database;
import dev.spendgate.spend.jdbc.FocusTables.Row;
import dev.spendgate.spend.jdbc.FocusTables.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import static dev.spendgate.spend.jdbc.FocusTables.group;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The warehouse source against an embedded DuckDB database file. */
class JdbcDuckDbTest {

    /** Rows with every kind of problem, between two good ones (rows 1 and 9). */
    static final List<Row> WITH_BAD_ROWS = List.of(
            new Row("2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", "1", "1.5", "USD", "{\"spendgate-manifest\":\"web\"}"),
            new Row("2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", "1", "$10,000.00 ", "USD", null),
            new Row("2026/11/01", "2026-11-01T01:00:00Z", "1", "1", "USD", null),
            new Row("2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", "1", "1", "USD", "not json"),
            new Row("2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", "1", "1", "USD", "[1, 2]"),
            new Row("2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", "1", null, "USD", null),
            new Row(null, "2026-11-01T01:00:00Z", "1", "1", "USD", null),
            new Row("2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", "1", "1", null, null),
            new Row("2026-11-01T06:00:00Z", "2026-11-01T07:00:00Z", "1", "2.25", "USD", "{\"spendgate-manifest\":\"web\"}"),
            new Row("2026-11-01T00:00:00", "2026-11-01T01:00:00Z", "1", "1", "USD", null),
            new Row("2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", "1", "1", "USD", "{\"team\": {\"x\": 1}}"),
            new Row("2026-11-01T00:00:00Z", "", "1", "1", "USD", null),
            new Row("2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", "1", "1e-999999999", "USD", null),
            new Row("2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", "1", "-4.50", "EUR", null));

    /** What {@link #WITH_BAD_ROWS} gives: row, column, problem. */
    static final List<String> BAD_ROWS = List.of(
            "2 EffectiveCost EffectiveCost \"$10,000.00 \" is not a number",
            "3 ChargePeriodStart ChargePeriodStart \"2026/11/01\" is not an ISO 8601 date-time with an offset"
                    + " (like 2026-11-01T00:00:00Z)",
            "4 Tags Tags is not a JSON object",
            "5 Tags Tags is not a JSON object",
            "6 EffectiveCost EffectiveCost is empty",
            "7 ChargePeriodStart ChargePeriodStart is empty",
            "8 BillingCurrency BillingCurrency is empty",
            "10 ChargePeriodStart ChargePeriodStart \"2026-11-01T00:00:00\" is not an ISO 8601 date-time with an"
                    + " offset (like 2026-11-01T00:00:00Z)",
            "11 Tags Tags: \"team\" is an object, not a tag value",
            "12 ChargePeriodEnd ChargePeriodEnd is empty",
            "13 EffectiveCost EffectiveCost \"1e-999999999\" is out of range",
            "14 BillingCurrency BillingCurrency EUR is not USD, the budgets' currency (spendgate does not convert"
                    + " currencies)");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Types.class)
    void sumsGoodRowsToGroupsWhateverTheColumnTypes(Types types) throws Exception {
        String url = database("t", types, FocusTables.GOOD);
        SpendData data = read(readable(url, types), "t", SpendQuery.defaults(), Map.of());
        assertEquals(FocusTables.GOOD_EFFECTIVE, data.groups());
        assertEquals(8, data.rows());
        assertEquals(0, data.badRowCount());
        assertEquals(FocusTables.GOOD_NEWEST, data.newestRow());
        assertEquals("EffectiveCost", data.costColumn());
        assertEquals(url + " (table t)", data.source());
    }

    @ParameterizedTest
    @EnumSource(Types.class)
    void daysAreUtcDaysWhateverTheJvmsZone(Types types) throws Exception {
        String url = database("t", types, FocusTables.GOOD);
        TimeZone saved = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
        try {
            assertEquals(FocusTables.GOOD_EFFECTIVE, read(readable(url, types), "t", SpendQuery.defaults(), Map.of())
                    .groups());
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    @Test
    void readsTagsFromAMapColumn() throws Exception {
        String url = "jdbc:duckdb:" + dir.resolve("map.duckdb");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE focus (ChargePeriodStart TIMESTAMPTZ, ChargePeriodEnd TIMESTAMPTZ,"
                    + " EffectiveCost DECIMAL(12,4), BillingCurrency VARCHAR, Tags MAP(VARCHAR, VARCHAR))");
            s.execute("INSERT INTO focus VALUES ('2026-11-01T00:00:00Z', '2026-11-01T01:00:00Z', 1.25, 'USD',"
                    + " MAP {'spendgate-manifest': 'web', 'team': 'a'}), ('2026-11-01T00:00:00Z',"
                    + " '2026-11-01T02:00:00Z', 2, 'USD', MAP {'spendgate-manifest': 'web', 'team': 'a'}),"
                    + " ('2026-11-01T00:00:00Z', '2026-11-01T01:00:00Z', 4, 'USD', NULL)");
        }
        SpendData data = read(url, null, SpendQuery.defaults(), Map.of());
        assertEquals(List.of(group(null, null, "USD", "2026-11-01", "4", 1, "2026-11-01T01:00:00Z"),
                group("web", "a", "USD", "2026-11-01", "3.25", 2, "2026-11-01T02:00:00Z")), data.groups());
    }

    @Test
    void sumsTheBilledCostWhenAsked() throws Exception {
        String url = database("t", Types.ZONED, FocusTables.GOOD);
        SpendData data = read(url, "t", new SpendQuery("BilledCost", "spendgate-manifest", "team"), Map.of());
        assertEquals("BilledCost", data.costColumn());
        assertEquals(group("web", "a", "USD", "2026-11-01", "8.8", 3, "2026-11-03T00:00:00Z"), data.groups().get(1));
    }

    @Test
    void countsAndDescribesBadRowsWithTheirRowNumbers() throws Exception {
        String url = database("t", Types.TEXT, WITH_BAD_ROWS);
        SpendData data = read(url + "?spendgate.read=stream", "t", SpendQuery.defaults(), Map.of());
        assertEquals(14, data.rows());
        assertEquals(12, data.badRowCount());
        assertEquals(BAD_ROWS, data.badRows().stream().map(b -> b.line() + " " + b.column() + " " + b.problem())
                .toList());
        BadRow first = data.badRows().get(0);
        assertEquals("row", first.unit());
        assertEquals(url + " (table t): row 2: EffectiveCost \"$10,000.00 \" is not a number", first.toString());
        assertEquals(List.of(group("web", null, "USD", "2026-11-01", "3.75", 2, "2026-11-01T07:00:00Z")),
                data.groups());
    }

    @Test
    void countsEveryBadRowAndDescribesTheFirstHundred() throws Exception {
        String url = "jdbc:duckdb:" + dir.resolve("many.duckdb");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE focus AS SELECT '2026-11-01T00:00:00Z' AS ChargePeriodStart,"
                    + " '2026-11-01T01:00:00Z' AS ChargePeriodEnd, CASE WHEN i % 3 = 0 THEN '1' ELSE 'n/a' END"
                    + " AS EffectiveCost, 'USD' AS BillingCurrency, NULL AS Tags FROM range(3000) t(i) ORDER BY i");
        }
        SpendData data = read(url + "?spendgate.read=stream", null, SpendQuery.defaults(), Map.of());
        assertEquals(3000, data.rows());
        assertEquals(2000, data.badRowCount());
        assertEquals(100, data.badRows().size());
        assertEquals(2, data.badRows().get(0).line());
        assertEquals(150, data.badRows().get(99).line());
        assertEquals(List.of(group(null, null, "USD", "2026-11-01", "1000", 1000, "2026-11-01T01:00:00Z")),
                data.groups());
    }

    @Test
    void anEmptyTableHasNoGroups() throws Exception {
        String url = database("t", Types.ZONED, List.of());
        SpendData data = read(url, "t", SpendQuery.defaults(), Map.of());
        assertEquals(List.of(), data.groups());
        assertEquals(0, data.rows());
        assertNull(data.newestRow());
    }

    @Test
    void aTableWithoutAFocusColumnIsNamedWithTheColumnsItHas() throws Exception {
        String url = "jdbc:duckdb:" + dir.resolve("cols.duckdb");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA billing");
            s.execute("CREATE TABLE billing.export (chargeperiodstart TIMESTAMPTZ, CHARGEPERIODEND TIMESTAMPTZ,"
                    + " EffectiveCost DECIMAL(10,2), Currency VARCHAR)");
        }
        SpendException e = assertThrows(SpendException.class,
                () -> read(url, "billing.export", SpendQuery.defaults(), Map.of()));
        assertEquals("spend_columns_missing", e.code());
        assertEquals(url + " (table billing.export): no column BillingCurrency, Tags (a FOCUS table needs"
                + " ChargePeriodStart, ChargePeriodEnd, EffectiveCost, BillingCurrency, Tags; this one has"
                + " chargeperiodstart, CHARGEPERIODEND, EffectiveCost, Currency)", e.getMessage());
    }

    @Test
    void aMissingTableIsUnreadable() throws Exception {
        String url = database("t", Types.ZONED, FocusTables.GOOD);
        SpendException e = assertThrows(SpendException.class,
                () -> read(url, "focus_v2", SpendQuery.defaults(), Map.of()));
        assertEquals("spend_unreadable", e.code());
        assertTrue(e.getMessage().startsWith(url + " (table focus_v2): cannot read focus_v2: "), e.getMessage());
        assertTrue(e.getMessage().contains("focus_v2"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void isFoundThroughTheProviderRegistry() throws Exception {
        String url = database("focus", Types.ZONED, FocusTables.GOOD);
        SpendSource source = SpendSources.open(url, SpendOptions.defaults(Map.of()));
        assertInstanceOf(JdbcSpendSource.class, source);
        assertEquals(url + " (table focus)", source.display());
        assertEquals(FocusTables.GOOD_EFFECTIVE, source.read(SpendQuery.defaults()).groups());
    }

    @Test
    void loadsADriverFromAJarOfItsOwn() throws Exception {
        String url = database("t", Types.ZONED, FocusTables.GOOD);
        Path jar = Path.of(org.duckdb.DuckDBDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Drivers drivers = Drivers.find(url, url, List.of(jar), dir, Map.of())) {
            ClassLoader loader = drivers.driver().getClass().getClassLoader();
            assertNotSame(org.duckdb.DuckDBDriver.class.getClassLoader(), loader);
            assertEquals("spendgate-jdbc-drivers", loader.getName());
        }
        SpendOptions options = new SpendOptions(dir, "t", List.of(jar), Map.of(), Duration.ofSeconds(30));
        SpendData data = new JdbcSpendSourceProvider().open(url, options).read(SpendQuery.defaults());
        assertEquals(FocusTables.GOOD_EFFECTIVE, data.groups());
    }

    @Test
    void aMissingDriverJarOrDriverIsNamed() {
        SpendOptions options = new SpendOptions(dir, null, List.of(Path.of("snowflake-jdbc.jar")), Map.of(),
                Duration.ofSeconds(5));
        SpendException e = assertThrows(SpendException.class, () -> new JdbcSpendSourceProvider()
                .open("jdbc:snowflake://acct.snowflakecomputing.com/?db=FINOPS", options).read(SpendQuery.defaults()));
        assertEquals("spend_unreadable", e.code());
        assertEquals("--jdbc-driver snowflake-jdbc.jar: no such file", e.getMessage());

        e = assertThrows(SpendException.class, () -> new JdbcSpendSourceProvider()
                .open("jdbc:snowflake://acct.snowflakecomputing.com/?user=me&password=hunter2&db=FINOPS",
                        SpendOptions.defaults(Map.of())).read(SpendQuery.defaults()));
        assertEquals("spend_unreadable", e.code());
        assertEquals("jdbc:snowflake://acct.snowflakecomputing.com/?db=FINOPS: no JDBC driver for jdbc:snowflake: URLs"
                + " (spendgate ships PostgreSQL's and DuckDB's; add another's jar with --jdbc-driver FILE)",
                e.getMessage());
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        // accepts connections (the kernel does) and says nothing
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String url = "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/finops";
            SpendOptions options = new SpendOptions(dir, null, List.of(), Map.of(), Duration.ofMillis(700));
            long t0 = System.nanoTime();
            SpendException e = assertThrows(SpendException.class,
                    () -> new JdbcSpendSourceProvider().open(url, options).read(SpendQuery.defaults()));
            assertEquals("spend_unreachable", e.code());
            assertEquals(url + " (table focus): cannot connect: no answer within 700 ms", e.getMessage());
            assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
        }
    }

    private String database(String table, Types types, List<Row> rows) throws SQLException {
        String url = "jdbc:duckdb:" + dir.resolve(table + "-" + types + ".duckdb");
        try (Connection c = DriverManager.getConnection(url)) {
            FocusTables.create(c, Database.DUCKDB, table, types, rows);
        }
        return url;
    }

    /** Text columns are read row by row; the database sums typed ones. */
    static String readable(String url, Types types) {
        return types == Types.TEXT ? url + (url.contains("?") ? "&" : "?") + "spendgate.read=stream" : url;
    }

    private SpendData read(String url, String table, SpendQuery query, Map<String, String> env)
            throws SpendException {
        SpendOptions options = new SpendOptions(dir, table, List.of(), env, Duration.ofSeconds(30));
        return new JdbcSpendSourceProvider().open(url, options).read(query);
    }
}
