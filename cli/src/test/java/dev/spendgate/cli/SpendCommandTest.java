package dev.spendgate.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code spendgate spend} in process over real FOCUS files and manifests in a temporary folder:
 * golden files per format (regenerate with {@code -Dgolden.update=true} and review the diff), exit
 * codes and messages, Parquet against CSV, and a fixed clock.
 */
class SpendCommandTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final String NOW = "2026-11-22T12:00:00Z";

    private static final String HEADER = "BillingCurrency,ChargePeriodStart,ChargePeriodEnd,ServiceName,BilledCost,EffectiveCost,Tags";

    @TempDir
    Path dir;

    /**
     * Team {@code ml} (limit 400 a month) runs {@code churn-ft} (total budget 100 over 14 days from
     * 2026-11-10: forecast over), {@code ranker} (400 a month: an anomaly on 2026-11-21); team
     * {@code data} ran {@code old-job} in October (over its budget). Some spend has only a team tag
     * or no tag at all, and one row's cost is written as currency.
     */
    private void scenario() throws IOException {
        Files.createDirectories(dir.resolve("manifests"));
        Files.writeString(dir.resolve("policy.yaml"), """
                apiVersion: spendgate.dev/v1
                kind: PolicySet
                metadata: {name: acme, version: "1"}
                packs: [baseline]
                intents:
                  budgets: {teams: {ml: {monthly: 400}}}
                  liveSpend: {warnAt: 0.8, blockAt: 1.0, anomalyFactor: 3.0, maxStaleness: 36h}
                """);
        Files.writeString(dir.resolve("manifests/churn-ft.yaml"), """
                apiVersion: spendgate.dev/v1
                kind: Experiment
                metadata: {name: churn-ft, team: ml, owner: alice@example.com, environment: dev, costCenter: CC-1}
                spec:
                  purpose: "fine-tune a churn classifier"
                  budget: {amount: 100, currency: USD, period: total}
                  ttl: 14d
                  startsAt: 2026-11-10T00:00:00Z
                """);
        Files.writeString(dir.resolve("manifests/ranker.yaml"), """
                apiVersion: spendgate.dev/v1
                kind: InferenceEndpoint
                metadata: {name: ranker, team: ml, owner: "@bob", environment: production, costCenter: CC-1}
                spec:
                  purpose: "rank search results"
                  budget: {amount: 400, currency: USD, period: monthly}
                """);
        Files.writeString(dir.resolve("manifests/old-job.yaml"), """
                apiVersion: spendgate.dev/v1
                kind: TrainingJob
                metadata: {name: old-job, team: data, owner: carol@example.com, environment: dev, costCenter: CC-2}
                spec:
                  purpose: "a training run in October"
                  budget: {amount: 50}
                  ttl: 24h
                """);
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        csv.append(row("2026-10-30", "30", "{\"\"spendgate-manifest\"\":\"\"old-job\"\",\"\"team\"\":\"\"data\"\"}"));
        csv.append(row("2026-10-31", "30", "{\"\"spendgate-manifest\"\":\"\"old-job\"\",\"\"team\"\":\"\"data\"\"}"));
        for (int day = 1; day <= 21; day++) {
            String date = "2026-11-%02d".formatted(day);
            csv.append(row(date, day == 21 ? "45" : "10", "{\"\"spendgate-manifest\"\":\"\"ranker\"\",\"\"team\"\":\"\"ml\"\"}"));
            if (day >= 10) {
                csv.append(row(date, "7.5", "{\"\"spendgate-manifest\"\":\"\"churn-ft\"\",\"\"team\"\":\"\"ml\"\"}"));
            }
            if (day == 15) {
                csv.append("USD,2026-11-15T00:00:00Z,2026-11-16T00:00:00Z,Support,\"$1,000.00\",\"$1,000.00\",{}\n");
            }
        }
        csv.append(row("2026-11-20", "5", "{\"\"team\"\":\"\"ml\"\"}"));
        csv.append(row("2026-11-21", "5", "{\"\"team\"\":\"\"ml\"\"}"));
        csv.append(row("2026-11-21", "4", "{}"));
        Files.writeString(dir.resolve("spend.csv"), csv);
    }

    private static String row(String day, String cost, String tags) {
        String next = java.time.LocalDate.parse(day).plusDays(1).toString();
        return "USD," + day + "T00:00:00Z," + next + "T00:00:00Z,Compute," + cost + "," + cost + ",\"" + tags + "\"\n";
    }

    private CliRun spend(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("spend", "-C", dir.toString(), "manifests",
                "--policy", "policy.yaml", "--now", NOW));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "json", "markdown"})
    void matchesItsGoldenFile(String format) throws IOException {
        scenario();
        CliRun r = spend("--spend", "spend.csv", "--format", format);
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
        Path golden = GOLDEN.resolve("spend." + format);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, r.out(), StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), r.out(),
                "differs from " + golden + " (run with -Dgolden.update=true and review the diff if intended)");
    }

    @Test
    void anExportsOwnDateFormatIsNamedWithAFlagAndABadOneIsAUsageError() throws IOException {
        scenario();
        Files.writeString(dir.resolve("spend.csv"), HEADER + "\n"
                + "USD,11/20/26,11/21/26,Compute,10,10,\"{\"\"spendgate-manifest\"\":\"\"ranker\"\",\"\"team\"\":\"\"ml\"\"}\"\n");
        CliRun iso = spend("--spend", "spend.csv", "--format", "json");
        assertTrue(iso.out().contains("ChargePeriodStart \\\"11/20/26\\\" is not an ISO 8601 date-time with a time zone"),
                iso.out() + iso.err());
        CliRun named = spend("--spend", "spend.csv", "--spend-date-format", "%m/%d/%y", "--format", "json");
        assertTrue(named.out().contains("\"badRows\": {\n        \"count\": 0,"), named.out() + named.err());
        CliRun wrong = spend("--spend", "spend.csv", "--spend-date-format", "%Q");
        assertEquals(2, wrong.exitCode(), wrong.err());
        assertTrue(wrong.err().startsWith("spendgate: spend_date_format_invalid: date format '%Q' is not a strptime format: "),
                wrong.err());
    }

    @Test
    void theReportSaysWhatTheScenarioHas() throws IOException {
        scenario();
        String json = spend("--spend", "spend.csv", "--format", "json").out();
        for (String expected : new String[] {
                "\"costColumn\": \"EffectiveCost\"", "\"newestRow\": \"2026-11-22T00:00:00Z\"", "\"stalenessHours\": 12",
                "\"status\": \"forecast-over\"", "\"status\": \"over\"", "\"status\": \"over-committed\"",
                "\"isAnomaly\": true", "\"unattributed\": 14.00", "\"count\": 1",
                "\"location\": \"spend.csv:" }) {
            assertTrue(json.contains(expected), expected + " missing in\n" + json);
        }
        String text = spend("--spend", "spend.csv").out();
        assertTrue(text.contains("ranker: anomaly on 2026-11-21: spent 45.00 USD, 4.5 x the median 10.00"), text);
        assertTrue(text.contains("spend.csv:"), text);
    }

    @Test
    void sameInputAndClockGiveTheSameBytes() throws IOException {
        scenario();
        for (String format : new String[] {"text", "json", "markdown"}) {
            CliRun a = spend("--spend", "spend.csv", "--format", format);
            CliRun b = spend("--spend", "spend.csv", "--format", format);
            assertEquals(0, a.exitCode(), a.err());
            assertFalse(a.out().isEmpty());
            assertEquals(a.out(), b.out(), format);
        }
        Path file = dir.resolve("out/spend.md");
        CliRun written = spend("--spend", "spend.csv", "--format", "markdown", "--output", file.toString());
        assertEquals(0, written.exitCode(), written.err());
        assertEquals("", written.out());
        assertEquals(spend("--spend", "spend.csv", "--format", "markdown").out(), Files.readString(file));
        assertTrue(written.err().contains("spend report written to"), written.err());
    }

    @Test
    void parquetGivesTheSameReportAsCsv() throws IOException, SQLException {
        scenario();
        // the bad row is left out: Parquet has typed columns, and row numbers where CSV has lines
        List<String> lines = Files.readAllLines(dir.resolve("spend.csv")).stream()
                .filter(l -> !l.contains("$1,000.00")).toList();
        Files.write(dir.resolve("good.csv"), lines);
        Path parquet = dir.resolve("good.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT * FROM read_csv('" + dir.resolve("good.csv") + "', header = true, all_varchar = true)) TO '"
                    + parquet + "' (FORMAT parquet)");
        }
        CliRun csv = spend("--spend", "good.csv", "--format", "json");
        CliRun pq = spend("--spend", "good.parquet", "--format", "json");
        assertEquals(0, csv.exitCode(), csv.err());
        assertEquals(0, pq.exitCode(), pq.err());
        assertTrue(csv.out().contains("\"source\": \"good.csv\""), csv.out());
        // the same bytes but for the source's name
        assertEquals(csv.out(), pq.out().replace("\"source\": \"good.parquet\"", "\"source\": \"good.csv\""));
    }

    @Test
    void markdownChartsTheTenLargestManifestsAndSaysSo() throws IOException {
        Files.createDirectories(dir.resolve("many"));
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (int i = 1; i <= 12; i++) {
            Files.writeString(dir.resolve("many/m" + i + ".yaml"), """
                    apiVersion: spendgate.dev/v1
                    kind: Experiment
                    metadata: {name: m%d, team: ml, owner: a@example.com, environment: dev}
                    spec: {budget: {amount: 100}}
                    """.formatted(i));
            csv.append(row("2026-11-20", String.valueOf(i), "{\"\"spendgate-manifest\"\":\"\"m" + i + "\"\"}"));
        }
        Files.writeString(dir.resolve("many.csv"), csv);
        CliRun r = CliRun.of("spend", "-C", dir.toString(), "many", "--spend", "many.csv", "--now", NOW, "--format", "markdown");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("The 10 manifests with the most spend of the 12 with any; the others are in the table above."),
                r.out());
        assertEquals(10, r.out().split("```mermaid", -1).length - 1);
        assertTrue(r.out().contains("title \"m12: daily spend (USD)\""), r.out());
        assertFalse(r.out().contains("title \"m2: daily spend"), r.out());
        assertTrue(r.out().contains("No line: a total budget without a TTL has no daily rate."), r.out());
    }

    @Test
    void unknownFormatIsExitTwo() throws IOException {
        scenario();
        CliRun r = spend("--spend", "spend.csv", "--format", "sarif");
        assertEquals(2, r.exitCode(), r.err());
        assertEquals("", r.out());
        assertEquals("spendgate: --format: unknown spend report format 'sarif' (choose from json, markdown, text)\n", r.err());
    }

    @Test
    void aSourceIsRequired() throws IOException {
        scenario();
        CliRun r = spend();
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("spendgate: --spend: a spend source is required"), r.err());
    }

    @Test
    void missingSourceIsExitFourWithTheMessage() throws IOException {
        scenario();
        CliRun r = spend("--spend", "nope.csv");
        assertEquals(4, r.exitCode(), r.err());
        assertEquals("", r.out());
        assertEquals("spendgate: spend_unreadable: nope.csv: no such file (exit 4)\n", r.err());
    }

    @Test
    void sourceWithoutTheCostColumnIsExitFour() throws IOException {
        scenario();
        Files.writeString(dir.resolve("other.csv"), "Day,Cost\n2026-11-01,3\n");
        CliRun r = spend("--spend", "other.csv");
        assertEquals(4, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("spendgate: spend_columns_missing: other.csv:1: not a FOCUS export: missing columns "), r.err());
        assertTrue(r.err().endsWith(" (exit 4)\n"), r.err());
    }

    @Test
    void invalidManifestIsExitThreeBeforeTheSourceIsRead() throws IOException {
        scenario();
        Files.writeString(dir.resolve("manifests/bad.yaml"), """
                apiVersion: spendgate.dev/v1
                kind: Experiment
                metadata: {name: bad, team: ml, owner: a@example.com, environment: dev}
                spec:
                  bugdet: {amount: 10}
                """);
        CliRun r = spend("--spend", "nope.csv");
        assertEquals(3, r.exitCode(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().contains("manifests/bad.yaml:5:3: spec.bugdet: unknown key, did you mean budget?"), r.err());
        assertFalse(r.err().contains("spend_unreadable"), r.err());
    }

    @Test
    void badClockIsExitTwo() throws IOException {
        scenario();
        CliRun r = CliRun.of("spend", "-C", dir.toString(), "manifests", "--spend", "spend.csv", "--now", "yesterday");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--now: 'yesterday' is not an instant"), r.err());
    }

    @Test
    void inAGithubActionsStepTheReportIsTextUnlessAsked() throws IOException {
        scenario();
        Map<String, String> env = Map.of("GITHUB_ACTIONS", "true");
        String[] args = {"spend", "-C", dir.toString(), "manifests", "--policy", "policy.yaml", "--now", NOW,
                "--spend", "spend.csv"};
        CliRun r = CliRun.withEnv(env, args);
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(spend("--spend", "spend.csv").out(), r.out());
    }

    @Test
    void helpListsTheCommandAndItsOptions() {
        CliRun h = CliRun.of("--help");
        assertTrue(h.out().contains("  spend "), h.out());
        String help = CliRun.of("spend", "--help").out();
        for (String option : new String[] {"--spend=SOURCE", "--spend-table=TABLE", "--jdbc-driver=JAR", "--policy=FILE",
                "--format=FORMAT", "json, markdown, text", "--output=FILE", "--now=INSTANT", "-C, --directory=DIR",
                "SPENDGATE_SPEND_PASSWORD"}) {
            assertTrue(help.contains(option), option + " missing in\n" + help);
        }
    }
}
