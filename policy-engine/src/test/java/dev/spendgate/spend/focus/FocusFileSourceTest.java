package dev.spendgate.spend.focus;

import dev.spendgate.spend.BadRow;
import dev.spendgate.spend.SpendData;
import dev.spendgate.spend.SpendException;
import dev.spendgate.spend.SpendGroup;
import dev.spendgate.spend.SpendOptions;
import dev.spendgate.spend.SpendQuery;
import dev.spendgate.spend.SpendSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FocusFileSourceTest {

    @TempDir
    Path tmp;

    private static Path resource(String name) {
        try {
            return Path.of(FocusFileSourceTest.class.getResource("/focus/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SpendData read(Path file) throws SpendException {
        return read(file, SpendQuery.defaults());
    }

    private static SpendData read(Path file, SpendQuery query) throws SpendException {
        SpendOptions options = SpendOptions.defaults(Map.of());
        return SpendSources.open(file.toString(), options).read(query);
    }

    private static final List<SpendGroup> GOOD = List.of(
            new SpendGroup("churn-ft", "growth-ml", "USD", LocalDate.parse("2026-11-20"), new BigDecimal("18.75"), 2,
                    Instant.parse("2026-11-20T02:00:00Z")),
            new SpendGroup(null, null, "USD", LocalDate.parse("2026-11-21"), new BigDecimal("4"), 1,
                    Instant.parse("2026-11-21T06:00:00Z")),
            new SpendGroup(null, "growth-ml", "USD", LocalDate.parse("2026-11-21"), new BigDecimal("5"), 1,
                    Instant.parse("2026-11-21T01:00:00Z")),
            new SpendGroup("search-rerank", "search", "USD", LocalDate.parse("2026-11-21"), new BigDecimal("100.125"), 1,
                    Instant.parse("2026-11-22T00:00:00Z")));

    @Test
    void csvGoodRowsAreAggregatedAndEveryBadRowIsCountedWithItsLine() throws Exception {
        SpendData d = read(resource("spend-good-and-bad.csv"));
        assertEquals(GOOD, d.groups());
        assertEquals(13, d.rows());
        assertEquals(8, d.badRowCount());
        assertEquals(Instant.parse("2026-11-22T00:00:00Z"), d.newestRow());
        assertEquals(List.of(
                "6: ChargePeriodStart \"4/1/25\" is not an ISO 8601 date-time with a time zone (FOCUS wants e.g. 2026-11-01T00:00:00Z)",
                "7: EffectiveCost \"abc\" is not a number (FOCUS wants a plain decimal such as 10000.00)",
                "8: Tags \"{not json\" is not valid JSON",
                "9: EffectiveCost is empty or not a number",
                "10: BillingCurrency EUR is not USD, the budgets' currency (spendgate does not convert currencies)",
                "11: Tags is not a JSON object",
                "12: the row has more fields than the header",
                "13: ChargePeriodEnd is before ChargePeriodStart"),
                d.badRows().stream().map(b -> b.line() + ": " + b.problem()).toList());
        assertTrue(d.badRows().stream().allMatch(b -> b.unit().equals("line")));
    }

    @Test
    void billedCostIsSummedWhenAskedFor() throws Exception {
        SpendData d = read(resource("spend-good-and-bad.csv"), new SpendQuery("BilledCost", "spendgate-manifest", "team"));
        // line 5's BilledCost "$10,000.00 " is now the column read, and bad
        assertTrue(d.badRows().stream().anyMatch(b -> b.line() == 5 && b.problem().startsWith("BilledCost \"$10,000.00 \"")),
                d.badRows().toString());
        SpendGroup churn = d.groups().stream().filter(g -> "churn-ft".equals(g.manifest())).findFirst().orElseThrow();
        assertEquals(new BigDecimal("20"), churn.cost());
        assertEquals("BilledCost", d.costColumn());
    }

    @Test
    void onlyRowsThatStartInTheWindowAreReadAndRowsWithoutAStartStillCount() throws Exception {
        Path csv = tmp.resolve("window.csv");
        Files.writeString(csv, """
                ChargePeriodStart,ChargePeriodEnd,EffectiveCost,BillingCurrency,Tags
                2026-10-31T23:00:00Z,2026-11-01T00:00:00Z,1,USD,
                2026-11-01T00:00:00Z,2026-11-01T01:00:00Z,2,USD,
                ,2026-11-01T01:00:00Z,4,USD,
                2026-11-02T00:00:00Z,2026-11-02T01:00:00Z,8,EUR,
                2026-11-03T00:00:00Z,2026-11-03T01:00:00Z,16,USD,
                """);
        SpendData d = read(csv, SpendQuery.defaults().window(java.time.Instant.parse("2026-11-01T00:00:00Z"),
                java.time.Instant.parse("2026-11-03T00:00:00Z")));
        assertEquals(3, d.rows());
        assertEquals(List.of("4: ChargePeriodStart is empty", "5: BillingCurrency EUR is not USD, the budgets' currency"
                        + " (spendgate does not convert currencies)"),
                d.badRows().stream().map(b -> b.line() + ": " + b.problem()).toList());
        assertEquals(new BigDecimal("2"), d.groups().get(0).cost());
        assertEquals(1, d.groups().size());
    }

    @Test
    void otherTagNamesAttributeRows() throws Exception {
        Path csv = tmp.resolve("tags.csv");
        Files.writeString(csv, """
                ChargePeriodStart,ChargePeriodEnd,EffectiveCost,BillingCurrency,Tags
                2026-11-20T00:00:00Z,2026-11-20T01:00:00Z,1.5,USD,"{""app.kubernetes.io/name"":""x"",""owner team"":""y""}"
                """);
        SpendData d = read(csv, new SpendQuery("EffectiveCost", "app.kubernetes.io/name", "owner team"));
        assertEquals("x", d.groups().get(0).manifest());
        assertEquals("y", d.groups().get(0).team());
    }

    @Test
    void parquetAndGzipGiveTheSameAnswerAsCsv() throws Exception {
        Path good = tmp.resolve("good.csv");
        List<String> lines = Files.readAllLines(resource("spend-good-and-bad.csv"));
        Files.write(good, List.of(lines.get(0), lines.get(1), lines.get(2), lines.get(3), lines.get(4), lines.get(13)));
        SpendData csv = read(good);
        Path parquet = tmp.resolve("good.parquet");
        Path gz = tmp.resolve("good.csv.gz");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT * FROM read_csv('" + good + "', header = true, all_varchar = true)) TO '"
                    + parquet + "' (FORMAT parquet)");
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(good));
        }
        assertEquals(5, csv.rows());
        assertEquals(0, csv.badRowCount());
        for (Path other : List.of(parquet, gz)) {
            SpendData d = read(other);
            assertEquals(csv.groups(), d.groups(), other.toString());
            assertEquals(csv.newestRow(), d.newestRow());
            assertEquals(csv.rows(), d.rows());
        }
    }

    @Test
    void parquetBadRowsCarryTheirRowNumber() throws Exception {
        Path parquet = tmp.resolve("typed.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT * FROM (VALUES "
                    + "(TIMESTAMPTZ '2026-11-20 00:00:00+00', TIMESTAMPTZ '2026-11-20 01:00:00+00', 2.5::DOUBLE, 'USD', '{\"team\":\"a\"}'), "
                    + "(NULL, TIMESTAMPTZ '2026-11-20 01:00:00+00', 1.0::DOUBLE, 'USD', '{}'), "
                    + "(TIMESTAMPTZ '2026-11-20 00:00:00+00', TIMESTAMPTZ '2026-11-20 01:00:00+00', 1.0::DOUBLE, 'GBP', '{}')) "
                    + "t(ChargePeriodStart, ChargePeriodEnd, EffectiveCost, BillingCurrency, Tags)) TO '" + parquet
                    + "' (FORMAT parquet)");
        }
        SpendData d = read(parquet);
        assertEquals(3, d.rows());
        assertEquals(2, d.badRowCount());
        assertEquals(List.of("typed.parquet: row 2: ChargePeriodStart is empty",
                        "typed.parquet: row 3: BillingCurrency GBP is not USD, the budgets' currency (spendgate does not convert currencies)"),
                d.badRows().stream().map(BadRow::toString).map(s -> s.substring(s.indexOf("typed.parquet"))).toList());
        assertEquals(new BigDecimal("2.5"), d.groups().get(0).cost());
    }

    @Test
    void parquetDateTimesInTextAreJudgedAsCsvDateTimesAre() throws Exception {
        Path parquet = tmp.resolve("text-dates.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT * FROM (VALUES "
                    + "('2026-11-20T00:00:00Z', '2026-11-20T01:00:00+01:00', 2.5::DOUBLE, 'USD', '{}'), "
                    + "('4/1/25', '2026-11-20T01:00:00Z', 1.0::DOUBLE, 'USD', '{}'), "
                    + "('2026-11-20 00:00:00', '2026-11-20T01:00:00Z', 1.0::DOUBLE, 'USD', '{}')) "
                    + "t(ChargePeriodStart, ChargePeriodEnd, EffectiveCost, BillingCurrency, Tags)) TO '" + parquet
                    + "' (FORMAT parquet)");
        }
        SpendData d = read(parquet);
        assertEquals(3, d.rows());
        assertEquals(List.of(
                "row 2: ChargePeriodStart \"4/1/25\" is not an ISO 8601 date-time with a time zone (FOCUS wants e.g. 2026-11-01T00:00:00Z)",
                "row 3: ChargePeriodStart \"2026-11-20 00:00:00\" is not an ISO 8601 date-time with a time zone (FOCUS wants e.g. 2026-11-01T00:00:00Z)"),
                d.badRows().stream().map(b -> b.unit() + " " + b.line() + ": " + b.problem()).toList());
        assertEquals(List.of(new SpendGroup(null, null, "USD", LocalDate.parse("2026-11-20"), new BigDecimal("2.5"), 1,
                Instant.parse("2026-11-20T00:00:00Z"))), d.groups(), "+01:00 is an offset, not ignored");
    }

    @Test
    void parquetTagsAreJudgedAsCsvTagsAre() throws Exception {
        Path text = tmp.resolve("tags-text.parquet");
        Path map = tmp.resolve("tags-map.parquet");
        String row = "TIMESTAMPTZ '2026-11-20 00:00:00+00', TIMESTAMPTZ '2026-11-20 01:00:00+00', ";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT * FROM (VALUES "
                    + "(" + row + "1.5, 'USD', '{\"spendgate-manifest\":\"a\",\"team\":\"t\"}'), "
                    + "(" + row + "2.0, 'USD', '{not json'), "
                    + "(" + row + "4.0, 'USD', '[1, 2]'), "
                    + "(" + row + "8.0, 'USD', '  ')) "
                    + "t(ChargePeriodStart, ChargePeriodEnd, EffectiveCost, BillingCurrency, Tags)) TO '" + text
                    + "' (FORMAT parquet)");
            s.execute("COPY (SELECT * FROM (VALUES "
                    + "(" + row + "1.5, 'USD', MAP {'spendgate-manifest': 'a', 'team': 't'}), "
                    + "(" + row + "8.0, 'USD', NULL)) "
                    + "t(ChargePeriodStart, ChargePeriodEnd, EffectiveCost, BillingCurrency, Tags)) TO '" + map
                    + "' (FORMAT parquet)");
        }
        SpendData d = read(text);
        assertEquals(4, d.rows());
        assertEquals(List.of("row 2: Tags \"{not json\" is not valid JSON", "row 3: Tags is not a JSON object"),
                d.badRows().stream().map(b -> b.unit() + " " + b.line() + ": " + b.problem()).toList());
        // a blank Tags value is no tags: the row counts, unattributed
        assertEquals(List.of("null/null 8", "a/t 1.5"),
                d.groups().stream().map(g -> g.manifest() + "/" + g.team() + " " + g.cost().toPlainString()).toList());
        SpendData m = read(map);
        assertEquals(0, m.badRowCount());
        assertEquals(d.groups(), m.groups());
    }

    @Test
    void linesOfBadRowsAreExactInALargeFile() throws Exception {
        // some 70 MB, meant to be big enough for DuckDB to read it in parallel; bad rows spread through it
        Path csv = tmp.resolve("big.csv");
        List<Long> badLines = List.of(1_000L, 150_001L, 299_999L, 420_000L, 599_998L);
        try (var w = Files.newBufferedWriter(csv)) {
            w.write("ChargePeriodStart,ChargePeriodEnd,EffectiveCost,BillingCurrency,Tags,Padding\n");
            String pad = "x".repeat(60);
            for (long line = 2; line <= 600_001; line++) {
                boolean bad = badLines.contains(line);
                boolean castError = line == 150_001L;
                w.write("2026-11-20T00:00:00Z,2026-11-20T01:00:00Z," + (castError ? "abc" : "0.25") + ","
                        + (bad && !castError ? "EUR" : "USD") + ",\"{\"\"team\"\":\"\"t\"\"}\"," + pad + "\n");
            }
        }
        SpendData d = read(csv);
        assertEquals(600_000, d.rows());
        assertEquals(5, d.badRowCount());
        assertEquals(badLines, d.badRows().stream().map(BadRow::line).toList());
        assertEquals(new BigDecimal("149998.75"), d.groups().get(0).cost());
    }

    @Test
    void aSourceGotReadyInTheBackgroundReadsAsAnyOther() throws Exception {
        SpendSources.prepare(null);
        SpendSources.prepare(" ");
        Path csv = resource("spend-good-and-bad.csv");
        SpendSources.prepare(csv.toString());
        SpendSources.prepare(tmp.resolve("missing.csv").toString());
        SpendData d = read(csv);
        assertEquals(GOOD, d.groups());
        assertEquals("missing.csv: no such file", message(tmp.resolve("missing.csv")));
    }

    @Test
    void focusSpecificationSamplesHaveTheirCurrencyFormattedRowsCounted() throws Exception {
        SpendData d = read(resource("simple_saas_agreements_a1.csv"));
        assertEquals(d.rows(), d.badRowCount());
        assertTrue(d.rows() >= 1);
        assertTrue(d.badRows().get(0).problem().contains("is not a number"), d.badRows().toString());
        assertEquals(2, d.badRows().get(0).line());
    }

    @Test
    void missingColumnsMakeTheSourceUnreadable() {
        SpendException e = assertThrows(SpendException.class, () -> read(resource("commitment_discount_usage_scenario_1.csv")));
        assertEquals("spend_columns_missing", e.code());
        assertTrue(e.getMessage().contains("commitment_discount_usage_scenario_1.csv:1: not a FOCUS export: missing column BillingCurrency"),
                e.getMessage());
    }

    @Test
    void unreadableFilesAreErrorsNamingTheFile() throws IOException {
        Path empty = Files.createFile(tmp.resolve("empty.csv"));
        Path binary = tmp.resolve("binary.parquet");
        Files.write(binary, new byte[] {0, 1, 2, 3, (byte) 0xff, 9, 9});
        Path junk = tmp.resolve("junk.csv");
        Files.write(junk, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 0, 10});
        assertEquals("empty.csv:1: not a FOCUS export: the file is empty", message(empty));
        assertTrue(message(binary).startsWith("binary.parquet: not a Parquet file: "), message(binary));
        assertEquals("junk.csv:1: not a CSV file: the header is not UTF-8 text", message(junk));
        assertEquals("missing.csv: no such file", message(tmp.resolve("missing.csv")));
        assertEquals(tmp.getFileName() + ": not a regular file", message(tmp));
    }

    private static String message(Path file) {
        SpendException e = assertThrows(SpendException.class, () -> read(file));
        String m = e.getMessage();
        return m.substring(m.indexOf(file.getFileName().toString()));
    }

    @Test
    void aDateInTheWrongFormatIsPinnedOnItsColumn() throws Exception {
        Path csv = tmp.resolve("dates.csv");
        Files.writeString(csv, """
                BillingAccountId,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,EffectiveCost,Tags
                a,USD,2026-11-20T00:00:00Z,2026-11-21T00:00:00Z,1.5,{}
                a,USD,11/14/26,11/15/26,2,{}
                a,USD,2026-11-20T00:00:00Z,11/21/26,2,{}
                a,USD,,2026-11-21T00:00:00Z,2,{}
                """);
        assertEquals(List.of(
                "3: ChargePeriodStart \"11/14/26\" is not an ISO 8601 date-time with a time zone (FOCUS wants e.g. 2026-11-01T00:00:00Z)",
                "4: ChargePeriodEnd \"11/21/26\" is not an ISO 8601 date-time with a time zone (FOCUS wants e.g. 2026-11-01T00:00:00Z)",
                "5: ChargePeriodStart is empty"),
                read(csv).badRows().stream().map(b -> b.line() + ": " + b.problem()).toList());
        assertEquals(List.of("ChargePeriodStart", "ChargePeriodEnd", "ChargePeriodStart"),
                read(csv).badRows().stream().map(BadRow::column).toList());
    }

    /** The committed fixture: a whole ChargePeriodStart column of 4/1/25, as FOCUS's SaaS samples have it. */
    @Test
    void aColumnOfMonthDayYearDatesIsQuotedAsTheFileHasIt() throws Exception {
        SpendData d = read(resource("dates-m-d-yy.csv"));
        assertEquals(3, d.rows());
        assertEquals(3, d.badRowCount());
        assertEquals(List.of(
                "2: ChargePeriodStart \"4/1/25\" is not an ISO 8601 date-time with a time zone (FOCUS wants e.g. 2026-11-01T00:00:00Z)",
                "3: ChargePeriodStart \"4/1/25\" is not an ISO 8601 date-time with a time zone (FOCUS wants e.g. 2026-11-01T00:00:00Z)",
                "4: ChargePeriodStart \"4/1/25\" is not an ISO 8601 date-time with a time zone (FOCUS wants e.g. 2026-11-01T00:00:00Z)"),
                d.badRows().stream().map(b -> b.line() + ": " + b.problem()).toList());
        assertTrue(d.badRows().stream().noneMatch(b -> b.problem().contains("0004")), d.badRows().toString());
    }

    @Test
    void onlyIso8601WithATimeZoneIsADateTime() throws Exception {
        String[] good = {"2026-11-20T00:00:00Z", "2026-11-20T02:00:00+02:00", "2026-11-20T02:00:00+0200", "2026-11-20T02:00+02",
            "2026-11-19T19:00:00.5-05:00", "2026-11-20T00:00Z", "2026-11-20T00:00:00.123456789Z"};
        String[] bad = {"2026/11/20", "2026-11-20 00:00:00", "2026-11-20T00:00:00", "2026-11-20", "20261120T000000Z",
            "2026-11-20 00:00:00 UTC", "2026-02-30T00:00:00Z", "2026-11-20T0a:00:00Z", "2026-11-20T00:00:00 Z", "Fri, 20 Nov 2026 00:00:00 GMT", " 2026-11-20T00:00:00Z x"};
        StringBuilder csv = new StringBuilder("BillingCurrency,ChargePeriodStart,ChargePeriodEnd,EffectiveCost,Tags\n");
        for (String g : good) {
            csv.append("USD,\"").append(g).append("\",2026-11-21T00:00:00Z,1,{}\n");
        }
        for (String b : bad) {
            csv.append("USD,\"").append(b).append("\",2026-11-21T00:00:00Z,1,{}\n");
        }
        Path file = tmp.resolve("iso.csv");
        Files.writeString(file, csv);
        SpendData d = read(file);
        assertEquals(good.length + bad.length, d.rows());
        assertEquals(bad.length, d.badRowCount(), d.badRows().toString());
        List<SpendGroup> groups = d.groups();
        assertEquals(1, groups.size(), groups.toString());
        assertEquals(LocalDate.parse("2026-11-20"), groups.get(0).day(), "every good value is an instant of 20 November, UTC");
        assertEquals(new BigDecimal(good.length), groups.get(0).cost());
        for (int i = 0; i < bad.length; i++) {
            assertEquals("ChargePeriodStart \"" + bad[i] + "\" is not an ISO 8601 date-time with a time zone "
                    + "(FOCUS wants e.g. 2026-11-01T00:00:00Z)", d.badRows().get(i).problem());
            assertEquals(2 + good.length + i, d.badRows().get(i).line());
        }
    }

    @Test
    void anExportsOwnDateFormatIsAcceptedWhenNamedAndOnlyThen() throws Exception {
        Path file = tmp.resolve("mdy.csv");
        Files.writeString(file, """
                BillingCurrency,ChargePeriodStart,ChargePeriodEnd,EffectiveCost,Tags
                USD,4/1/25,4/2/25,1,{}
                USD,2025-04-01T12:00:00Z,2025-04-01T13:00:00Z,2,{}
                USD,2025/04/01,4/2/25,4,{}
                """);
        SpendOptions options = new SpendOptions(Path.of(""), null, List.of(), Map.of(), java.time.Duration.ofSeconds(5),
                java.time.Clock.systemUTC(), "%m/%d/%y");
        SpendData d = SpendSources.open(file.toString(), options).read(SpendQuery.defaults());
        assertEquals(1, d.badRowCount());
        assertEquals("4: ChargePeriodStart \"2025/04/01\" is not an ISO 8601 date-time with a time zone, nor in the "
                + "date format %m/%d/%y (FOCUS wants e.g. 2026-11-01T00:00:00Z)", d.badRows().get(0).line() + ": "
                + d.badRows().get(0).problem());
        assertEquals(List.of(new SpendGroup(null, null, "USD", LocalDate.parse("2025-04-01"), new BigDecimal("3"), 2,
                Instant.parse("2025-04-02T00:00:00Z"))), d.groups(), "4/1/25 read as 1 April 2025, UTC");
        // without the format, the same file's M/D/YY rows are bad rows
        assertEquals(2, read(file).badRowCount());

        SpendOptions wrong = new SpendOptions(Path.of(""), null, List.of(), Map.of(), java.time.Duration.ofSeconds(5),
                java.time.Clock.systemUTC(), "%Q/%d");
        SpendException e = assertThrows(SpendException.class,
                () -> SpendSources.open(file.toString(), wrong).read(SpendQuery.defaults()));
        assertEquals("spend_date_format_invalid", e.code());
        assertEquals(dev.spendgate.error.ExitCodes.USAGE, dev.spendgate.error.ExitCodes.of(e));
        assertTrue(e.getMessage().startsWith("date format '%Q/%d' is not a strptime format: "), e.getMessage());
    }

    @Test
    void aCostThatIsNoNumberIsQuotedAsTheFileHasIt() throws Exception {
        SpendData d = read(resource("spend-good-and-bad.csv"));
        // line 5 has BilledCost "$10,000.00 " but EffectiveCost 5.00: not judged; line 7's EffectiveCost is "abc"
        assertEquals("EffectiveCost \"abc\" is not a number (FOCUS wants a plain decimal such as 10000.00)",
                d.badRows().get(1).problem());
        SpendData billed = read(resource("spend-good-and-bad.csv"), new SpendQuery("BilledCost", "spendgate-manifest", "team"));
        assertTrue(billed.badRows().stream().anyMatch(b -> b.line() == 5 && b.problem().equals(
                "BilledCost \"$10,000.00 \" is not a number (FOCUS wants a plain decimal such as 10000.00)")),
                billed.badRows().toString());
    }

    /** FOCUS's own sample exports, when the shared data is there: every bad date is quoted as the file has it. */
    @Test
    void theFocusSamplesDatesAreQuotedAsWrittenWhenTheSharedDataIsPresent() throws Exception {
        Path samples = Path.of("../../shared/data/focus/saas_examples");
        if (!Files.isDirectory(samples)) {
            return; // the committed fixtures above always run; the samples are shared data outside the project
        }
        List<Path> files = new java.util.ArrayList<>(List.of(samples.resolve("spend_agreements/saas_spend_agreements_a2.csv")));
        try (var list = Files.list(samples)) {
            list.filter(p -> p.getFileName().toString().startsWith("virtual_currency_pricing_model_")).sorted().forEach(files::add);
        }
        int dated = 0;
        for (Path f : files) {
            SpendData d = read(f);
            List<String> lines = Files.readAllLines(f);
            assertEquals(d.rows(), d.badRowCount(), f + ": no row of the samples is ISO 8601");
            for (BadRow b : d.badRows()) {
                assertTrue(!b.problem().contains("0004") && !b.problem().contains("plausible"), f + ": " + b);
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("^ChargePeriod(?:Start|End) \"([^\"]*)\"")
                        .matcher(b.problem());
                if (m.find()) {
                    dated++;
                    assertTrue(CsvHeader.split(lines.get((int) b.line() - 1)).contains(m.group(1)),
                            f + ":" + b.line() + " quotes " + m.group(1) + ", which the line does not have");
                }
            }
        }
        assertTrue(dated > 0, "some sample rows are bad for their dates");
    }

    @Test
    void lineNumbersSkipRejectedLines() {
        assertEquals(2, FocusFileSource.line(1, List.of()));
        assertEquals(4, FocusFileSource.line(2, List.of(2L)));
        assertEquals(6, FocusFileSource.line(3, List.of(2L, 3L, 9L)));
    }

    @Test
    void sqlTextIsQuoted() throws SQLException {
        assertEquals("'it''s'", FocusFileSource.literal("it's"));
        assertEquals("$.\"a\\\"b\"", FocusFileSource.jsonPath("a\"b"));
    }
}
