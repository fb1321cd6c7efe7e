package dev.spendgate.cli;

import dev.spendgate.spend.jdbc.PostgresServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code spendgate check --spend}: the gate blocks a manifest whose spend has crossed its budget
 * and warns at the warning threshold, with the numbers in the explanation, and gives the same
 * answer whether the same billing rows come from a CSV export, a Parquet export or a table in a
 * real PostgreSQL server on 127.0.0.1.
 */
class CheckSpendTest {

    @RegisterExtension
    static final PostgresServer PG = PostgresServer.trusting();

    private static final String NOW = "2026-11-22T12:00:00Z";

    @TempDir
    Path dir;

    /** Billing rows: manifest, UTC day, cost. */
    private record Row(String manifest, String team, LocalDate day, String cost) {
    }

    /**
     * {@code over} (100 in total from 2026-11-10) has spent 120; {@code near} (1000 a month) has
     * spent 840 this month, past the warning threshold of 800; {@code fine} has spent 105 of 1000.
     */
    private List<Row> scenario() throws IOException {
        Files.createDirectories(dir.resolve("manifests"));
        Files.writeString(dir.resolve("policy.yaml"), """
                apiVersion: spendgate.dev/v1
                kind: PolicySet
                metadata: {name: acme, version: "1"}
                packs: [baseline]
                intents:
                  liveSpend: {warnAt: 0.8, blockAt: 1.0, anomalyFactor: 3.0, maxStaleness: 36h}
                """);
        Files.writeString(dir.resolve("manifests/over.yaml"), """
                apiVersion: spendgate.dev/v1
                kind: Experiment
                metadata: {name: over, team: ml, owner: alice@example.com, environment: dev, costCenter: CC-1}
                spec:
                  purpose: "an experiment that ran longer than planned"
                  budget: {amount: 100, currency: USD, period: total}
                  ttl: 30d
                  startsAt: 2026-11-10T00:00:00Z
                """);
        Files.writeString(dir.resolve("manifests/near.yaml"), """
                apiVersion: spendgate.dev/v1
                kind: InferenceEndpoint
                metadata: {name: near, team: ml, owner: "@bob", environment: production, costCenter: CC-1}
                spec:
                  purpose: "rank search results"
                  budget: {amount: 1000, currency: USD, period: monthly}
                """);
        Files.writeString(dir.resolve("manifests/fine.yaml"), """
                apiVersion: spendgate.dev/v1
                kind: InferenceEndpoint
                metadata: {name: fine, team: search, owner: "@carol", environment: production, costCenter: CC-2}
                spec:
                  purpose: "answer questions"
                  budget: {amount: 1000, currency: USD, period: monthly}
                """);
        List<Row> rows = new ArrayList<>();
        for (int d = 1; d <= 21; d++) {
            LocalDate day = LocalDate.of(2026, 11, d);
            rows.add(new Row("near", "ml", day, "40"));
            rows.add(new Row("fine", "search", day, "5"));
            if (d >= 10) {
                rows.add(new Row("over", "ml", day, "10"));
            }
        }
        StringBuilder csv = new StringBuilder("BillingCurrency,ChargePeriodStart,ChargePeriodEnd,EffectiveCost,Tags\n");
        for (Row r : rows) {
            csv.append("USD,").append(r.day()).append("T00:00:00Z,").append(r.day().plusDays(1)).append("T00:00:00Z,")
                    .append(r.cost()).append(",\"{\"\"spendgate-manifest\"\":\"\"").append(r.manifest())
                    .append("\"\",\"\"team\"\":\"\"").append(r.team()).append("\"\"}\"\n");
        }
        Files.writeString(dir.resolve("spend.csv"), csv);
        return rows;
    }

    private CliRun check(Map<String, String> env, String... spend) {
        List<String> args = new ArrayList<>(List.of("check", "-C", dir.toString(), "manifests", "--policy", "policy.yaml",
                "--now", NOW, "--format", "json"));
        args.addAll(List.of(spend));
        return CliRun.withEnv(env, args.toArray(String[]::new));
    }

    private static JsonObject json(CliRun r) {
        return Json.createReader(new StringReader(r.out())).readObject();
    }

    private static JsonObject manifest(JsonObject report, String name) {
        return report.getJsonArray("manifests").stream().map(JsonValue::asJsonObject)
                .filter(m -> m.getString("name").equals(name)).findFirst().orElseThrow();
    }

