package dev.spendgate.spend.jdbc;

import dev.spendgate.spend.SpendData;
import dev.spendgate.spend.SpendException;
import dev.spendgate.spend.SpendOptions;
import dev.spendgate.spend.SpendQuery;
import dev.spendgate.spend.jdbc.FocusTables.Database;
import dev.spendgate.spend.jdbc.FocusTables.Types;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import static dev.spendgate.spend.jdbc.FocusTables.group;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The warehouse source against a real PostgreSQL server that wants a password, given as spendgate
 * takes it: from {@code SPENDGATE_SPEND_USER} and {@code SPENDGATE_SPEND_PASSWORD}.
 */
class JdbcPostgresTest {

    private static final String PASSWORD = "Pg-s3cret!pass";

    @RegisterExtension
    static final PostgresServer PG = PostgresServer.withPassword(PASSWORD);

    private static final Map<String, String> CREDENTIALS = Map.of("SPENDGATE_SPEND_USER", PostgresServer.USER,
            "SPENDGATE_SPEND_PASSWORD", PASSWORD);

    @TempDir
    Path dir;

    @BeforeAll
    static void tables() throws Exception {
        try (Connection c = PG.connect()) {
            for (Types types : Types.values()) {
                FocusTables.create(c, Database.POSTGRES, "good_" + types.name().toLowerCase(), types, FocusTables.GOOD);
            }
            FocusTables.create(c, Database.POSTGRES, "bad", Types.TEXT, JdbcDuckDbTest.WITH_BAD_ROWS);
        }
        PG.execute("CREATE SCHEMA billing", "CREATE VIEW billing.focus AS SELECT * FROM good_zoned",
                "CREATE TABLE nan (ChargePeriodStart timestamptz, ChargePeriodEnd timestamptz, EffectiveCost numeric,"
                        + " BillingCurrency char(3), Tags jsonb)",
                "INSERT INTO nan VALUES (now(), now(), 'NaN', 'USD', NULL),"
                        + " ('2026-11-01T00:00:00Z', '2026-11-01T01:00:00Z', 2.50, 'USD ', '{\"team\": \"a\"}')");
    }

    @ParameterizedTest
    @EnumSource(Types.class)
    void givesTheSameGroupsAsDuckDbForTheSameRows(Types types) throws Exception {
        String table = "good_" + types.name().toLowerCase();
        SpendData pg = read(JdbcDuckDbTest.readable(PG.url(), types), table, CREDENTIALS);
        String duck = "jdbc:duckdb:" + dir.resolve("same.duckdb");
        try (Connection c = DriverManager.getConnection(duck)) {
            FocusTables.create(c, Database.DUCKDB, table, types, FocusTables.GOOD);
        }
        SpendData duckDb = read(JdbcDuckDbTest.readable(duck, types), table, Map.of());
        assertEquals(FocusTables.GOOD_EFFECTIVE, pg.groups());
        assertEquals(duckDb.groups(), pg.groups());
        assertEquals(duckDb.rows(), pg.rows());
        assertEquals(FocusTables.GOOD_NEWEST, pg.newestRow());
        assertEquals(PG.url() + " (table " + table + ")", pg.source());
    }

