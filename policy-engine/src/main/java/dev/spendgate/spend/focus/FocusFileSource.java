package dev.spendgate.spend.focus;

import dev.spendgate.spend.BadRow;
import dev.spendgate.spend.SpendData;
import dev.spendgate.spend.SpendException;
import dev.spendgate.spend.SpendGroup;
import dev.spendgate.spend.SpendQuery;
import dev.spendgate.spend.SpendSource;
import dev.spendgate.spend.SpendTally;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A FOCUS export in a file, CSV (optionally gzip-compressed) or Parquet, read by an embedded DuckDB:
 * the file is scanned in parallel and aggregated inside DuckDB, so a multi-gigabyte export streams
 * through in bounded memory and only the groups reach Java.
 *
 * <p>Bad rows are counted, never dropped: rows DuckDB cannot parse or cast (a cost like
 * {@code "$10,000.00 "}, a date like {@code 4/1/25}, a Tags value that is not JSON, a row with too
 * many or too few fields) come from its rejects table with their exact line; rows that parse but
 * cannot be judged (an empty cost or date, another currency, Tags that are not an object, an end
 * before the start) are counted by the aggregation and located in a second pass that runs only when
 * there are such rows.
 */
final class FocusFileSource implements SpendSource {

    static final String START = "ChargePeriodStart";
    static final String END = "ChargePeriodEnd";
    static final String CURRENCY = "BillingCurrency";
    static final String TAGS = "Tags";

    private static final Pattern CAST_VALUE = Pattern.compile("Could not convert string \"(.*?)\" to '([A-Z ]+)");
    /** FOCUS dates are ISO 8601; a year outside this range is a date in another format DuckDB misread. */
    static final int MIN_YEAR = 2000;
    static final int MAX_YEAR = 2199;

    private final Path path;
    private final String display;
    private final boolean parquet;

    FocusFileSource(Path path, String display) {
        this.path = path;
        this.display = display;
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        this.parquet = name.endsWith(".parquet") || name.endsWith(".parq");
    }

    @Override
    public String display() {
        return display;
    }

    @Override
    public SpendData read(SpendQuery query) throws SpendException {
        if (!Files.isRegularFile(path)) {
            throw new SpendException("spend_unreadable", display + ": " + (Files.exists(path)
                    ? "not a regular file" : "no such file"));
        }
        if (!Files.isReadable(path)) {
            throw new SpendException("spend_unreadable", display + ": not readable");
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            List<String> columns = columns(s);
            requireColumns(columns, query);
            boolean tags = columns.contains(TAGS);
            String scan = parquet ? parquetScan() : csvScan(columns, query, true);
            Aggregate agg = aggregate(s, scan, query, tags);
            List<BadRow> described = new ArrayList<>();
            long bad = agg.badRows;
            if (!parquet) {
                Rejects rejects = rejects(s, query);
                bad += rejects.count;
                described.addAll(rejects.rows);
                if (agg.badRows > 0) {
                    described.addAll(locate(s, csvScan(columns, query, false), query, tags, rejects.lines));
                }
            } else if (agg.badRows > 0) {
                described.addAll(locate(s, scan, query, tags, List.of()));
            }
            described.sort(Comparator.comparingLong(BadRow::line));
            if (described.size() > SpendData.MAX_BAD_ROWS_DESCRIBED) {
                described = new ArrayList<>(described.subList(0, SpendData.MAX_BAD_ROWS_DESCRIBED));
            }
            return new SpendData(display, query.costColumn(), agg.groups, agg.goodRows + bad, bad, described,
                    agg.newest);
        } catch (SQLException e) {
            throw new SpendException("spend_unreadable", display + ": cannot be read as a FOCUS "
                    + (parquet ? "Parquet" : "CSV") + " file: " + firstLine(e.getMessage()), e);
        }
    }

    private static Connection connect() throws SQLException {
        Properties p = new Properties();
        // DuckDB keeps no state between runs here: an in-memory database, no extensions fetched
        p.setProperty("autoinstall_known_extensions", "false");
        p.setProperty("autoload_known_extensions", "true");
        return DriverManager.getConnection("jdbc:duckdb:", p);
    }

