package dev.spendgate.spend.jdbc;

import dev.spendgate.spend.SpendData;
import dev.spendgate.spend.SpendException;
import dev.spendgate.spend.SpendGroup;
import dev.spendgate.spend.SpendOptions;
import dev.spendgate.spend.SpendQuery;
import dev.spendgate.spend.SpendTally;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A million-row table streamed from a real PostgreSQL server (no password) by a JVM with a heap far
 * too small to hold the rows, and a query that takes longer than the timeout.
 */
class JdbcPostgresStreamingTest {

    private static final int ROWS = 1_000_000;

    /** Holding the million rows takes some 400 MB; streaming them, a few. */
    private static final String HEAP = "-Xmx64m";

    @RegisterExtension
    static final PostgresServer PG = PostgresServer.trusting();

    @TempDir
    Path dir;

    @BeforeAll
    static void tables() {
        // 30 days x 7 manifests x 3 teams, costs with six decimals; the tags' order and spacing vary
        PG.execute("CREATE UNLOGGED TABLE big AS SELECT"
                + " timestamptz '2026-11-01 00:00:00+00' + (g % 30) * interval '1 day' + (g % 24) * interval '1 hour'"
                + " AS ChargePeriodStart,"
                + " timestamptz '2026-11-01 00:00:00+00' + (g % 30) * interval '1 day' + (g % 24 + 1) * interval '1 hour'"
                + " AS ChargePeriodEnd,"
                + " ((g % 100000) / 1000000.0)::numeric(12,6) AS EffectiveCost,"
                + " 0::numeric AS BilledCost,"
                + " 'USD'::text AS BillingCurrency,"
                + " CASE WHEN g % 2 = 0 THEN '{\"spendgate-manifest\": \"m' || (g % 7) || '\", \"team\": \"t' || (g % 3)"
                + " || '\"}' ELSE '{\"team\":\"t' || (g % 3) || '\",\"spendgate-manifest\":\"m' || (g % 7) || '\"}' END"
                + " AS Tags"
                + " FROM generate_series(1, " + ROWS + ") g",
                "CREATE VIEW slow AS SELECT big.* FROM big, pg_sleep(5) LIMIT 1");
    }

    @Test
    void streamsAMillionRowsInASmallHeapAndSumsThemExactly() throws Exception {
        List<String> expected = new ArrayList<>();
        try (Connection c = PG.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT Tags::json->>'spendgate-manifest', Tags::json->>'team',"
                     + " BillingCurrency, (ChargePeriodStart AT TIME ZONE 'UTC')::date, sum(EffectiveCost), count(*),"
                     + " max(ChargePeriodEnd) FROM big GROUP BY 1, 2, 3, 4 ORDER BY 4, 3, 1, 2")) {
            while (rs.next()) {
                expected.add(new SpendGroup(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class), SpendTally.canonical(rs.getBigDecimal(5)), rs.getLong(6),
                        rs.getObject(7, OffsetDateTime.class).toInstant()).toString());
            }
        }
        assertEquals(210, expected.size());
        expected.add("rows 1000000, bad 0, newest 2026-12-01T00:00:00Z");

        Path out = dir.resolve("out.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Reader.class.getName(),
                PG.url() + "?user=" + PostgresServer.USER, "big")
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "the read did not finish within 2 minutes");
        assertEquals(0, p.exitValue(), Files.readString(out));
        assertEquals(expected, Files.readAllLines(out));
    }

    @Test
    void aQueryThatOutlastsTheTimeoutFails() {
        SpendException e = assertThrows(SpendException.class, () -> new JdbcSpendSourceProvider()
                .open(PG.url() + "?user=" + PostgresServer.USER, options("slow", Duration.ofSeconds(1)))
                .read(SpendQuery.defaults()));
        assertEquals("spend_unreachable", e.code());
        assertEquals(PG.url() + " (table slow): cannot read slow: no answer within 1 s (ERROR: canceling statement"
                + " due to user request); allow more with spendgate.queryTimeout=SECONDS in the URL", e.getMessage());

        // the URL's own limit for queries, apart from the connection's
        e = assertThrows(SpendException.class, () -> new JdbcSpendSourceProvider()
                .open(PG.url() + "?user=" + PostgresServer.USER + "&spendgate.queryTimeout=1",
                        options("slow", Duration.ofSeconds(30)))
                .read(SpendQuery.defaults()));
        assertEquals(PG.url() + " (table slow): cannot read slow: no answer within 1 s (ERROR: canceling statement"
                + " due to user request)", e.getMessage());
    }

    private static SpendOptions options(String table, Duration timeout) {
        return new SpendOptions(Path.of(""), table, List.of(), Map.of(), timeout);
    }

    /** Reads {@code args[1]} at {@code args[0]} and prints its groups, then the counts. */
    public static final class Reader {

        public static void main(String[] args) throws SpendException {
            SpendData data = new JdbcSpendSourceProvider().open(args[0], options(args[1], Duration.ofMinutes(1)))
                    .read(SpendQuery.defaults());
            StringBuilder out = new StringBuilder();
            data.groups().forEach(g -> out.append(g).append('\n'));
            out.append("rows ").append(data.rows()).append(", bad ").append(data.badRowCount()).append(", newest ")
                    .append(data.newestRow()).append('\n');
            System.out.print(out);
        }
    }
}