    @ParameterizedTest
    @EnumSource(Types.class)
    void daysAreUtcDaysWhateverTheJvmsZone(Types types) throws Exception {
        TimeZone saved = TimeZone.getDefault();
        // the driver gives the server the JVM's zone for the connection
        TimeZone.setDefault(TimeZone.getTimeZone("America/St_Johns"));
        try {
            assertEquals(FocusTables.GOOD_EFFECTIVE,
                    read(JdbcDuckDbTest.readable(PG.url(), types), "good_" + types.name().toLowerCase(), CREDENTIALS)
                            .groups());
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    @Test
    void readsASchemaQualifiedView() throws Exception {
        assertEquals(FocusTables.GOOD_EFFECTIVE, read(PG.url(), "billing.focus", CREDENTIALS).groups());
    }

    @Test
    void countsAndDescribesBadRowsLikeDuckDb() throws Exception {
        SpendData data = read(PG.url() + "?spendgate.read=stream", "bad", CREDENTIALS);
        assertEquals(14, data.rows());
        assertEquals(12, data.badRowCount());
        assertEquals(JdbcDuckDbTest.BAD_ROWS, data.badRows().stream()
                .map(b -> b.line() + " " + b.column() + " " + b.problem()).toList());
        assertEquals(List.of(group("web", null, "USD", "2026-11-01", "3.75", 2, "2026-11-01T07:00:00Z")),
                data.groups());
    }

    @Test
    void aNotANumberIsABadRow() throws Exception {
        SpendData data = read(PG.url(), "nan", CREDENTIALS);
        assertEquals(1, data.badRowCount());
        assertEquals("1 EffectiveCost EffectiveCost \"NaN\" is not a number",
                data.badRows().get(0).line() + " " + data.badRows().get(0).column() + " "
                        + data.badRows().get(0).problem());
        assertEquals(List.of(group(null, "a", "USD", "2026-11-01", "2.5", 1, "2026-11-01T01:00:00Z")), data.groups());
    }

    @Test
    void aMissingTableIsUnreadableInOneLine() {
        SpendException e = assertThrows(SpendException.class, () -> read(PG.url(), "analytics.focus", CREDENTIALS));
        assertEquals("spend_unreadable", e.code());
        assertEquals(PG.url() + " (table analytics.focus): cannot read analytics.focus: ERROR: relation"
                + " \"analytics.focus\" does not exist", e.getMessage());
    }

    @Test
    void aWrongPasswordIsNeverShown() {
        String wrong = "wr0ng-Pa55word";
        SpendException e = assertThrows(SpendException.class, () -> read(PG.url(), "good_zoned",
                Map.of("SPENDGATE_SPEND_USER", PostgresServer.USER, "SPENDGATE_SPEND_PASSWORD", wrong)));
        assertEquals("spend_unreachable", e.code());
        assertEquals(PG.url() + " (table good_zoned): cannot log in (the user and password come from"
                + " SPENDGATE_SPEND_USER and SPENDGATE_SPEND_PASSWORD): FATAL: password authentication failed for"
                + " user \"spendgate\"", e.getMessage());

        // in the URL, too: neither the message nor the source's name shows it
        String url = PG.url() + "?user=" + PostgresServer.USER + "&password=" + wrong + "&ApplicationName=gate";
        e = assertThrows(SpendException.class, () -> read(url, "good_zoned", Map.of()));
        assertEquals("spend_unreachable", e.code());
        assertFalse(e.getMessage().contains(wrong), e.getMessage());
        assertTrue(e.getMessage().startsWith(PG.url() + "?ApplicationName=gate (table good_zoned): cannot log in"),
                e.getMessage());
    }

    @Test
    void credentialsMayComeInTheUrl() throws Exception {
        String url = PG.url() + "?user=" + PostgresServer.USER + "&password=" + PASSWORD;
        SpendData data = read(url, "good_zoned", Map.of());
        assertEquals(FocusTables.GOOD_EFFECTIVE, data.groups());
        assertEquals(PG.url() + " (table good_zoned)", data.source());
    }

    @Test
    void aRefusedConnectionIsUnreachable() {
        String url = "jdbc:postgresql://127.0.0.1:" + PostgresServer.freePort() + "/finops";
        SpendException e = assertThrows(SpendException.class, () -> read(url, null, CREDENTIALS));
        assertEquals("spend_unreachable", e.code());
        assertTrue(e.getMessage().startsWith(url + " (table focus): cannot connect: Connection to 127.0.0.1:"),
                e.getMessage());
        assertTrue(e.getMessage().contains("refused"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    private SpendData read(String url, String table, Map<String, String> env) throws SpendException {
        SpendOptions options = new SpendOptions(dir, table, List.of(), env, Duration.ofSeconds(30));
        return new JdbcSpendSourceProvider().open(url, options).read(SpendQuery.defaults());
    }
}
