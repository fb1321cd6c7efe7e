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
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A FOCUS export in a file, CSV (optionally gzip-compressed) or Parquet, read by an embedded DuckDB:
 * the file is scanned in parallel and aggregated inside DuckDB, so a multi-gigabyte export streams
 * through in bounded memory and only the groups reach Java.
 *
 * <p>Bad rows are counted, never dropped: rows DuckDB cannot parse or cast (a cost like
 * {@code "$10,000.00 "}, a date like {@code 4/1/25}, a row with too many or too few fields) come
 * from its rejects table with their exact line; rows that parse but cannot be judged (an empty cost
 * or date, another currency, Tags that are not a JSON object, an end before the start) are counted
 * by the aggregation and located in a second pass that runs only when there are such rows.
 *
 * <p>The aggregation works in two steps, so that the costly part is done once per distinct value
 * rather than once per row: rows are first summed by their Tags text, currency and day, with only
 * cheap comparisons per row; then each of those groups' Tags is parsed as JSON, the attribution
 * tags are taken from it and the currency is judged.
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

    /**
     * The date-times FOCUS allows: ISO 8601, date and time with a time zone ({@code Z} or an offset),
     * seconds and their fraction optional. Anything else is a bad row, never reinterpreted.
     */
    static final String ISO_DATE_TIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}(:?\\d{2})?)";

    private final Path path;
    private final String display;
    private final boolean parquet;
    /** An export's own date-time format (strptime), accepted besides ISO 8601; null for ISO 8601 only. */
    private final String dateFormat;
    /** For Parquet: whether the Tags column holds text (JSON in a string) rather than a MAP or STRUCT. */
    private boolean parquetTagsText = true;
    /** For Parquet: whether the date-time columns hold text (judged as a CSV's are) rather than timestamps. */
    private boolean parquetStartText;
    private boolean parquetEndText;

    /** The environment, for the user cache DuckDB's native library is kept in. */
    private final Map<String, String> env;

    FocusFileSource(Path path, String display) {
        this(path, display, null, System.getenv());
    }

    FocusFileSource(Path path, String display, String dateFormat, Map<String, String> env) {
        this.path = path;
        this.env = env;
        this.display = display;
        this.dateFormat = dateFormat == null || dateFormat.isBlank() ? null : dateFormat;
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
        try (Connection c = connect(env); Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            checkDateFormat(c);
            List<String> columns = columns(s);
            requireColumns(columns, query);
            boolean tags = columns.contains(TAGS);
            String scan = parquet ? parquetScan() : csvScan(columns, query, true);
            Aggregate agg = aggregate(s, scan, query, tags);
            List<BadRow> described = new ArrayList<>();
            long bad = agg.badRows;
            if (!parquet) {
                Rejects rejects = rejects(s, query, columns);
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

    /** A date format DuckDB's strptime does not know is the caller's mistake, said before any row is read. */
    private void checkDateFormat(Connection c) throws SpendException {
        if (dateFormat == null) {
            return;
        }
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT try_strptime('', " + literal(dateFormat) + ")")) {
            r.next();
        } catch (SQLException e) {
            throw new SpendException("spend_date_format_invalid", "date format '" + dateFormat
                    + "' is not a strptime format: " + firstLine(e.getMessage()).replaceFirst("^[A-Za-z ]+Error: ", ""), e);
        }
    }

    /** Opens and closes a connection, so that DuckDB's native library is loaded before it is needed. */
    static void warmUp(Map<String, String> env) {
        try {
            connect(env).close();
        } catch (SQLException | RuntimeException | LinkageError e) {
            // the read that follows opens its own connection and reports what is wrong
        }
    }

    private static Connection connect(Map<String, String> env) throws SQLException {
        Properties p = new Properties();
        // DuckDB keeps no state between runs here: an in-memory database, no extensions fetched
        p.setProperty("autoinstall_known_extensions", "false");
        p.setProperty("autoload_known_extensions", "true");
        Driver driver;
        try {
            driver = NativeDuckDb.driver(env);
        } catch (ReflectiveOperationException e) {
            throw new SQLException("DuckDB's JDBC driver cannot be loaded: " + e, e);
        }
        Connection c = driver.connect("jdbc:duckdb:", p);
        if (c == null) {
            throw new SQLException("DuckDB's JDBC driver does not take jdbc:duckdb:");
        }
        return c;
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
                boolean text = md.getColumnType(i) == java.sql.Types.VARCHAR;
                switch (md.getColumnName(i)) {
                    case TAGS -> parquetTagsText = text;
                    case START -> parquetStartText = text;
                    case END -> parquetEndText = text;
                    default -> { }
                }
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
     * A CSV scan with every column as text but the cost, which DuckDB casts as it reads: rows it
     * cannot cast go to its rejects table with their line. The date-times stay text, judged by
     * {@link #dateTime} (DuckDB's own cast would take {@code 4/1/25} for the year 4, and a date-time
     * without a zone for UTC); Tags stay text, parsed once per distinct value by the aggregation.
     */
    private String csvScan(List<String> columns, SpendQuery query, boolean storeRejects) {
        StringBuilder cols = new StringBuilder();
        for (String col : columns) {
            if (cols.length() > 0) {
                cols.append(", ");
            }
            String type = "VARCHAR";
            if (col.equals(query.costColumn())) {
                type = "DECIMAL(38,10)";
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

    /**
     * The per-row checks after parsing: null when the row is good, else what is wrong with it. The
     * aggregation makes the same checks in two parts ({@link #rowBad} and {@link #groupProblem});
     * this is the whole of them, for locating the bad rows.
     */
    private String problem(SpendQuery query, boolean tags) {
        StringBuilder b = new StringBuilder("CASE");
        b.append(dateTimeCases("s", "sr", START));
        b.append(dateTimeCases("e", "er", END));
        b.append(" WHEN c IS NULL THEN '").append(query.costColumn()).append(" is empty or not a number'");
        b.append(currencyCases(query));
        for (String[] col : new String[][] {{"s", "sr", START}, {"e", "er", END}}) {
            b.append(" WHEN ").append(outOfRange(col[0])).append(" THEN '").append(col[2]).append(" ' || ")
                    .append(quoted(col[1])).append(" || ' is not a plausible date (years ").append(MIN_YEAR)
                    .append(" to ").append(MAX_YEAR).append(")'");
        }
        b.append(" WHEN e < s THEN '").append(END).append(" is before ").append(START).append("'");
        if (tags) {
            b.append(tagsCases());
        }
        return b.append(" END").toString();
    }

    /**
     * Why a date-time column's value {@code col} (its text {@code raw}, as the file has it) is no
     * date-time: empty, or not in a format FOCUS allows (nor in the export's own format).
     */
    private String dateTimeCases(String col, String raw, String name) {
        return " WHEN " + col + " IS NULL AND nullif(trim(" + raw + "), '') IS NULL THEN '" + name + " is empty'"
                + " WHEN " + col + " IS NULL THEN '" + name + " ' || " + quoted(raw) + " || ' is not an ISO 8601 date-time "
                + "with a time zone" + (dateFormat == null ? "" : ", nor in the date format " + dateFormat.replace("'", "''"))
                + " (FOCUS wants e.g. 2026-11-01T00:00:00Z)'";
    }

    /** The SQL text of value {@code raw} in double quotes, cut at 60 characters. */
    private static String quoted(String raw) {
        return "'\"' || left(" + raw + ", 60) || '\"'";
    }

    /**
     * The instant of a date-time column's text {@code raw}: ISO 8601 with a zone, else (only when
     * the export's own format is given) that format, a format without a zone read as UTC; null for
     * anything else.
     */
    private String dateTime(String raw) {
        // the common shape first, by a LIKE that costs next to nothing; the regular expression only for the rest
        String cast = "TRY_CAST(" + raw + " AS TIMESTAMPTZ)";
        String iso = "CASE WHEN " + raw + " LIKE '____-__-__T__:__:__Z' THEN " + cast + " WHEN regexp_full_match(" + raw
                + ", " + literal(ISO_DATE_TIME) + ") THEN " + cast + " END";
        if (dateFormat == null) {
            return iso;
        }
        return "coalesce(" + iso + ", CAST(try_strptime(" + raw + ", " + literal(dateFormat) + ") AS TIMESTAMPTZ))";
    }

    /**
     * What can be wrong with a single row whatever its Tags and currency, in comparisons that cost
     * next to nothing per row. The start's range is judged per group, on its day; the end's lower
     * bound follows from the start's and {@code e >= s}.
     */
    private static String rowBad() {
        return "s IS NULL OR e IS NULL OR c IS NULL OR e < s OR e >= " + bound(MAX_YEAR + 1);
    }

    /**
     * What can be wrong with a group of rows of one Tags text, currency and day ({@code d}, days
     * since 1970-01-01): null when nothing.
     */
    private String groupProblem(SpendQuery query, boolean tags) {
        return "CASE WHEN d < " + LocalDate.of(MIN_YEAR, 1, 1).toEpochDay() + " OR d >= "
                + LocalDate.of(MAX_YEAR + 1, 1, 1).toEpochDay() + " THEN 'date'" + currencyCases(query)
                + (tags ? tagsCases() : "") + " END";
    }

    private static String currencyCases(SpendQuery query) {
        return " WHEN cur IS NULL OR trim(cur) = '' THEN '" + CURRENCY + " is empty'"
                + " WHEN cur <> " + literal(query.currency()) + " THEN '" + CURRENCY + " ' || cur || ' is not "
                + query.currency() + ", the budgets'' currency (spendgate does not convert currencies)'";
    }

    /** Tags must be empty (no tags) or a JSON object. */
    private static String tagsCases() {
        String t = "nullif(trim(t), '')";
        return " WHEN " + t + " IS NOT NULL AND NOT json_valid(" + t + ") THEN '" + TAGS
                + " \"' || left(t, 60) || '\" is not valid JSON'"
                + " WHEN " + t + " IS NOT NULL AND json_type(" + t + ") <> 'OBJECT' THEN '" + TAGS
                + " is not a JSON object'";
    }

    /** A date-time outside the years FOCUS exports can have. */
    private static String outOfRange(String col) {
        return "(" + col + " < " + bound(MIN_YEAR) + " OR " + col + " >= " + bound(MAX_YEAR + 1) + ")";
    }

    private static String bound(int year) {
        return "TIMESTAMPTZ '" + year + "-01-01 00:00:00+00'";
    }

    private String rowExpressions(SpendQuery query, boolean tags) {
        boolean startText = !parquet || parquetStartText;
        boolean endText = !parquet || parquetEndText;
        String startRaw = "CAST(" + ident(START) + " AS VARCHAR)";
        String endRaw = "CAST(" + ident(END) + " AS VARCHAR)";
        // a Parquet timestamp column is read as its type says (TIMESTAMPTZ, or TIMESTAMP in UTC)
        String start = startText ? dateTime(startRaw) : "TRY_CAST(" + ident(START) + " AS TIMESTAMPTZ)";
        String end = endText ? dateTime(endRaw) : "TRY_CAST(" + ident(END) + " AS TIMESTAMPTZ)";
        String cost = parquet ? "TRY_CAST(" + ident(query.costColumn()) + " AS DECIMAL(38,10))" : ident(query.costColumn());
        String tagsText = parquet && !parquetTagsText ? "CAST(CAST(" + ident(TAGS) + " AS JSON) AS VARCHAR)"
                : "CAST(" + ident(TAGS) + " AS VARCHAR)";
        String tagsCol = tags ? tagsText : "CAST(NULL AS VARCHAR)";
        String cur = parquet ? "CAST(" + ident(CURRENCY) + " AS VARCHAR)" : ident(CURRENCY);
        return start + " AS s, " + end + " AS e, " + cost + " AS c, " + cur + " AS cur, " + tagsCol + " AS t, "
                + startRaw + " AS sr, " + endRaw + " AS er";
    }

    /**
     * Sums the rows in two steps: by Tags text, currency and UTC day (with the per-row checks),
     * then, per such group, parses Tags once, takes the attribution tags and judges the currency.
     * Bad rows are counted in one group per step.
     */
    private Aggregate aggregate(Statement s, String scan, SpendQuery query, boolean tags) throws SQLException {
        String sql = aggregateSql(scan, query, tags);
        Aggregate agg = new Aggregate();
        // tens of thousands of groups come back: columns by position, instants as numbers
        try (ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                long n = r.getLong(7);
                if (r.getBoolean(1)) {
                    agg.badRows += n;
                    continue;
                }
                agg.goodRows += n;
                Instant newest = Instant.EPOCH.plus(r.getLong(8), ChronoUnit.MICROS);
                LocalDate day = LocalDate.ofEpochDay(r.getLong(5));
                agg.groups.add(new SpendGroup(r.getString(2), r.getString(3), r.getString(4), day,
                        SpendTally.canonical(r.getBigDecimal(6)), n, newest));
                if (agg.newest == null || newest.isAfter(agg.newest)) {
                    agg.newest = newest;
                }
            }
        }
        agg.groups.sort(SpendTally.ORDER);
        return agg;
    }

    /** Sums the rows in two steps (see {@link #aggregate}). */
    private String aggregateSql(String scan, SpendQuery query, boolean tags) {
        String rows = "SELECT * FROM (SELECT " + rowExpressions(query, tags) + " FROM " + scan + ")" + window(query);
        String byText = "SELECT " + rowBad() + " AS bad, t, cur, epoch_us(s) // 86400000000 AS d, sum(c) AS cost, "
                + "count(*) AS n, max(e) AS newest FROM (" + rows + ") GROUP BY ALL";
        // a blank Tags value is no tags
        String judged = "SELECT * REPLACE (nullif(trim(t), '') AS t), CASE WHEN bad THEN 'row' ELSE "
                + groupProblem(query, tags) + " END AS problem FROM (" + byText + ")";
        String sql = "SELECT problem IS NOT NULL AS bad, "
                + "CASE WHEN problem IS NULL THEN json_extract_string(t, " + literal(jsonPath(query.manifestTag())) + ") END AS m, "
                + "CASE WHEN problem IS NULL THEN json_extract_string(t, " + literal(jsonPath(query.teamTag())) + ") END AS tm, "
                + "CASE WHEN problem IS NULL THEN cur END AS cur, CASE WHEN problem IS NULL THEN d END AS d, "
                + "sum(cost) AS cost, sum(n) AS n, epoch_us(max(newest)) AS newest FROM (" + judged + ") GROUP BY ALL";
        return sql;
    }

    /** The DuckDB query that sums the file ({@code --explain-spend}); benchmarks run it in DuckDB's own CLI. */
    @Override
    public String explain(SpendQuery query) throws SpendException {
        try (Connection c = connect(env); Statement s = c.createStatement()) {
            List<String> columns = columns(s);
            requireColumns(columns, query);
            String scan = parquet ? parquetScan() : csvScan(columns, query, true);
            return "-- DuckDB, in process; rows it cannot parse are counted from its rejects table\n"
                    + "SET TimeZone = 'UTC';\n" + aggregateSql(scan, query, columns.contains(TAGS)) + ";\n";
        } catch (SQLException e) {
            throw new SpendException("spend_unreadable", display + ": " + firstLine(e.getMessage()), e);
        }
    }

    /**
     * {@code WHERE} of the query's time window on the start {@code s}, or "" for the whole history:
     * a row whose start cannot be read ({@code s IS NULL}) is kept, to be counted as bad.
     */
    private static String window(SpendQuery query) {
        if (query.from() == null && query.to() == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(" WHERE (s IS NULL OR (");
        if (query.from() != null) {
            b.append("s >= ").append(instant(query.from()));
        }
        if (query.to() != null) {
            b.append(query.from() != null ? " AND " : "").append("s < ").append(instant(query.to()));
        }
        return b.append("))").toString();
    }

    private static String instant(Instant t) {
        return "TIMESTAMPTZ '" + java.time.LocalDateTime.ofInstant(t, java.time.ZoneOffset.UTC)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")) + "+00'";
    }

    /** The rows DuckDB rejected while reading the CSV: all counted, the first ones described. */
    private Rejects rejects(Statement s, SpendQuery query, List<String> columns) throws SQLException {
        Rejects out = new Rejects();
        try (ResultSet r = s.executeQuery("SELECT count(DISTINCT line) FROM reject_errors")) {
            r.next();
            out.count = r.getLong(1);
        }
        if (out.count == 0) {
            return out;
        }
        try (ResultSet r = s.executeQuery("SELECT line, error_type, error_message, csv_line FROM reject_errors "
                + "QUALIFY row_number() OVER (PARTITION BY line ORDER BY column_idx) = 1 ORDER BY line LIMIT "
                + SpendData.MAX_BAD_ROWS_DESCRIBED)) {
            while (r.next()) {
                long line = r.getLong(1);
                String problem = describe(r.getString(2), r.getString(3), r.getString(4), columns, query);
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

    /**
     * What is wrong with a rejected row, for a person. The column is worked out from the cast's
     * target type and the row's own text: DuckDB 2.0 can name the wrong column in its rejects
     * table when the scan reads only some of the columns.
     */
    private static String describe(String type, String message, String csvLine, List<String> columns,
                                   SpendQuery query) {
        String t = type == null ? "" : type.toUpperCase(Locale.ROOT);
        if (t.contains("CAST")) {
            Matcher m = CAST_VALUE.matcher(message == null ? "" : message);
            boolean found = m.find();
            String value = found ? "\"" + asWritten(m.group(1), csvLine, columns, query.costColumn()) + "\"" : "the value";
            String target = found ? m.group(2) : "";
            if (target.startsWith("DECIMAL")) {
                return query.costColumn() + " " + value + " is not a number (FOCUS wants a plain decimal such as 10000.00)";
            }
            return "a value " + value + " cannot be read";
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
     * The field of {@code column} as the file's line {@code csvLine} has it, when it is the value
     * DuckDB could not cast (so the message quotes the file, not DuckDB's reading of it); else that value.
     */
    static String asWritten(String value, String csvLine, List<String> columns, String column) {
        List<String> fields = csvLine == null ? null : CsvHeader.fields(csvLine);
        int i = columns.indexOf(column);
        if (fields != null && i >= 0 && i < fields.size() && fields.get(i).strip().equals(value.strip())) {
            return fields.get(i);
        }
        return value;
    }

    /**
     * Finds the first rows the aggregation counted as bad. For CSV, a row's line is worked out from
     * its position among the rows DuckDB read and the lines it rejected (one line per record, as
     * FOCUS exports are written); for Parquet it is the file's row number.
     */
    private List<BadRow> locate(Statement s, String scan, SpendQuery query, boolean tags, List<Long> rejectedLines)
            throws SQLException {
        String rn = parquet ? "file_row_number + 1" : "row_number() OVER ()";
        // rows are numbered among all the file's rows, then those outside the window are left out
        String sql = "SELECT rn, problem FROM (SELECT " + rn + " AS rn, s, "
                + problem(query, tags) + " AS problem FROM (SELECT *, "
                + rowExpressions(query, tags) + " FROM " + scan + "))" + window(query)
                + (window(query).isEmpty() ? " WHERE " : " AND ") + "problem IS NOT NULL ORDER BY rn LIMIT "
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
