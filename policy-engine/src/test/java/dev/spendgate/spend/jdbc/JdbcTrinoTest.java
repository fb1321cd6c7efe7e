package dev.spendgate.spend.jdbc;

import dev.spendgate.spend.SpendData;
import dev.spendgate.spend.SpendException;
import dev.spendgate.spend.SpendOptions;
import dev.spendgate.spend.SpendQuery;
import dev.spendgate.spend.SpendSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The warehouse source against a real Trino (its memory connector): the Trino dialect's aggregate
 * gives what the row-by-row read gives, for Tags as a MAP, a JSON value and JSON text.
 */
class JdbcTrinoTest {

    @RegisterExtension
    static final TrinoServer TRINO = new TrinoServer();

    @TempDir
    Path dir;

    /** How a table keeps its Tags, and how a row's tags are written in it. */
    enum TagsColumn {
        MAP("MAP(VARCHAR, VARCHAR)"), JSON("JSON"), TEXT("VARCHAR");

        final String type;

        TagsColumn(String type) {
            this.type = type;
        }
    }

    @Test
    void theDialectIsTrinosFromTheDriversProductName() throws Exception {
        TRINO.execute(List.of("CREATE TABLE named (ChargePeriodStart TIMESTAMP(3) WITH TIME ZONE, ChargePeriodEnd"
                + " TIMESTAMP(3) WITH TIME ZONE, EffectiveCost DECIMAL(18, 6), BillingCurrency VARCHAR,"
                + " Tags MAP(VARCHAR, VARCHAR))"));
        String explain = source(TRINO.url(), "named").explain(SpendQuery.defaults());
        assertTrue(explain.startsWith("-- dialect: trino; groups by tag"), explain);
        assertTrue(explain.contains("element_at(row_tags, 'spendgate-manifest')"), explain);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void randomBillingDataSumsTheSameInTrinoAsRowByRow(long seed) throws Exception {
        Random random = new Random(seed);
        TagsColumn tags = TagsColumn.values()[(int) (seed % 3)];
        boolean zoned = random.nextBoolean();
        boolean decimal = seed <= 3 || random.nextBoolean();
        String table = "random_" + seed;
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            rows.add(randomRow(random, zoned, tags));
        }
        String time = zoned ? "TIMESTAMP(3) WITH TIME ZONE" : "TIMESTAMP(6)";
        TRINO.execute(List.of("CREATE TABLE " + table + " (ChargePeriodStart " + time + ", ChargePeriodEnd " + time
                        + ", EffectiveCost " + (decimal ? "DECIMAL(18, 6)" : "DOUBLE") + ", BillingCurrency VARCHAR, Tags "
                        + tags.type + ")",
                "INSERT INTO " + table + " VALUES " + String.join(", ", rows)));
        Instant from = Instant.parse("2026-10-20T00:00:00Z").plusSeconds(86_400L * random.nextInt(10));
        for (SpendQuery q : List.of(SpendQuery.defaults(), SpendQuery.defaults().window(from,
                from.plusSeconds(3600L * (24 + random.nextInt(24 * 20)))))) {
            SpendData aggregated = source(TRINO.url(), table).read(q);
            SpendData streamed = source(TRINO.url() + "?spendgate.read=stream", table).read(q);
            assertEquals(streamed.groups(), aggregated.groups(), "groups");
            assertEquals(streamed.rows(), aggregated.rows(), "rows");
            assertEquals(streamed.badRowCount(), aggregated.badRowCount(), "bad rows");
            assertTrue(aggregated.badRowCount() > 0 && aggregated.badRowCount() <= 100, "bad rows: "
                    + aggregated.badRowCount());
            // Trino returns a table's rows in no fixed order: the same bad rows, numbered as they came
            assertEquals(described(streamed), described(aggregated), "described bad rows");
            assertFalse(aggregated.groups().isEmpty());
        }
    }

    private static List<String> described(SpendData data) {
        return data.badRows().stream().map(b -> b.column() + " " + b.problem()).sorted().toList();
    }

    private static String randomRow(Random r, boolean zoned, TagsColumn column) {
        String[] manifests = {"web", "batch", "etl", "unknown"};
        String[] teams = {"a", "b", "c"};
        Instant start = Instant.parse("2026-10-15T00:00:00Z").plusSeconds(60L * r.nextInt(60 * 24 * 40));
        Instant end = start.plusSeconds(60L * r.nextInt(600));
        String s = timestamp(start, zoned);
        String e = timestamp(end, zoned);
        String cost = new BigDecimal(r.nextInt(2_000_000) - 100_000).movePointLeft(r.nextInt(7)).toPlainString();
        String currency = "'USD'";
        String manifest = manifests[r.nextInt(manifests.length)];
        String team = teams[r.nextInt(teams.length)];
        String tags = switch (column) {
            case MAP -> "MAP(ARRAY['spendgate-manifest', 'team'], ARRAY['" + manifest + "', '" + team + "'])";
            case JSON -> "JSON '{\"spendgate-manifest\": \"" + manifest + "\", \"team\": \"" + team + "\"}'";
            case TEXT -> "'{\"spendgate-manifest\": \"" + manifest + "\", \"team\": \"" + team + "\"}'";
        };
        String prefix = column == TagsColumn.JSON ? "JSON " : "";
        switch (r.nextInt(24)) {
            case 0 -> s = "NULL";
            case 1 -> e = "NULL";
            case 2 -> cost = "NULL";
            case 3 -> currency = "'EUR'";
            case 4 -> currency = "NULL";
            case 5 -> e = timestamp(start.minusSeconds(60), zoned);
            case 6 -> tags = column == TagsColumn.MAP ? "MAP(ARRAY['team'], ARRAY['" + team + "'])" : prefix + "'[\"web\"]'";
            case 7 -> tags = "NULL";
            case 8 -> tags = column == TagsColumn.MAP ? "MAP()" : prefix + "'{\"team\": 3}'";
            case 9 -> tags = column == TagsColumn.MAP ? tags : prefix + "'{\"spendgate-manifest\": {\"a\": 1}}'";
            case 10 -> tags = column == TagsColumn.TEXT ? "'not json'" : tags;
            default -> { }
        }
        return "(" + s + ", " + e + ", " + cost + ", " + currency + ", " + tags + ")";
    }

    private static String timestamp(Instant instant, boolean zoned) {
        String text = instant.toString().replace("T", " ").replace("Z", "");
        return "TIMESTAMP '" + text + (zoned ? " UTC'" : "'");
    }

    private SpendSource source(String url, String table) throws SpendException {
        SpendOptions options = new SpendOptions(dir, table, List.of(), Map.of("SPENDGATE_SPEND_USER", TrinoServer.USER),
                Duration.ofSeconds(60));
        return new JdbcSpendSourceProvider().open(url, options);
    }
}