    private static List<String> spendRules(JsonObject manifest) {
        return manifest.getJsonArray("findings").stream().map(JsonValue::asJsonObject)
                .map(f -> f.getString("rule")).filter(r -> r.startsWith("SG-SPD-")).toList();
    }

    private static JsonObject finding(JsonObject manifest, String rule) {
        return manifest.getJsonArray("findings").stream().map(JsonValue::asJsonObject)
                .filter(f -> f.getString("rule").equals(rule)).findFirst().orElseThrow();
    }

    @Test
    void spendPastTheBudgetBlocksAndPastTheWarningThresholdWarnsWithTheNumbers() throws IOException {
        scenario();
        CliRun r = check(Map.of(), "--spend", "spend.csv");
        assertEquals(1, r.exitCode(), r.err() + r.out());
        JsonObject report = json(r);

        JsonObject over = manifest(report, "over");
        assertEquals("fail", over.getString("verdict"));
        JsonObject blocked = finding(over, "SG-SPD-002");
        assertEquals("spent 120 USD of a 100 USD budget (total), at or past the block threshold of 100 USD "
                + "(1 × budget; cost column EffectiveCost)", blocked.getString("message"));
        assertEquals("/spec/budget/amount", blocked.getString("path"));

        JsonObject near = manifest(report, "near");
        assertTrue(spendRules(near).contains("SG-SPD-001"), near.toString());
        assertTrue(!spendRules(near).contains("SG-SPD-002"), near.toString());
        assertEquals("spent 840 USD of a 1000 USD budget (monthly), past the warning threshold of 800 USD "
                + "(0.8 × budget; cost column EffectiveCost)", finding(near, "SG-SPD-001").getString("message"));

        assertEquals(List.of(), spendRules(manifest(report, "fine")));
        JsonObject spend = report.getJsonObject("spend");
        assertEquals(54, spend.getInt("rows"), spend.toString());
        assertEquals("1065.00", spend.getJsonNumber("total").toString());
        assertEquals("EffectiveCost", spend.getString("costColumn"));
    }

    @Test
    void withoutASpendSourceTheLiveSpendRulesDoNotApply() throws IOException {
        scenario();
        CliRun r = check(Map.of());
        JsonObject report = json(r);
        for (String name : List.of("over", "near", "fine")) {
            assertEquals(List.of(), spendRules(manifest(report, name)), name);
        }
    }

    @Test
    void csvParquetAndAPostgresTableGiveTheSameAnswer() throws IOException, SQLException {
        List<Row> rows = scenario();
        Path parquet = dir.resolve("spend.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT * FROM read_csv('" + dir.resolve("spend.csv") + "', header = true, all_varchar = true)) TO '"
                    + parquet + "' (FORMAT parquet)");
        }
        List<String> values = new ArrayList<>();
        for (Row r : rows) {
            values.add("('USD', '" + r.day() + "T00:00:00Z', '" + r.day().plusDays(1) + "T00:00:00Z', " + r.cost()
                    + ", '{\"spendgate-manifest\": \"" + r.manifest() + "\", \"team\": \"" + r.team() + "\"}')");
        }
        PG.execute("DROP TABLE IF EXISTS focus_check",
                "CREATE TABLE focus_check (BillingCurrency text, ChargePeriodStart timestamptz, "
                        + "ChargePeriodEnd timestamptz, EffectiveCost numeric, Tags jsonb)",
                "INSERT INTO focus_check VALUES " + String.join(", ", values));

        String csv = check(Map.of(), "--spend", "spend.csv").out();
        String fromParquet = check(Map.of(), "--spend", "spend.parquet").out();
        CliRun pg = check(Map.of("SPENDGATE_SPEND_USER", PostgresServer.USER), "--spend", PG.url(),
                "--spend-table", "focus_check");
        assertEquals(1, pg.exitCode(), pg.err() + pg.out());
        String fromPg = pg.out();
        assertTrue(csv.contains("\"source\": \"spend.csv\""), csv);
        assertEquals(csv, fromParquet.replace("\"source\": \"spend.parquet\"", "\"source\": \"spend.csv\""));
        assertEquals(csv, fromPg.replace("\"source\": \"" + PG.url() + " (table focus_check)\"", "\"source\": \"spend.csv\""));
    }
}