    /** The file's column names, in order, as its header (or Parquet schema) has them. */
    private List<String> columns(Statement s) throws SQLException, SpendException {
        if (!parquet) {
            return CsvHeader.read(path, display);
        }
        try (ResultSet r = s.executeQuery("SELECT * FROM read_parquet(" + literal(path.toString()) + ") LIMIT 0")) {
            ResultSetMetaData md = r.getMetaData();
            List<String> out = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                out.add(md.getColumnName(i));
            }
            return out;
        } catch (SQLException e) {
            throw new SpendException("spend_unreadable", display + ": not a Parquet file: " + firstLine(e.getMessage()), e);
        }
    }

    private void requireColumns(List<String> columns, SpendQuery query) throws SpendException {
        List<String> missing = new ArrayList<>();
        for (String need : List.of(START, END, query.costColumn(), CURRENCY)) {
            if (!columns.contains(need)) {
                missing.add(need);
            }
        }
        if (!missing.isEmpty()) {
            throw new SpendException("spend_columns_missing", display + (parquet ? "" : ":1")
                    + ": not a FOCUS export: missing column" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing) + " (it has " + String.join(", ", columns) + ")");
        }
    }

    /**
     * A CSV scan with every column as text but the ones spendgate reads, which DuckDB casts as it
     * reads: rows it cannot cast go to its rejects table with their line.
     */
    private String csvScan(List<String> columns, SpendQuery query, boolean storeRejects) {
        StringBuilder cols = new StringBuilder();
        for (String col : columns) {
            if (cols.length() > 0) {
                cols.append(", ");
            }
            String type = "VARCHAR";
            if (col.equals(START) || col.equals(END)) {
                type = "TIMESTAMPTZ";
            } else if (col.equals(query.costColumn())) {
                type = "DECIMAL(38,10)";
            } else if (col.equals(TAGS)) {
                type = "JSON";
            }
            cols.append(literal(col)).append(": ").append(literal(type));
        }
        return "read_csv(" + literal(path.toString()) + ", header = true, auto_detect = false, delim = ',', "
                + "quote = '\"', escape = '\"', columns = {" + cols + "}, "
                + (storeRejects ? "store_rejects = true" : "ignore_errors = true") + ")";
    }

    private String parquetScan() {
        return "read_parquet(" + literal(path.toString()) + ", file_row_number = true)";
    }

    /** The per-row checks after parsing: null when the row is good, else what is wrong with it. */
    private String problem(SpendQuery query, boolean tags, String start, String end, String cost, String cur,
                           String tagsCol) {
        String costName = query.costColumn();
        StringBuilder b = new StringBuilder("CASE");
        b.append(" WHEN ").append(start).append(" IS NULL THEN '").append(START).append(" is empty or not a date-time'");
        b.append(" WHEN ").append(end).append(" IS NULL THEN '").append(END).append(" is empty or not a date-time'");
        b.append(" WHEN ").append(cost).append(" IS NULL THEN '").append(costName).append(" is empty or not a number'");
        b.append(" WHEN ").append(cur).append(" IS NULL OR trim(").append(cur).append(") = '' THEN '")
                .append(CURRENCY).append(" is empty'");
        b.append(" WHEN ").append(cur).append(" <> ").append(literal(query.currency())).append(" THEN '")
                .append(CURRENCY).append(" ' || ").append(cur).append(" || ' is not ").append(query.currency())
                .append(", the budgets'' currency (spendgate does not convert currencies)'");
        for (String[] col : new String[][] {{start, START}, {end, END}}) {
            b.append(" WHEN year(").append(col[0]).append(") NOT BETWEEN ").append(MIN_YEAR).append(" AND ")
                    .append(MAX_YEAR).append(" THEN '").append(col[1]).append(" ' || strftime(").append(col[0])
                    .append(", '%Y-%m-%d') || ' is not a plausible date: FOCUS wants ISO 8601 (2026-11-01T00:00:00Z), not M/D/YY'");
        }
        b.append(" WHEN ").append(end).append(" < ").append(start).append(" THEN '").append(END)
                .append(" is before ").append(START).append("'");
        if (tags) {
            b.append(" WHEN ").append(tagsCol).append(" IS NOT NULL AND json_type(").append(tagsCol)
                    .append(") <> 'OBJECT' THEN '").append(TAGS).append(" is not a JSON object'");
        }
        return b.append(" END").toString();
    }

    private String rowExpressions(SpendQuery query, boolean tags) {
        String start = parquet ? "TRY_CAST(" + ident(START) + " AS TIMESTAMPTZ)" : ident(START);
        String end = parquet ? "TRY_CAST(" + ident(END) + " AS TIMESTAMPTZ)" : ident(END);
        String cost = parquet ? "TRY_CAST(" + ident(query.costColumn()) + " AS DECIMAL(38,10))" : ident(query.costColumn());
        String tagsCol = !tags ? "NULL" : parquet ? "TRY_CAST(" + ident(TAGS) + " AS JSON)" : ident(TAGS);
        String cur = "CAST(" + ident(CURRENCY) + " AS VARCHAR)";
        return start + " AS s, " + end + " AS e, " + cost + " AS c, " + cur + " AS cur, " + tagsCol + " AS t";
    }

    private Aggregate aggregate(Statement s, String scan, SpendQuery query, boolean tags) throws SQLException {
        String rows = "SELECT " + rowExpressions(query, tags) + " FROM " + scan;
        String checked = "SELECT *, " + problem(query, tags, "s", "e", "c", "cur", "t") + " AS problem FROM (" + rows + ")";
        String sql = "SELECT CASE WHEN problem IS NULL THEN json_extract_string(t, " + literal(jsonPath(query.manifestTag()))
                + ") END AS m, CASE WHEN problem IS NULL THEN json_extract_string(t, " + literal(jsonPath(query.teamTag()))
                + ") END AS tm, CASE WHEN problem IS NULL THEN cur END AS cur, "
                + "CASE WHEN problem IS NULL THEN CAST(s AS DATE) END AS d, "
                + "sum(c) FILTER (WHERE problem IS NULL) AS cost, count(*) AS n, "
                + "max(e) FILTER (WHERE problem IS NULL) AS newest, problem IS NOT NULL AS bad "
                + "FROM (" + checked + ") GROUP BY ALL";
        Aggregate agg = new Aggregate();
        try (ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                long n = r.getLong("n");
                if (r.getBoolean("bad")) {
                    agg.badRows += n;
                    continue;
                }
                agg.goodRows += n;
                Instant newest = r.getObject("newest", OffsetDateTime.class).toInstant();
                LocalDate day = r.getObject("d", LocalDate.class);
                agg.groups.add(new SpendGroup(r.getString("m"), r.getString("tm"), r.getString("cur"), day,
                        SpendTally.canonical(r.getBigDecimal("cost")), n, newest));
                if (agg.newest == null || newest.isAfter(agg.newest)) {
                    agg.newest = newest;
                }
            }
        }
        agg.groups.sort(SpendTally.ORDER);
        return agg;
    }

    /** The rows DuckDB rejected while reading the CSV: all counted, the first ones described. */
    private Rejects rejects(Statement s, SpendQuery query) throws SQLException {
        Rejects out = new Rejects();
        try (ResultSet r = s.executeQuery("SELECT count(DISTINCT line) FROM reject_errors")) {
            r.next();
            out.count = r.getLong(1);
        }
        if (out.count == 0) {
            return out;
        }
        try (ResultSet r = s.executeQuery("SELECT line, column_name, error_type, error_message FROM reject_errors "
                + "QUALIFY row_number() OVER (PARTITION BY line ORDER BY column_idx) = 1 ORDER BY line LIMIT "
                + SpendData.MAX_BAD_ROWS_DESCRIBED)) {
            while (r.next()) {
                long line = r.getLong(1);
                String problem = describe(r.getString(2), r.getString(3), r.getString(4), query);
                out.rows.add(new BadRow(display, line, "line", columnOf(problem), problem));
            }
        }
        try (ResultSet r = s.executeQuery("SELECT DISTINCT line FROM reject_errors ORDER BY line")) {
            while (r.next()) {
                out.lines.add(r.getLong(1));
            }
        }
        return out;
    }

    private static String describe(String column, String type, String message, SpendQuery query) {
        String t = type == null ? "" : type.toUpperCase(Locale.ROOT);
        if (t.contains("CAST")) {
            Matcher m = CAST_VALUE.matcher(message == null ? "" : message);
            boolean found = m.find();
            String value = found ? "\"" + m.group(1) + "\"" : "the value";
            // the target type says which column failed (DuckDB can name the wrong one for JSON)
            String target = found ? m.group(2) : "";
            if (target.startsWith("JSON")) {
                return TAGS + " " + value + " is not valid JSON";
            }
            if (target.startsWith("DECIMAL")) {
                return query.costColumn() + " " + value + " is not a number (FOCUS wants a plain decimal such as 10000.00)";
            }
            if (target.startsWith("TIMESTAMP")) {
                String col = END.equals(column) ? END : START.equals(column) ? START : "ChargePeriodStart or ChargePeriodEnd";
                return col + " " + value + " is not an ISO 8601 date-time (FOCUS wants e.g. 2026-11-01T00:00:00Z)";
            }
            return (column == null ? "a value" : column) + " " + value + " cannot be read";
        }
        if (t.contains("MISSING")) {
            return "the row has fewer fields than the header";
        }
        if (t.contains("TOO MANY")) {
            return "the row has more fields than the header";
        }
        if (t.contains("UNQUOTED") || t.contains("QUOTE")) {
            return "a quoted field is not closed or is followed by text";
        }
        if (t.contains("UNICODE")) {
            return "the row is not valid UTF-8";
        }
        if (t.contains("LINE SIZE")) {
            return "the row is longer than the maximum line size";
        }
        return firstLine(message == null ? type : message);
    }

    /**
     * Finds the first rows the aggregation counted as bad. For CSV, a row's line is worked out from
     * its position among the rows DuckDB read and the lines it rejected (one line per record, as
     * FOCUS exports are written); for Parquet it is the file's row number.
     */
    private List<BadRow> locate(Statement s, String scan, SpendQuery query, boolean tags, List<Long> rejectedLines)
            throws SQLException {
        String rn = parquet ? "file_row_number + 1" : "row_number() OVER ()";
        String sql = "SELECT rn, problem FROM (SELECT " + rn + " AS rn, "
                + problem(query, tags, "s", "e", "c", "cur", "t") + " AS problem FROM (SELECT *, "
                + rowExpressions(query, tags) + " FROM " + scan + ")) WHERE problem IS NOT NULL ORDER BY rn LIMIT "
                + SpendData.MAX_BAD_ROWS_DESCRIBED;
        List<BadRow> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                long ordinal = r.getLong(1);
                String problem = r.getString(2);
                String column = columnOf(problem);
                out.add(parquet ? new BadRow(display, ordinal, "row", column, problem)
                        : new BadRow(display, line(ordinal, rejectedLines), "line", column, problem));
            }
        }
        return out;
    }

    /** The column a problem is about (its first word when that is a column spendgate reads), or null. */
    private static String columnOf(String problem) {
        int sp = problem.indexOf(' ');
        String first = sp < 0 ? problem : problem.substring(0, sp);
        return first.equals(START) || first.equals(END) || first.equals(CURRENCY) || first.equals(TAGS)
                || SpendQuery.COST_COLUMNS.contains(first) ? first : null;
    }

    /** The line of the {@code ordinal}-th row DuckDB accepted: after the header, skipping rejected lines. */
    static long line(long ordinal, List<Long> rejectedLines) {
        long line = ordinal + 1;
        for (long rejected : rejectedLines) {
            if (rejected <= line) {
                line++;
            } else {
                break;
            }
        }
        return line;
    }

    /** A JSON path selecting one key of an object, whatever characters the key has. */
    static String jsonPath(String key) {
        return "$.\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    static String ident(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String m = message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }

    private static final class Aggregate {
        final List<SpendGroup> groups = new ArrayList<>();
        long goodRows;
        long badRows;
        Instant newest;
    }

    private static final class Rejects {
        final List<BadRow> rows = new ArrayList<>();
        final List<Long> lines = new ArrayList<>();
        long count;
    }
}
