package dev.spendgate.spend.jdbc;

import dev.spendgate.spend.SpendException;
import dev.spendgate.spend.SpendOptions;
import dev.spendgate.spend.SpendSourceProvider;
import dev.spendgate.spend.SpendSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The provider's choice of specs and tables, and URLs made fit to print; no database needed. */
class JdbcProviderTest {

    private final JdbcSpendSourceProvider provider = new JdbcSpendSourceProvider();

    @Test
    void isRegisteredForJdbcUrls() {
        List<SpendSourceProvider> jdbc = SpendSources.providers().stream().filter(p -> p.id().equals("jdbc")).toList();
        assertEquals(1, jdbc.size());
        assertTrue(jdbc.get(0).accepts("jdbc:postgresql://db/finops"));
        assertTrue(jdbc.get(0).accepts("JDBC:snowflake://acct.snowflakecomputing.com"));
        assertFalse(jdbc.get(0).accepts("spend.csv"));
        assertFalse(jdbc.get(0).accepts("jdbc"));
        assertFalse(jdbc.get(0).accepts("https://opencost/allocation"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"focus", "FOCUS_v1", "billing.focus", "cat.billing.focus$2", "_x"})
    void takesPlainAndQualifiedTableNames(String table) throws SpendException {
        assertEquals("jdbc:duckdb: (table " + table + ")", provider.open("jdbc:duckdb:", options(table)).display());
    }

    @ParameterizedTest
    @ValueSource(strings = {"focus; DROP TABLE focus", "focus --", "\"focus\"", "a.b.c.d", "1focus", "focus.",
        ".focus", "focus f", "", "(SELECT 1)", "focus/*x*/", "f\u00f6cus"})
    void refusesAnythingElseAsATable(String table) {
        SpendException e = assertThrows(SpendException.class, () -> provider.open("jdbc:duckdb:", options(table)));
        assertEquals("spend_table_invalid", e.code());
        assertTrue(e.getMessage().startsWith("--spend-table: \""), e.getMessage());
        assertTrue(e.getMessage().contains(" is not a table name (use table, schema.table or catalog.schema.table"),
                e.getMessage());
    }

    @Test
    void readsTheFocusTableByDefault() throws SpendException {
        assertEquals("jdbc:duckdb: (table focus)", provider.open("jdbc:duckdb:", options(null)).display());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jdbc:postgresql://db:5432/finops|jdbc:postgresql://db:5432/finops",
        "jdbc:postgresql://me:s3cret@db:5432/finops?sslmode=require|jdbc:postgresql://db:5432/finops?sslmode=require",
        "jdbc:postgresql://db/finops?user=me&password=s3cret&sslmode=require|jdbc:postgresql://db/finops?sslmode=require",
        "jdbc:postgresql://db/finops?sslmode=require&PASSWORD=s3cret|jdbc:postgresql://db/finops?sslmode=require",
        "jdbc:snowflake://acct.snowflakecomputing.com/?user=me&password=s3cret&db=FINOPS&warehouse=WH"
                + "|jdbc:snowflake://acct.snowflakecomputing.com/?db=FINOPS&warehouse=WH",
        "jdbc:sqlserver://db:1433;user=me;password=s3cret;databaseName=finops|jdbc:sqlserver://db:1433;databaseName=finops",
        "jdbc:oracle:thin:me/s3cret@//db:1521/finops|jdbc:oracle:thin:@//db:1521/finops",
        "jdbc:trino://trino:8443/hive/finops?SSL=true&accessToken=s3cret|jdbc:trino://trino:8443/hive/finops?SSL=true",
        "jdbc:duckdb:/data/spend.duckdb|jdbc:duckdb:/data/spend.duckdb"})
    void showsUrlsWithoutCredentials(String url, String shown) {
        JdbcUrl u = JdbcUrl.of(url);
        assertEquals(shown, u.display());
        assertFalse(u.display().contains("s3cret"));
        assertFalse(u.redact("FATAL: could not log in to " + url, List.of()).contains("s3cret"));
    }

    @Test
    void cutsSecretsOutOfMessages() {
        JdbcUrl u = JdbcUrl.of("jdbc:postgresql://me:p%40ss@db/finops");
        assertEquals(List.of("p%40ss", "p@ss"), u.secrets());
        assertEquals("login failed: *** (env: ***); in host=db password=*** sslmode=require; in ?Password=***&ssl=1",
                u.redact("login failed: p@ss (env: hunter22); in host=db password=xyz sslmode=require;"
                        + " in ?Password=abc&ssl=1", List.of("hunter22")));
    }

    private static SpendOptions options(String table) {
        return new SpendOptions(Path.of(""), table, List.of(), Map.of(), Duration.ofSeconds(5));
    }
}
