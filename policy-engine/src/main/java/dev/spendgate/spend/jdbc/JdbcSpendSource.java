package dev.spendgate.spend.jdbc;

import dev.spendgate.spend.SpendData;
import dev.spendgate.spend.SpendException;
import dev.spendgate.spend.SpendOptions;
import dev.spendgate.spend.SpendQuery;
import dev.spendgate.spend.SpendSource;
import dev.spendgate.spend.SpendTally;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A FOCUS table or view in a SQL warehouse, read over JDBC. By default the database does the work:
 * one aggregate query ({@link PushDown}, in the engine's {@link Dialect}) over the query's time
 * window sends one row per manifest tag, team tag and UTC day. With {@code spendgate.read=stream}
 * in the URL, the window's rows are streamed instead
 * ({@code SELECT ChargePeriodStart, ChargePeriodEnd, <cost>, BillingCurrency, Tags FROM <table>},
 * fetch size 10,000, inside a transaction so that PostgreSQL uses a cursor) and summed in Java:
 * memory holds the groups, never the rows. Both give the same data. Each {@link #read} opens and
 * closes its own connection.
 */
final class JdbcSpendSource implements SpendSource {

    static final int FETCH_SIZE = 10_000;

    /** How many of a table's column names a message lists. */
    private static final int MAX_COLUMNS_LISTED = 40;

    private final JdbcUrl url;
    private final String table;
    private final SpendOptions options;
    private final ReadSettings settings;
    private final String display;

    /** @param table a name checked by {@link JdbcSpendSourceProvider}: it goes into SQL as it is */
    JdbcSpendSource(JdbcUrl url, String table, SpendOptions options, ReadSettings settings) {
        this.url = url;
        this.table = table;
        this.options = options;
        this.settings = settings;
        this.display = url.display() + " (table " + table + ")";
    }

    /** The URL without credentials, and the table: {@code jdbc:postgresql://db/finops (table focus)}. */
    @Override
    public String display() {
        return display;
    }

    /** Work on a connection of its own, opened and closed here, with the driver's class loader as the context. */
    private interface Work<T> {
        T run(Connection c, List<String> secrets) throws SQLException, SpendException;
    }

    private <T> T withConnection(Work<T> work) throws SpendException {
        Properties properties = new Properties();
        List<String> secrets = new ArrayList<>();
        String user = options.env().get("SPENDGATE_SPEND_USER");
        String password = options.env().get("SPENDGATE_SPEND_PASSWORD");
        if (user != null && !user.isEmpty()) {
            properties.setProperty("user", user);
        }
        if (password != null && !password.isEmpty()) {
            properties.setProperty("password", password);
            secrets.add(password);
        }
        if (url.url().regionMatches(true, 0, "jdbc:duckdb:", 0, "jdbc:duckdb:".length())) {
            // DuckDB holds a whole result in memory unless asked to stream it
            properties.setProperty("jdbc_stream_results", "true");
        }
        try (Drivers drivers = Drivers.find(url.url(), url.display(), options.driverJars(), options.workDir(),
                options.env())) {
            Thread thread = Thread.currentThread();
            ClassLoader saved = thread.getContextClassLoader();
            thread.setContextClassLoader(drivers.classLoader());
            try {
                Connection c = connect(drivers, properties, secrets);
                try (c) {
                    return work.run(c, secrets);
                } catch (SQLException e) {
                    throw failure(e, "cannot read " + table, secrets);
                } catch (RuntimeException e) {
                    // a driver's bug or an unexpected type: still one line, and exit code 4
                    throw new SpendException("spend_unreadable", display + ": cannot read " + table + ": "
                            + oneLine(e.toString(), secrets));
                }
            } finally {
                thread.setContextClassLoader(saved);
            }
        }
    }

    private Connection connect(Drivers drivers, Properties properties, List<String> secrets) throws SpendException {
        Driver driver = drivers.driver();
        CompletableFuture<Connection> opened = new CompletableFuture<>();
        // drivers differ in how (and whether) they time a connection out: a thread of our own does it for all
        Thread t = new Thread(() -> {
            try {
                opened.complete(driver.connect(url.url(), properties));
            } catch (Throwable e) {
                opened.completeExceptionally(e);
            }
        }, "spendgate-jdbc-connect");
        t.setDaemon(true);
        t.setContextClassLoader(drivers.classLoader());
        t.start();
        Connection c;
        try {
            c = opened.get(millis(options.timeout()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // should it connect after all, let go of the connection at once
            opened.thenAccept(JdbcSpendSource::closeQuietly);
            t.interrupt();
            throw new SpendException("spend_unreachable", display + ": cannot connect: no answer within "
                    + seconds(options.timeout()));
        } catch (InterruptedException e) {
            opened.thenAccept(JdbcSpendSource::closeQuietly);
            Thread.currentThread().interrupt();
            throw new SpendException("spend_unreachable", display + ": cannot connect: interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException s) {
                String state = s.getSQLState();
                boolean login = state != null && state.startsWith("28");
                SpendException f = failure(s, login ? "cannot log in (the user and password come from"
                        + " SPENDGATE_SPEND_USER and SPENDGATE_SPEND_PASSWORD)" : "cannot connect", secrets);
                throw new SpendException("spend_unreachable", f.getMessage(), f.getCause());
            }
            throw new SpendException("spend_unreachable", display + ": cannot connect: "
                    + oneLine(cause.toString(), secrets));
        }
        if (c == null) {
            throw new SpendException("spend_unreadable", display + ": the JDBC driver "
                    + driver.getClass().getName() + " does not take this URL");
        }
        return c;
    }

    /** The statements {@link #read} would send, for {@code --explain-spend}; connects to learn the columns. */
    @Override
    public String explain(SpendQuery query) throws SpendException {
        return withConnection((c, secrets) -> {
            Plan plan = plan(c, query, server(c));
            if (plan.pushDown != null) {
                return plan.pushDown.explain();
            }
            StringBuilder b = new StringBuilder("-- streaming: every row of the window is sent and summed in spendgate\n");
            plan.streamingSession.forEach(sql -> b.append(sql).append(";\n"));
            return b.append(plan.streaming).append(";\n").toString();
        });
    }

    @Override
    public SpendData read(SpendQuery query) throws SpendException {
        return withConnection((c, secrets) -> read(c, query));
    }

    /** What is sent for a query: the aggregate, or the streaming SELECT (with the window when it can be put in SQL). */
    private static final class Plan {
        PushDown pushDown;
        /** The statements before the streaming SELECT (a scan in the table's order), then the SELECT. */
        List<String> streamingSession = List.of();
        String streaming;
        boolean windowInSql;
    }

    /**
     * What the driver says of the server, asked once before any transaction: Trino's driver runs
     * queries of its own for its metadata, and one that it leaves unread aborts a transaction.
     */
    private record Server(Dialect dialect, String quote) {
    }

    private Server server(Connection c) {
        return new Server(knownDialect(c), quoteString(c));
    }

    private Plan plan(Connection c, SpendQuery query, Server server) throws SQLException, SpendException {
        List<String> wanted = FocusColumns.wanted(query.costColumn());
        List<PushDown.TableColumn> found = columns(c);
        List<String> labels = found.stream().map(PushDown.TableColumn::name).toList();
        List<String> names = FocusColumns.find(wanted, labels);
        if (names.contains(null)) {
            throw missing(wanted, names, labels);
        }
        List<PushDown.TableColumn> focus = new ArrayList<>();
        for (String n : names) {
            focus.add(found.get(labels.indexOf(n)));
        }
        Plan plan = new Plan();
        if (!settings.stream()) {
            plan.pushDown = PushDown.of(dialect(c, server), table, query, focus, display);
            return plan;
        }
        String quote = server.quote();
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < names.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(quoted(names.get(i), quote));
        }
        sql.append(" FROM ").append(table);
        Dialect dialect = server.dialect();
        if (dialect != null && (query.from() != null || query.to() != null)) {
            try {
                Dialect.Time time = PushDown.time(focus.get(0), display);
                List<String> bounds = new ArrayList<>();
                String s = dialect.quote(names.get(0));
                if (query.from() != null) {
                    bounds.add(s + " >= " + dialect.timestamp(query.from(), time));
                }
                if (query.to() != null) {
                    bounds.add(s + " < " + dialect.timestamp(query.to(), time));
                }
                sql.append(" WHERE ").append(s).append(" IS NULL OR (").append(String.join(" AND ", bounds)).append(')');
                plan.windowInSql = true;
            } catch (SpendException e) {
                // a text start column: the window is applied row by row in spendgate
            }
        }
        plan.streaming = sql.toString();
        plan.streamingSession = dialect == null ? List.of() : dialect.orderedScan();
        return plan;
    }

    /** The dialect named in the URL, else the one of the driver's product name. */
    private Dialect dialect(Connection c, Server server) throws SpendException {
        Dialect d = server.dialect();
        if (d == null) {
            String product;
            try {
                product = c.getMetaData().getDatabaseProductName();
            } catch (SQLException e) {
                product = "(the driver does not say)";
            }
            throw new SpendException("spend_unreadable", display + ": spendgate does not know the SQL dialect of "
                    + product + ": name one with spendgate.dialect=NAME in the URL (" + String.join(", ", Dialects.ids())
                    + "), or read the table row by row with spendgate.read=stream");
        }
        return d;
    }

    private Dialect knownDialect(Connection c) {
        if (settings.dialect() != null) {
            return Dialects.byId(settings.dialect()).orElseThrow();
        }
        try {
            DatabaseMetaData md = c.getMetaData();
            int major;
            try {
                major = md.getDatabaseMajorVersion();
            } catch (SQLException | RuntimeException e) {
                major = 0;
            }
            return Dialects.forProduct(md.getDatabaseProductName(), major).orElse(null);
        } catch (SQLException e) {
            return null;
        }
    }

    private SpendData read(Connection c, SpendQuery query) throws SQLException, SpendException {
        Server server = server(c);
        boolean transaction = false;
        try {
            // PostgreSQL streams a result with a cursor only inside a transaction
            c.setAutoCommit(false);
            transaction = true;
        } catch (SQLException e) {
            // a driver without transactions (BigQuery) streams anyway
        }
        try {
            Plan plan = plan(c, query, server);
            if (plan.pushDown != null) {
                return plan.pushDown.read(c, display, new PushDown.Statements() {
                    @Override
                    public PreparedStatement prepare(Connection connection, String sql) throws SQLException {
                        PreparedStatement s = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                                ResultSet.CONCUR_READ_ONLY);
                        JdbcSpendSource.this.prepare(s);
                        try {
                            // a few thousand groups come back at once; with a fetch size PostgreSQL would
                            // run the query through a cursor, without parallel workers
                            s.setFetchSize(0);
                        } catch (SQLException | RuntimeException e) {
                            // a hint; some drivers take none
                        }
                        return s;
                    }

                    @Override
                    public void execute(Connection connection, String sql) throws SQLException {
                        try (Statement s = connection.createStatement()) {
                            JdbcSpendSource.this.prepare(s);
                            s.execute(sql);
                        }
                    }
                });
            }
            return stream(c, query, plan);
        } finally {
            if (transaction) {
                try {
                    c.rollback();
                } catch (SQLException e) {
                    // only read: nothing to undo
                }
            }
        }
    }

    private SpendData stream(Connection c, SpendQuery query, Plan plan) throws SQLException {
        SpendTally sums = new SpendTally(display);
        long ordinal = 0;
        try (Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            prepare(s);
            for (String sql : plan.streamingSession) {
                s.execute(sql);
            }
            try (ResultSet rs = s.executeQuery(plan.streaming)) {
                RowReader reader = new RowReader(rs.getMetaData(), query.costColumn(), query.manifestTag(),
                        query.teamTag(), query.currency());
                RowReader.Row row = new RowReader.Row();
                while (rs.next()) {
                    ordinal++;
                    RowReader.Problem problem = reader.read(rs, row);
                    if (!plan.windowInSql && row.start != null && !FocusColumns.START.equals(column(problem))
                            && !query.contains(row.start)) {
                        continue;
                    }
                    sums.next();
                    if (problem == null) {
                        sums.add(row.manifest, row.team, row.currency, row.start, row.end, row.cost);
                    } else {
                        sums.bad(ordinal, problem.column(), problem.problem());
                    }
                }
            }
        }
        return sums.data(query.costColumn());
    }

    private static String column(RowReader.Problem p) {
        return p == null ? null : p.column();
    }

    /** The table's columns, as the database names and types them, from a query that returns none of its rows. */
    private List<PushDown.TableColumn> columns(Connection c) throws SQLException {
        List<PushDown.TableColumn> found = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            prepare(s);
            try (ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE 1=0")) {
                ResultSetMetaData md = rs.getMetaData();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    found.add(new PushDown.TableColumn(md.getColumnLabel(i), md.getColumnType(i), md.getColumnTypeName(i)));
                }
                // read to its end: Trino cancels a query whose result is closed unread, and a
                // cancelled query aborts the transaction the next queries run in
                while (rs.next()) {
                    // no rows
                }
            }
        }
        return found;
    }

    private SpendException missing(List<String> wanted, List<String> names, List<String> found) {
        List<String> absent = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            if (names.get(i) == null) {
                absent.add(wanted.get(i));
            }
        }
        String columns = found.isEmpty() ? "none" : String.join(", ", found.subList(0,
                Math.min(found.size(), MAX_COLUMNS_LISTED))) + (found.size() > MAX_COLUMNS_LISTED
                ? " and " + (found.size() - MAX_COLUMNS_LISTED) + " more" : "");
        return new SpendException("spend_columns_missing", display + ": no column " + String.join(", ", absent)
                + " (a FOCUS table needs " + String.join(", ", wanted) + "; this one has " + columns + ")");
    }

    private void prepare(Statement s) throws SQLException {
        try {
            s.setFetchSize(FETCH_SIZE);
        } catch (SQLException e) {
            // a hint; some drivers take none
        }
        long seconds = (millis(queryTimeout()) + 999) / 1000;
        if (seconds > 0) {
            try {
                s.setQueryTimeout((int) Math.min(seconds, Integer.MAX_VALUE));
            } catch (java.sql.SQLFeatureNotSupportedException e) {
                // the driver cannot time a query out; the connection timeout still holds
            }
        }
    }

    private static String quoteString(Connection c) {
        try {
            String q = c.getMetaData().getIdentifierQuoteString();
            return q == null || q.isBlank() ? "" : q.strip();
        } catch (SQLException e) {
            return "\"";
        }
    }

    /** The column exactly as the table spells it, whatever the database does to unquoted names. */
    private static String quoted(String name, String quote) {
        return quote.isEmpty() ? name : quote + name.replace(quote, quote + quote) + quote;
    }

    private SpendException failure(SQLException e, String what, List<String> secrets) {
        String state = e.getSQLState();
        if (e instanceof SQLTimeoutException || "57014".equals(state) && millis(queryTimeout()) > 0) {
            return new SpendException("spend_unreachable", display + ": " + what + ": no answer within "
                    + seconds(queryTimeout()) + " (" + oneLine(e.getMessage(), secrets) + ")"
                    + (settings.queryTimeout() == null ? "; allow more with spendgate.queryTimeout=SECONDS in the URL"
                    : ""), null);
        }
        return new SpendException("spend_unreadable", display + ": " + what + ": " + oneLine(e.getMessage(), secrets),
                null);
    }

    /** The first line of a driver's message, without secrets, at most 300 characters. */
    private String oneLine(String message, List<String> secrets) {
        if (message == null || message.isBlank()) {
            return "(the driver said nothing more)";
        }
        String line = url.redact(message.strip().lines().findFirst().orElse("").strip(), secrets);
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    /** How long one query may take: {@code spendgate.queryTimeout}, else the source's timeout. */
    private Duration queryTimeout() {
        return settings.queryTimeout() != null ? settings.queryTimeout() : options.timeout();
    }

    private static long millis(Duration d) {
        return Math.max(0, d.toMillis());
    }

    private static String seconds(Duration d) {
        long ms = millis(d);
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // abandoned after a timeout
            }
        }
    }
}
