package dev.spendgate.cli;

import dev.spendgate.spend.jdbc.PostgresServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code check} and {@code spend} over a PostgreSQL table, the database summing the rows (the
 * default) and spendgate streaming them ({@code spendgate.read=stream}): the reports are the same
 * bytes; {@code --explain-spend} shows the SQL sent.
 */
class CheckSpendPushDownTest {

    @RegisterExtension
    static final PostgresServer PG = PostgresServer.trusting();

    private static final String NOW = "2026-11-22T12:00:00Z";
    private static final Map<String, String> ENV = Map.of("SPENDGATE_SPEND_USER", PostgresServer.USER);

    @TempDir
    static Path dir;

    @BeforeAll
    static void scenario() throws IOException {
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
        // 40 days of hourly rows for two manifests and an unclaimed one, some bad; the window starts on 2026-11-01
        PG.execute("CREATE TABLE focus (ChargePeriodStart timestamptz, ChargePeriodEnd timestamptz,"
                        + " EffectiveCost numeric(12,4), BilledCost numeric(12,4), BillingCurrency text, Tags jsonb)",
                "INSERT INTO focus SELECT t, t + interval '1 hour', (g % 7) * 0.0625 + CASE WHEN m = 'near' THEN 1.5 ELSE 0.4 END,"
                        + " 0, CASE WHEN g % 997 = 0 THEN 'EUR' ELSE 'USD' END,"
                        + " CASE WHEN g % 1201 = 0 THEN '[1]'::jsonb ELSE jsonb_build_object('spendgate-manifest', m,"
                        + " 'team', 'ml') END"
                        + " FROM generate_series(0, 3 * 24 * 40 - 1) g,"
                        + " LATERAL (SELECT timestamptz '2026-10-14 00:00:00+00' + (g / 3) * interval '1 hour' AS t,"
                        + " (ARRAY['near', 'over', 'other'])[g % 3 + 1] AS m) x",
                "INSERT INTO focus VALUES (NULL, now(), 1, 1, 'USD', NULL)");
    }

    private static CliRun run(String command, String url, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "-C", dir.toString(), "manifests", "--policy", "policy.yaml",
                "--now", NOW, "--spend", url));
        args.addAll(List.of(more));
        return CliRun.withEnv(ENV, args.toArray(String[]::new));
    }

    @Test
    void checkGivesTheSameReportBytesWhenTheDatabaseSumsAsWhenSpendgateDoes() {
        for (String format : List.of("json", "text", "markdown", "sarif")) {
            CliRun aggregated = run("check", PG.url(), "--format", format);
            CliRun streamed = run("check", PG.url() + "?spendgate.read=stream", "--format", format);
            assertEquals(1, aggregated.exitCode(), aggregated.err() + aggregated.out());
            assertEquals(streamed.exitCode(), aggregated.exitCode());
            assertEquals(streamed.out(), aggregated.out(), format);
            assertEquals(streamed.err(), aggregated.err(), format);
        }
        String json = run("check", PG.url(), "--format", "json").out();
        assertTrue(json.contains("SG-SPD-"), json);
    }

    @Test
    void spendGivesTheSameReportBytesAndCountsTheBadRows() {
        CliRun aggregated = run("spend", PG.url(), "--format", "json");
        CliRun streamed = run("spend", PG.url() + "?spendgate.read=stream", "--format", "json");
        assertEquals(0, aggregated.exitCode(), aggregated.err());
        assertEquals(streamed.out(), aggregated.out());
        // the total budget of "over" needs the rows since its start; the monthly one since 2026-11-01 (and 8 days back)
        assertTrue(aggregated.out().matches("(?s).*\"badRows\": \\{\\s*\"count\": [1-9].*"), aggregated.out());
    }

    @Test
    void explainSpendShowsTheWindowedAggregateInTheServersDialectAndReadsNothing() {
        CliRun r = run("spend", PG.url(), "--explain-spend");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("-- dialect: postgresql; groups by tag\nSET TIME ZONE 'UTC';\nSET enable_sort = off;\n"
                + "-- the aggregate\n"
                + "SELECT problem, tag_manifest, tag_team, utc_day, SUM(good_cost) AS cost"), r.out());
        // from the earliest period start needed (over's startsAt 2026-11-10, near's month and 8 days back) to the clock
        assertTrue(r.out().contains("\"chargeperiodstart\" >= TIMESTAMPTZ '2026-11-01 00:00:00.000000+00' AND"
                + " \"chargeperiodstart\" < TIMESTAMPTZ '2026-11-22 12:00:00.000000+00'"), r.out());
        CliRun check = run("check", PG.url() + "?spendgate.read=stream", "--explain-spend");
        assertEquals(0, check.exitCode(), check.err());
        assertTrue(check.out().startsWith("-- streaming: every row of the window is sent and summed in spendgate\n"
                + "SET max_parallel_workers_per_gather = 0;\nSET synchronize_seqscans = off;\n"
                + "SELECT \"chargeperiodstart\", "), check.out());
    }
}
