package dev.spendgate.spend.jdbc;

import dev.spendgate.spend.SpendQuery;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The aggregate and samples queries of every dialect, for a Tags column of JSON text, of a JSON
 * type and (where the engine has one) of a MAP type: as golden files
 * ({@code src/test/resources/dev/spendgate/spend/jdbc/dialects/}, rewritten with
 * {@code -Dgolden.update=true}), each statement parsed by sqlglot in its dialect (a Python with
 * sqlglot from {@code SPENDGATE_SQLGLOT}, as {@code bin/ensure-sqlglot} prints it). PostgreSQL's
 * and DuckDB's queries also run for real in {@link JdbcPushDownTest}.
 */
class DialectSqlTest {

    private static final Path GOLDEN = Path.of("src/test/resources/dev/spendgate/spend/jdbc/dialects");

    /** sqlglot's name of each dialect. */
    private static final Map<String, String> SQLGLOT = Map.of("postgresql", "postgres", "duckdb", "duckdb",
            "snowflake", "snowflake", "bigquery", "bigquery", "trino", "trino", "databricks", "databricks",
            "clickhouse", "clickhouse", "redshift", "redshift");

    /** A window from a month's start to a clock within it; tags with characters that need quoting. */
    private static final SpendQuery QUERY = new SpendQuery("EffectiveCost", "spendgate-manifest", "owner's team", "USD",
            Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-18T09:30:00Z"));

    private record Variant(String name, List<PushDown.TableColumn> columns) {
    }

    private static List<Variant> variants(String dialect) {
        List<Variant> out = new ArrayList<>();
        out.add(new Variant("JSON text, timestamps with a time zone, decimal costs", List.of(
                new PushDown.TableColumn("ChargePeriodStart", Types.TIMESTAMP_WITH_TIMEZONE, "timestamptz"),
                new PushDown.TableColumn("ChargePeriodEnd", Types.TIMESTAMP_WITH_TIMEZONE, "timestamptz"),
                new PushDown.TableColumn("EffectiveCost", Types.DECIMAL, "decimal"),
                new PushDown.TableColumn("BillingCurrency", Types.VARCHAR, "varchar"),
                new PushDown.TableColumn("Tags", Types.VARCHAR, "varchar"))));
        String json = switch (dialect) {
            case "snowflake" -> "VARIANT";
            case "redshift" -> "SUPER";
            case "postgresql" -> "jsonb";
            default -> "JSON";
        };
        out.add(new Variant("a " + json + " column, timestamps without a zone (UTC), floating-point costs", List.of(
                new PushDown.TableColumn("ChargePeriodStart", Types.TIMESTAMP, "timestamp"),
                new PushDown.TableColumn("ChargePeriodEnd", Types.TIMESTAMP, "timestamp"),
                new PushDown.TableColumn("EffectiveCost", Types.DOUBLE, "double"),
                new PushDown.TableColumn("BillingCurrency", Types.VARCHAR, "varchar"),
                new PushDown.TableColumn("Tags", Types.OTHER, json))));
        if (List.of("duckdb", "trino", "databricks", "clickhouse").contains(dialect)) {
            out.add(new Variant("a MAP column, dates, integer costs", List.of(
                    new PushDown.TableColumn("ChargePeriodStart", Types.DATE, "date"),
                    new PushDown.TableColumn("ChargePeriodEnd", Types.DATE, "date"),
                    new PushDown.TableColumn("EffectiveCost", Types.BIGINT, "bigint"),
                    new PushDown.TableColumn("BillingCurrency", Types.VARCHAR, "varchar"),
                    new PushDown.TableColumn("Tags", Types.OTHER, "MAP(VARCHAR, VARCHAR)"))));
        }
        return out;
    }

    @Test
    void everyDialectsQueriesMatchTheirGoldenFilesAndParseInTheirDialect() throws Exception {
        Map<String, String> statements = new LinkedHashMap<>();
        List<String> stale = new ArrayList<>();
        for (String id : Dialects.ids()) {
            Dialect dialect = Dialects.byId(id).orElseThrow();
            StringBuilder golden = new StringBuilder("-- spendgate's queries in the ").append(id)
                    .append(" dialect (DialectSqlTest; -Dgolden.update=true rewrites this file)\n");
            for (Variant v : variants(id)) {
                PushDown p = PushDown.of(dialect, "billing.focus", QUERY, v.columns(), "test");
                golden.append("\n-- ").append(v.name()).append('\n').append(p.explain());
                for (String s : dialect.session()) {
                    statements.put(id + ", " + v.name() + ", session", s);
                }
                statements.put(id + ", " + v.name() + ", aggregate", p.aggregate());
                statements.put(id + ", " + v.name() + ", samples", p.samples(!p.tagsInDatabase(), null));
                statements.put(id + ", " + v.name() + ", samples of some problems", p.samples(false, Set.of(1, 4, 7, 8)));
            }
            Path file = GOLDEN.resolve(id + ".sql");
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(GOLDEN);
                Files.writeString(file, golden.toString());
            } else if (!Files.exists(file) || !Files.readString(file).equals(golden.toString())) {
                stale.add(file.toString());
            }
        }
        assertEquals(List.of(), stale, "golden SQL differs: review and rewrite with -Dgolden.update=true");
        String parsed = sqlglot(statements);
        assertTrue(parsed.contains("parsed " + statements.size() + " of " + statements.size()), parsed);
    }

