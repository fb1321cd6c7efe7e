package dev.spendgate.cases;

import dev.spendgate.error.InvalidInputException;
import dev.spendgate.input.Problem;
import dev.spendgate.spend.SpendData;
import dev.spendgate.spend.SpendGroup;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The case format's {@code spend:} block: defaults, the data a source would read, and its problems. */
class CaseReaderTest {

    private static final String HEAD = """
            case: c
            manifest: {apiVersion: spendgate.dev/v1, kind: Experiment, metadata: {name: m}}
            absent: [SG-SPD-001]
            """;

    private static PackCase read(String yaml) throws InvalidInputException {
        List<PackCase> cases = new CaseReader().read("cases/spend.yaml", yaml.getBytes(StandardCharsets.UTF_8));
        assertEquals(1, cases.size());
        return cases.get(0);
    }

    private static List<String> problems(String yaml) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(yaml));
        return e.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void aCaseWithoutSpendHasNoSpendSource() throws InvalidInputException {
        assertNull(read(HEAD).spend());
    }

    @Test
    void rowsDefaultToTheCaseSourceUsdAndANewestRowAnHourBeforeNow() throws InvalidInputException {
        PackCase c = read(HEAD + """
                now: 2026-11-22T12:00:00Z
                spend:
                  rows:
                    - {manifest: m, team: t, day: 2026-11-20, cost: 120.5}
                    - {day: 2026-11-22, cost: 3}
                """);
        PackCase.Spend spend = c.spend();
        assertEquals("case", spend.source());
        assertEquals(Instant.parse("2026-11-22T11:00:00Z"), spend.newestRow());
        assertEquals(List.of(new PackCase.Row("m", "t", LocalDate.parse("2026-11-20"), new BigDecimal("120.5"), "USD"),
                new PackCase.Row(null, null, LocalDate.parse("2026-11-22"), new BigDecimal("3"), "USD")), spend.rows());
        assertEquals(0, spend.badRows());
    }

    @Test
    void noRowsMeansNoNewestRow() throws InvalidInputException {
        PackCase.Spend spend = read(HEAD + "spend: {source: empty.csv}\n").spend();
        assertEquals("empty.csv", spend.source());
        assertNull(spend.newestRow());
        SpendData data = spend.data("EffectiveCost");
        assertEquals(List.of(), data.groups());
        assertNull(data.newestRow());
    }

    @Test
    void theDataAggregatesRowsByTagsCurrencyAndDayEndingAtTheNextDayOrTheNewestRow() throws InvalidInputException {
        PackCase.Spend spend = read(HEAD + """
                spend:
                  source: focus.csv
                  newestRow: 2026-11-21T06:00:00Z
                  badRows: 2
                  rows:
                    - {manifest: m, day: 2026-11-20, cost: 100.25}
                    - {manifest: m, day: 2026-11-20, cost: 0.75}
                    - {manifest: m, day: 2026-11-20, cost: 5, currency: EUR}
                    - {manifest: m, day: 2026-11-21, cost: 7}
                """).spend();
        SpendData data = spend.data("BilledCost");
        assertEquals("focus.csv", data.source());
        assertEquals("BilledCost", data.costColumn());
        assertEquals(List.of(
                new SpendGroup("m", null, "USD", LocalDate.parse("2026-11-20"), new BigDecimal("101.00"), 2,
                        Instant.parse("2026-11-21T00:00:00Z")),
                new SpendGroup("m", null, "EUR", LocalDate.parse("2026-11-20"), new BigDecimal("5"), 1,
                        Instant.parse("2026-11-21T00:00:00Z")),
                new SpendGroup("m", null, "USD", LocalDate.parse("2026-11-21"), new BigDecimal("7"), 1,
                        Instant.parse("2026-11-21T06:00:00Z"))), data.groups());
        assertEquals(6, data.rows());
        assertEquals(2, data.badRowCount());
        assertEquals("focus.csv: row 5: a bad row of the case", data.badRows().get(0).toString());
        assertEquals(Instant.parse("2026-11-21T06:00:00Z"), data.newestRow());
    }

    @Test
    void problemsSayWhereThenWhat() {
        assertEquals(List.of(
                "cases/spend.yaml:6:8: spend.rows[0].day: \"20.11.2026\" is not a date (use YYYY-MM-DD)",
                "cases/spend.yaml:6:25: spend.rows[0].cost: expected a number, got a string (\"lots\")",
                "cases/spend.yaml:6:37: spend.rows[0].currency: \"usd\" is not a currency code like USD",
                "cases/spend.yaml:7:7: spend.rows[1].cost: required key is missing",
                "cases/spend.yaml:7:25: spend.rows[1].manifets: unknown key, did you mean manifest?",
                "cases/spend.yaml:8:3: spend.badRows: -1 is out of range (0 to 1000000)",
                "cases/spend.yaml:9:3: spend.newestrow: unknown key, did you mean newestRow?"),
                problems(HEAD + """
                        spend:
                          rows:
                            - {day: 20.11.2026, cost: lots, currency: usd}
                            - {day: 2026-11-20, manifets: m}
                          badRows: -1
                          newestrow: 2026-11-22T00:00:00Z
                        """));
    }

    @Test
    void rowsMustStartBeforeTheNewestRow() {
        assertEquals(List.of("cases/spend.yaml:7:7: spend.rows[0].day: 2026-11-22 does not start before the source's"
                        + " newest row (2026-11-21T12:00:00Z)"),
                problems(HEAD + """
                        spend:
                          newestRow: 2026-11-21T12:00:00Z
                          rows:
                            - day: 2026-11-22
                              cost: 1
                        """));
        assertEquals(List.of("cases/spend.yaml:6:11: spend.rows[0].day: 2026-11-22 does not start before the source's"
                        + " newest row (2026-11-21T23:00:00Z, an hour before the case's now)"),
                problems(HEAD + """
                        now: 2026-11-22T00:00:00Z
                        spend:
                          rows: [{day: 2026-11-22, cost: 1}]
                        """));
    }

    @Test
    void spendMustBeAMapping() {
        assertEquals(List.of("cases/spend.yaml:4:1: spend: expected a mapping, got a list"),
                problems(HEAD + "spend: [1, 2]\n"));
    }
}
