package dev.spendgate.spend.jdbc;

import dev.spendgate.spend.SpendException;
import dev.spendgate.spend.SpendOptions;
import dev.spendgate.spend.SpendSource;
import dev.spendgate.spend.SpendSourceProvider;

import java.util.regex.Pattern;

/**
 * Opens a FOCUS table in a SQL warehouse for {@code --spend jdbc:...}: the table or view is
 * {@code --spend-table} (default {@code focus}), the credentials come from
 * {@code SPENDGATE_SPEND_USER} and {@code SPENDGATE_SPEND_PASSWORD} (or the URL), and drivers other
 * than PostgreSQL's and DuckDB's from {@code --jdbc-driver} jars. Nothing is loaded or contacted
 * until the source is read.
 */
public final class JdbcSpendSourceProvider implements SpendSourceProvider {

    /** The table read when none is given. */
    public static final String DEFAULT_TABLE = "focus";

    /**
     * A table name, optionally qualified by schema and catalog; it is put into SQL as it is, so
     * nothing else (quotes, spaces, semicolons, comments) is allowed.
     */
    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*){0,2}");

    @Override
    public String id() {
        return "jdbc";
    }

    @Override
    public boolean accepts(String spec) {
        return spec != null && spec.regionMatches(true, 0, "jdbc:", 0, 5);
    }

    /** @throws SpendException {@code spend_table_invalid} when the table is not a plain (qualified) name */
    @Override
    public SpendSource open(String spec, SpendOptions options) throws SpendException {
        String table = options.table() == null ? DEFAULT_TABLE : options.table();
        if (!TABLE.matcher(table).matches()) {
            throw new SpendException("spend_table_invalid", "--spend-table: " + Values.quote(table)
                    + " is not a table name (use table, schema.table or catalog.schema.table: letters, digits,"
                    + " _ and $, not starting with a digit)");
        }
        ReadSettings settings = ReadSettings.of(spec);
        return new JdbcSpendSource(JdbcUrl.of(settings.url()), table, options, settings);
    }
}