    @Test
    void postgresBefore16GroupsByTagsTextAndFetchesSamplesByThoseTexts() throws Exception {
        PushDown p = PushDown.of(Dialects.forProduct("PostgreSQL", 15).orElseThrow(), "focus", QUERY,
                variants("postgresql").get(0).columns(), "test");
        String parsed = sqlglot(Map.of("aggregate", p.aggregate(), "samples", p.samples(true, null)));
        assertTrue(parsed.contains("parsed 2 of 2"), parsed);
        assertTrue(p.aggregate().contains("NULLIF(TRIM(row_tags), '') END AS tag_manifest"), p.aggregate());
        assertTrue(p.samples(true, null).contains("= ANY(?)"), p.samples(true, null));
    }

    @Test
    void productNamesPickTheirDialect() {
        assertEquals("redshift", Dialects.forProduct("Redshift", 1).orElseThrow().id());
        assertEquals("trino", Dialects.forProduct("Amazon Athena", 3).orElseThrow().id());
        assertEquals("databricks", Dialects.forProduct("SparkSQL", 3).orElseThrow().id());
        assertEquals("bigquery", Dialects.forProduct("Google BigQuery", 2).orElseThrow().id());
        assertEquals("clickhouse", Dialects.forProduct("ClickHouse", 24).orElseThrow().id());
        assertEquals("snowflake", Dialects.forProduct("Snowflake", 8).orElseThrow().id());
        assertTrue(Dialects.forProduct("Oracle", 19).isEmpty());
    }

    /** Runs the parser over the statements (names for messages); gives its output, failing on any error. */
    private static String sqlglot(Map<String, String> statements) throws IOException, InterruptedException {
        String python = System.getenv("SPENDGATE_SQLGLOT");
        if (python == null || python.isBlank()) {
            fail("SPENDGATE_SQLGLOT is not set: the dialects' SQL is checked by sqlglot; run with"
                    + " SPENDGATE_SQLGLOT=\"$(bin/ensure-sqlglot)\" (README, Testing)");
        }
        JsonArrayBuilder all = Json.createArrayBuilder();
        statements.forEach((name, sql) -> all.add(Json.createObjectBuilder().add("name", name)
                .add("dialect", SQLGLOT.get(name.substring(0, name.indexOf(',') < 0 ? name.length() : name.indexOf(',')))
                        == null ? "postgres" : SQLGLOT.get(name.substring(0, name.indexOf(',')))).add("sql", sql)));
        Path script = Files.createTempFile("parse_sql", ".py");
        try (InputStream in = DialectSqlTest.class.getResourceAsStream("parse_sql.py")) {
            Files.write(script, in.readAllBytes());
        }
        try {
            Process p = new ProcessBuilder(python, script.toString()).redirectErrorStream(true).start();
            try (OutputStream out = p.getOutputStream()) {
                out.write(all.build().toString().getBytes(StandardCharsets.UTF_8));
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            p.getInputStream().transferTo(output);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("sqlglot did not finish within 120 s");
            }
            String text = output.toString(StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), text);
            return text;
        } finally {
            Files.deleteIfExists(script);
        }
    }
}
