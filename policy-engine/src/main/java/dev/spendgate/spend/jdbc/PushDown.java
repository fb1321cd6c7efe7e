package dev.spendgate.spend.jdbc;

import dev.spendgate.spend.BadRow;
import dev.spendgate.spend.SpendData;
import dev.spendgate.spend.SpendException;
import dev.spendgate.spend.SpendGroup;
import dev.spendgate.spend.SpendQuery;
import dev.spendgate.spend.SpendTally;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The aggregate query: the database sums the window's rows by problem, manifest tag, team tag and
 * UTC day and sends one row per group, so that what crosses the network grows with the groups,
 * not the rows. The row checks the streaming read makes in Java are made in SQL and counted per
 * kind of problem; when any row is bad, a second query, bounded to
 * {@link SpendData#MAX_BAD_ROWS_DESCRIBED} rows, fetches the first bad rows, which {@link RowReader}
 * describes exactly as the streaming read would.
 *
 * <p>Where the engine cannot check JSON text without failing the query (PostgreSQL before 16 with a
 * text {@code Tags} column), the groups are by {@code Tags} text instead of by tag, and each
 * distinct text is parsed once in Java.
 */
final class PushDown {

    /** A column of the table, as the driver describes it. */
    record TableColumn(String name, int type, String typeName) {
    }

    /** The problem codes of the aggregate query, in the order {@link RowReader} checks a row. */
    static final List<String> PROBLEMS = List.of("good", "ChargePeriodStart is empty", "ChargePeriodEnd is empty",
            "the cost is empty", "the cost is not a finite number", "the cost is out of range",
            "BillingCurrency is empty", "BillingCurrency is not the budgets' currency",
            "ChargePeriodEnd is before ChargePeriodStart", "Tags is not a JSON object",
            "the manifest tag is not a tag value", "the team tag is not a tag value");

    static final BigDecimal OUT_OF_RANGE = new BigDecimal("1000000000000000000");

    /** The first of the Tags problems' codes ({@link #tagChecks}): "Tags is not a JSON object". */
    private static final int FIRST_TAGS_PROBLEM = 9;

    private final Dialect dialect;
    private final String table;
    private final SpendQuery query;
    private final List<String> names;
    private final Dialect.Time start;
    private final Dialect.Time end;
    private final Dialect.Cost cost;
    private final Dialect.Tags tags;
    private final boolean tagsInDatabase;
    /** Whether a JSON Tags column can be grouped by (PostgreSQL's jsonb can, its json cannot). */
    private boolean groupableJson;

    private PushDown(Dialect dialect, String table, SpendQuery query, List<String> names, Dialect.Time start,
                     Dialect.Time end, Dialect.Cost cost, Dialect.Tags tags) {
        this.dialect = dialect;
        this.table = table;
        this.query = query;
        this.names = names;
        this.start = start;
        this.end = end;
        this.cost = cost;
        this.tags = tags;
        this.tagsInDatabase = tags != Dialect.Tags.TEXT || dialect.checksJsonText();
    }

    /**
     * The aggregate query over {@code columns} (the FOCUS columns of the table, in the order
     * {@link FocusColumns#wanted}).
     *
     * @throws SpendException when a column's type cannot be aggregated (text timestamps or costs):
     *                        the message says how to read such a table
     */
    static PushDown of(Dialect dialect, String table, SpendQuery query, List<TableColumn> columns, String display)
            throws SpendException {
        List<String> names = columns.stream().map(TableColumn::name).toList();
        PushDown p = new PushDown(dialect, table, query, names, time(columns.get(0), display),
                time(columns.get(1), display), cost(columns.get(2), display), tags(columns.get(4), display));
        String tagsType = columns.get(4).typeName() == null ? "" : columns.get(4).typeName().toLowerCase(Locale.ROOT);
        p.groupableJson = dialect instanceof Dialects.Postgres ? tagsType.equals("jsonb")
                : dialect instanceof Dialects.Snowflake;
        return p;
    }

    /** The kind of a timestamp column, or the reason it cannot be aggregated. */
    static Dialect.Time time(TableColumn c, String display) throws SpendException {
        String name = c.typeName() == null ? "" : c.typeName().toUpperCase(Locale.ROOT);
        boolean zoned = name.contains("TZ") && !name.contains("NTZ") || name.contains("WITH TIME ZONE");
        switch (c.type()) {
            case Types.TIMESTAMP_WITH_TIMEZONE:
                return Dialect.Time.ZONED;
            case Types.TIMESTAMP:
                return zoned ? Dialect.Time.ZONED : Dialect.Time.LOCAL;
            case Types.DATE:
                return Dialect.Time.DATE;
            default:
                if (name.startsWith("TIMESTAMP") || name.startsWith("DATETIME")) {
                    return zoned || name.contains("(") && name.contains("'") ? Dialect.Time.ZONED : Dialect.Time.LOCAL;
                }
                throw unsupported(c, "a timestamp", display);
        }
    }

    private static Dialect.Cost cost(TableColumn c, String display) throws SpendException {
        return switch (c.type()) {
            case Types.DECIMAL, Types.NUMERIC -> Dialect.Cost.DECIMAL;
            case Types.DOUBLE, Types.FLOAT, Types.REAL -> Dialect.Cost.FLOAT;
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> Dialect.Cost.INTEGER;
            default -> throw unsupported(c, "a number", display);
        };
    }

    private static Dialect.Tags tags(TableColumn c, String display) throws SpendException {
        String name = c.typeName() == null ? "" : c.typeName().toUpperCase(Locale.ROOT);
        if (name.startsWith("MAP")) {
            String values = name.substring(name.indexOf(',') + 1);
            if (values.contains("MAP") || values.contains("STRUCT") || values.contains("[") || values.contains("ARRAY")
                    || values.contains("ROW(")) {
                throw unsupported(c, "a map of tag values", display);
            }
            return Dialect.Tags.MAP;
        }
        if (name.contains("JSON") || name.contains("VARIANT") || name.contains("SUPER") || name.equals("OBJECT")) {
            return Dialect.Tags.JSON;
        }
        return switch (c.type()) {
            case Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR, Types.NVARCHAR, Types.NCHAR, Types.LONGNVARCHAR,
                 Types.CLOB, Types.NCLOB -> Dialect.Tags.TEXT;
            default -> {
                if (name.equals("STRING") || name.equals("TEXT")) {
                    yield Dialect.Tags.TEXT;
                }
                throw unsupported(c, "JSON text, a JSON value or a map", display);
            }
        };
    }

    private static SpendException unsupported(TableColumn c, String wanted, String display) {
        return new SpendException("spend_unreadable", display + ": column " + c.name() + " is " + c.typeName()
                + ", not " + wanted + ", so the database cannot sum the spend itself: point --spend-table at a view"
                + " that casts it, or read the table row by row with spendgate.read=stream in the URL");
    }

    /** Whether the groups are by tag (true) or by {@code Tags} text parsed in Java (false). */
    boolean tagsInDatabase() {
        return tagsInDatabase;
    }

    private String q(int i) {
        return dialect.quote(names.get(i));
    }

    /** {@code WHERE ...} of the time window on the start column, or "" for the whole history. */
    String where() {
        if (query.from() == null && query.to() == null) {
            return "";
        }
        String s = q(0);
        List<String> bounds = new ArrayList<>();
        if (query.from() != null) {
            bounds.add(s + " >= " + dialect.timestamp(query.from(), start));
        }
        if (query.to() != null) {
            bounds.add(s + " < " + dialect.timestamp(query.to(), start));
        }
        return " WHERE " + s + " IS NULL OR (" + String.join(" AND ", bounds) + ")";
    }

    /** The window's rows with the FOCUS columns under short names. */
    private String rows() {
        return "SELECT " + q(0) + " AS row_start, " + q(1) + " AS row_end, " + q(2) + " AS row_cost, " + q(3)
                + " AS row_currency, " + q(4) + " AS row_tags FROM " + table + where();
    }

    /** 0 for a good row, else the first problem ({@link #PROBLEMS}), in {@link RowReader}'s order. */
    private String problem() {
        StringBuilder b = new StringBuilder(rowChecks());
        if (tagsInDatabase) {
            b.append(tagChecks());
        }
        return b.append(" ELSE 0 END").toString();
    }

    /** The checks of a row whatever its tags, as {@code CASE WHEN ... THEN code} without its end. */
    private String rowChecks() {
        StringBuilder b = new StringBuilder("CASE");
        rowConditions().forEach((code, condition) -> b.append(" WHEN ").append(condition).append(" THEN ").append(code));
        return b.toString();
    }

    /**
     * Each row check's condition by its problem code, in {@link RowReader}'s order: a row's problem
     * is the first whose condition holds (a condition whose column is null is not true).
     */
    private Map<Integer, String> rowConditions() {
        Map<Integer, String> c = new java.util.LinkedHashMap<>();
        c.put(1, "row_start IS NULL");
        c.put(2, "row_end IS NULL");
        c.put(3, "row_cost IS NULL");
        String notFinite = dialect.notFinite("row_cost", cost);
        if (notFinite != null) {
            c.put(4, notFinite);
        }
        c.put(5, "ABS(row_cost) >= " + OUT_OF_RANGE.toPlainString());
        // a currency equal to the budgets' is not trimmed: most rows are judged by one comparison
        String currency = dialect.literal(query.currency());
        c.put(6, "row_currency IS NULL OR row_currency <> " + currency + " AND TRIM(row_currency) = ''");
        c.put(7, "row_currency <> " + currency + " AND TRIM(row_currency) <> " + currency);
        c.put(8, "row_end < row_start");
        return c;
    }

    /** The checks of {@code row_tags}, as {@code WHEN ... THEN code} clauses. */
    private String tagChecks() {
        StringBuilder b = new StringBuilder();
        b.append(" WHEN ").append(dialect.noTags("row_tags", tags)).append(" THEN 0");
        if (tags != Dialect.Tags.MAP) {
            b.append(" WHEN ").append(dialect.notAnObject("row_tags", tags)).append(" THEN 9");
            b.append(" WHEN ").append(dialect.nested("row_tags", tags, query.manifestTag())).append(" THEN 10");
            b.append(" WHEN ").append(dialect.nested("row_tags", tags, query.teamTag())).append(" THEN 11");
        }
        return b.toString();
    }

    /**
     * Whether the rows are first summed by their {@code Tags} value, so that the tags are checked
     * and taken out once per distinct value rather than once per row: for JSON text everywhere,
     * and for PostgreSQL's and Snowflake's JSON values, which can be grouped by.
     */
    private boolean twoSteps() {
        return tagsInDatabase && (tags == Dialect.Tags.TEXT || tags == Dialect.Tags.JSON && groupableJson);
    }

    /** The aggregate query: one row per problem, manifest tag, team tag (or Tags text) and UTC day. */
    String aggregate() {
        if (twoSteps()) {
            return aggregateInTwoSteps();
        }
        String judged = "SELECT " + problem() + " AS problem, row_start, row_end, row_cost, row_tags FROM (" + rows()
                + ") r";
        String attribution = tagsInDatabase
                ? "CASE WHEN problem = 0 THEN " + dialect.tag("row_tags", tags, query.manifestTag()) + " END AS tag_manifest, "
                + "CASE WHEN problem = 0 THEN " + dialect.tag("row_tags", tags, query.teamTag()) + " END AS tag_team"
                : "CASE WHEN problem = 0 THEN NULLIF(TRIM(row_tags), '') END AS tag_manifest, "
                + "CASE WHEN problem = 0 THEN NULL END AS tag_team";
        String shaped = "SELECT problem, " + attribution + ", CASE WHEN problem = 0 THEN " + dialect.day("row_start", start)
                + " END AS utc_day, CASE WHEN problem = 0 THEN " + dialect.cost("row_cost", cost)
                + " END AS good_cost, CASE WHEN problem = 0 THEN row_end END AS good_end FROM (" + judged + ") j";
        return "SELECT problem, tag_manifest, tag_team, utc_day, SUM(good_cost) AS cost, COUNT(*) AS row_count,"
                + " MAX(good_end) AS newest FROM (" + shaped + ") g GROUP BY problem, tag_manifest, tag_team, utc_day";
    }

    /**
     * The aggregate in two steps: the rows summed by their row problem, Tags value and day with
     * cheap comparisons only; then each of those sums' Tags checked and its tags taken out, and
     * summed again by tag.
     */
    private String aggregateInTwoSteps() {
        String checked = "SELECT " + rowChecks() + " ELSE 0 END AS row_problem, row_start, row_end, row_cost, row_tags"
                + " FROM (" + rows() + ") r";
        String keyed = "SELECT row_problem, CASE WHEN row_problem = 0 THEN row_tags END AS row_tags,"
                + " CASE WHEN row_problem = 0 THEN " + dialect.day("row_start", start) + " END AS utc_day,"
                + " CASE WHEN row_problem = 0 THEN " + dialect.cost("row_cost", cost) + " END AS good_cost,"
                + " CASE WHEN row_problem = 0 THEN row_end END AS good_end FROM (" + checked + ") c";
        String byTags = "SELECT row_problem, row_tags, utc_day, SUM(good_cost) AS good_cost, COUNT(*) AS row_count,"
                + " MAX(good_end) AS good_end FROM (" + keyed + ") k GROUP BY row_problem, row_tags, utc_day";
        String judged = "SELECT CASE WHEN row_problem <> 0 THEN row_problem" + tagChecks()
                + " ELSE 0 END AS problem, row_tags, utc_day, good_cost, row_count, good_end FROM (" + byTags + ") t";
        String shaped = "SELECT problem, CASE WHEN problem = 0 THEN " + dialect.tag("row_tags", tags, query.manifestTag())
                + " END AS tag_manifest, CASE WHEN problem = 0 THEN " + dialect.tag("row_tags", tags, query.teamTag())
                + " END AS tag_team, CASE WHEN problem = 0 THEN utc_day END AS utc_day, CASE WHEN problem = 0 THEN"
                + " good_cost END AS good_cost, row_count, CASE WHEN problem = 0 THEN good_end END AS good_end FROM ("
                + judged + ") j";
        return "SELECT problem, tag_manifest, tag_team, utc_day, SUM(good_cost) AS cost, SUM(row_count) AS row_count,"
                + " MAX(good_end) AS newest FROM (" + shaped + ") g GROUP BY problem, tag_manifest, tag_team, utc_day";
    }

    /**
     * The first bad rows of the window, with their ordinal among its rows (the order the database
     * returns them in, as the streaming read counts them).
     *
     * <p>Without an ORDER BY, so that the scan stops at the hundredth bad row: the rows are numbered
     * as they come, and the bad ones come in that order where the window is scanned in one process
     * (PostgreSQL's, with no parallel workers); spendgate sorts them by number anyway.
     *
     * @param badTexts whether rows whose Tags text is one of a parameter's array are bad too
     * @param kinds    the problems the aggregate counted; when none is a Tags problem, a row is bad
     *                 exactly when one of their conditions holds (no row fails an earlier check,
     *                 or its problem would have been counted), so the row is judged by those few
     *                 comparisons instead of every check, Tags parsed included; null for every check
     */
    String samples(boolean badTexts, Set<Integer> kinds) {
        String bad;
        if (kinds == null || kinds.stream().anyMatch(PushDown::tagsProblem)) {
            bad = problem() + " <> 0";
        } else {
            Map<Integer, String> conditions = rowConditions();
            bad = kinds.stream().sorted().map(k -> "(" + conditions.get(k) + ")")
                    .reduce((a, b) -> a + " OR " + b).orElse("FALSE");
        }
        if (badTexts) {
            bad = "(" + bad + ") OR NULLIF(TRIM(row_tags), '') = ANY(?)";
        }
        return "SELECT row_start, row_end, row_cost, row_currency, row_tags, row_ordinal FROM (SELECT "
                + dialect.rowNumber() + " AS row_ordinal, row_start, row_end, row_cost, row_currency, row_tags, CASE WHEN "
                + bad + " THEN 1 ELSE 0 END AS bad FROM (" + rows() + ") r) n WHERE bad = 1 "
                + dialect.limit(SpendData.MAX_BAD_ROWS_DESCRIBED);
    }

    /** Whether a problem code of the aggregate is one of the Tags checks ({@link #tagChecks}). */
    private static boolean tagsProblem(int problem) {
        return problem >= FIRST_TAGS_PROBLEM;
    }

    /** What {@code --explain-spend} shows: the statements, in the order they are sent. */
    String explain() {
        StringBuilder b = new StringBuilder();
        b.append("-- dialect: ").append(dialect.id()).append("; groups by ")
                .append(tagsInDatabase ? "tag" : "Tags text (parsed in spendgate: this server cannot check JSON text)")
                .append('\n');
        for (String s : dialect.session()) {
            b.append(s).append(";\n");
        }
        b.append("-- the aggregate\n").append(aggregate()).append(";\n");
        b.append("-- only when the aggregate counts bad rows: the first ").append(SpendData.MAX_BAD_ROWS_DESCRIBED)
                .append(", to describe them\n");
        for (String sql : dialect.orderedScan()) {
            b.append(sql).append(";\n");
        }
        b.append(samples(!tagsInDatabase, null)).append(";\n");
        if (tagsInDatabase) {
            b.append("-- or, when none of them is a Tags problem, the rows judged by the conditions of the problems"
                    + " counted alone; for rows in another currency:\n").append(samples(false, Set.of(7))).append(";\n");
        }
        return b.toString();
    }

    /** Sends the aggregate (and, when rows are bad, the samples) and builds the source's data. */
    SpendData read(Connection c, String display, Statements statements) throws SQLException, SpendException {
        for (String s : dialect.session()) {
            statements.execute(c, s);
        }
        RowReader tagsReader = tagsInDatabase ? null : new RowReader(query.manifestTag(), query.teamTag());
        Map<List<Object>, Sum> groups = new HashMap<>();
        Set<String> badTexts = new LinkedHashSet<>();
        long good = 0;
        long bad = 0;
        Set<Integer> kinds = new java.util.TreeSet<>();
        Instant newest = null;
        try (PreparedStatement s = statements.prepare(c, aggregate()); ResultSet rs = s.executeQuery()) {
            ResultSetMetaData md = rs.getMetaData();
            TimestampColumn newestColumn = new TimestampColumn(FocusColumns.END, 7, md.getColumnType(7),
                    md.getColumnTypeName(7));
            while (rs.next()) {
                int problem = rs.getInt(1);
                long n = rs.getLong(6);
                if (problem != 0) {
                    bad += n;
                    kinds.add(problem);
                    continue;
                }
                String manifest = rs.getString(2);
                String team = rs.getString(3);
                if (tagsReader != null) {
                    RowReader.Row row = new RowReader.Row();
                    RowReader.Problem p = tagsReader.tags(manifest, row);
                    if (p != null) {
                        bad += n;
                        kinds.add(FIRST_TAGS_PROBLEM); // found here: the bad-row query needs every check
                        badTexts.add(manifest);
                        continue;
                    }
                    manifest = row.manifest;
                    team = row.team;
                }
                Instant groupNewest;
                try {
                    groupNewest = newestColumn.read(rs);
                } catch (TimestampColumn.BadValue e) {
                    throw new SQLException("the newest ChargePeriodEnd of a group is not a timestamp: " + e.getMessage());
                }
                LocalDate day = day(rs, 4);
                Sum sum = groups.computeIfAbsent(java.util.Arrays.asList(manifest, team, day), k -> new Sum());
                sum.cost = sum.cost.add(decimal(rs.getObject(5)));
                sum.rows += n;
                sum.newest = sum.newest == null || groupNewest.isAfter(sum.newest) ? groupNewest : sum.newest;
                newest = newest == null || groupNewest.isAfter(newest) ? groupNewest : newest;
                good += n;
            }
        }
        List<SpendGroup> out = new ArrayList<>();
        groups.forEach((k, s) -> out.add(new SpendGroup((String) k.get(0), (String) k.get(1), query.currency(),
                (LocalDate) k.get(2), SpendTally.canonical(s.cost), s.rows, s.newest)));
        out.sort(SpendTally.ORDER);
        List<BadRow> described = bad == 0 ? new ArrayList<>()
                : new ArrayList<>(samples(c, display, statements, badTexts, kinds));
        described.sort(java.util.Comparator.comparingLong(BadRow::line));
        return new SpendData(display, query.costColumn(), out, good + bad, bad, described, newest);
    }

    private List<BadRow> samples(Connection c, String display, Statements statements, Set<String> badTexts,
                                 Set<Integer> kinds) throws SQLException {
        for (String s : dialect.orderedScan()) {
            statements.execute(c, s);
        }
        List<BadRow> out = new ArrayList<>();
        boolean texts = !tagsInDatabase;
        try (PreparedStatement s = statements.prepare(c, samples(texts, kinds))) {
            if (texts) {
                Array array = c.createArrayOf("text", badTexts.toArray());
                s.setArray(1, array);
            }
            try (ResultSet rs = s.executeQuery()) {
                RowReader reader = new RowReader(rs.getMetaData(), query.costColumn(), query.manifestTag(),
                        query.teamTag(), query.currency());
                RowReader.Row row = new RowReader.Row();
                while (rs.next()) {
                    RowReader.Problem p = reader.read(rs, row);
                    long ordinal = rs.getLong(6);
                    out.add(p == null ? new BadRow(display, ordinal, "row", null, "the database judged the row bad"
                            + " but spendgate finds nothing wrong with it")
                            : new BadRow(display, ordinal, "row", p.column(), p.problem()));
                }
            }
        }
        return out;
    }

    private static LocalDate day(ResultSet rs, int i) throws SQLException {
        try {
            LocalDate d = rs.getObject(i, LocalDate.class);
            if (d != null) {
                return d;
            }
        } catch (SQLException | RuntimeException | AbstractMethodError e) {
            // a driver without the JDBC 4.2 conversion
        }
        java.sql.Date d = rs.getDate(i, java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone(ZoneOffset.UTC),
                Locale.ROOT));
        if (d == null) {
            throw new SQLException("a group has no day");
        }
        return d.toLocalDate();
    }

    private static BigDecimal decimal(Object v) throws SQLException {
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v == null) {
            throw new SQLException("a group has no sum");
        }
        try {
            return new BigDecimal(v.toString());
        } catch (NumberFormatException e) {
            throw new SQLException("a group's sum is not a number: " + v);
        }
    }

    private static final class Sum {
        BigDecimal cost = BigDecimal.ZERO;
        long rows;
        Instant newest;
    }

    /** How the source prepares and runs statements (fetch size, timeout). */
    interface Statements {
        PreparedStatement prepare(Connection c, String sql) throws SQLException;

        void execute(Connection c, String sql) throws SQLException;
    }
}
