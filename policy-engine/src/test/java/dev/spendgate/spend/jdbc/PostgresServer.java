package dev.spendgate.spend.jdbc;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for a test class, on 127.0.0.1 at a free port: {@code initdb} into a
 * temporary folder, {@code pg_ctl start}, and {@code pg_ctl stop -m fast} after the class (or when
 * the JVM exits). Register it with {@code @RegisterExtension static final PostgresServer PG =
 * PostgresServer.trusting();} (no password) or {@link #withPassword}.
 *
 * <p>The programs are {@code $SPENDGATE_PG_BIN}, else {@code pg_config --bindir}, else the newest
 * {@code /usr/lib/postgresql/<version>/bin} (Debian, Ubuntu), {@code /usr/pgsql-<version>/bin}
 * (RHEL) or {@code /usr/local/pgsql/bin}. Without them the tests fail, saying how to install
 * PostgreSQL; they never skip. PostgreSQL refuses to run as root, so as root (containers, CI) the
 * programs run as the {@code postgres} user that the packages create, through {@code runuser}
 * (or {@code sudo}); the temporary folder is given to that user.
 */
public final class PostgresServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    /** The superuser the tests connect as. */
    public static final String USER = "spendgate";

    /** The database the tests use (initdb's own). */
    public static final String DATABASE = "postgres";

    static final String HOW_TO_INSTALL = "install PostgreSQL's server (bin/ensure-postgres installs it with"
            + " `apt-get install postgresql` and prints its bin folder), or set SPENDGATE_PG_BIN to the folder"
            + " that holds initdb and pg_ctl";

    private static final String OS_USER = "postgres";

    private final String password;
    private Path bin;
    private List<String> runAs = List.of();
    private Path base;
    private Path data;
    private int port;
    private Thread hook;

    private PostgresServer(String password) {
        this.password = password;
    }

    /** A server that lets {@link #USER} in without a password. */
    public static PostgresServer trusting() {
        return new PostgresServer(null);
    }

    /** A server that wants {@code password} (SCRAM) from {@link #USER}. */
    public static PostgresServer withPassword(String password) {
        return new PostgresServer(password);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/postgres}, without credentials. */
    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public int port() {
        return port;
    }

    /** A connection as the superuser. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, password == null ? "" : password);
    }

    /** Runs each statement in its own transaction. */
    public void execute(String... sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        } catch (SQLException e) {
            throw new AssertionError("PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** Starts the server; called by JUnit before the class. */
    public synchronized void start() {
        if (base != null) {
            return;
        }
        bin = binDir();
        runAs = runAs();
        try {
            base = Files.createTempDirectory(parent(), "spendgate-pg-");
            data = base.resolve("data");
            if (!runAs.isEmpty()) {
                giveAway(base);
            }
            hook = new Thread(this::stopQuietly, "spendgate-test-postgres-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            List<String> initdb = new ArrayList<>(List.of(bin.resolve("initdb").toString(), "-D", data.toString(),
                    "-U", USER, "-E", "UTF8", "--locale=C", "--no-sync"));
            if (password == null) {
                initdb.add("--auth=trust");
            } else {
                Path pwfile = base.resolve("pwfile");
                Files.writeString(pwfile, password + "\n");
                if (!runAs.isEmpty()) {
                    giveAway(pwfile);
                }
                initdb.addAll(List.of("--auth=scram-sha-256", "--pwfile=" + pwfile));
            }
            run(initdb, 120, true);
            Files.deleteIfExists(base.resolve("pwfile"));
            String failures = "";
            for (int attempt = 0; attempt < 3; attempt++) {
                port = freePort();
                // pg_ctl hands -o to the server through a shell: the paths are quoted for it
                String options = "-h 127.0.0.1 -p " + port + " -k '" + base + "' -c fsync=off"
                        + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=30"
                        // small, so that a table of a few megabytes is scanned the way a large one is
                        // (synchronized scans start at a quarter of shared_buffers)
                        + " -c shared_buffers=2MB";
                Run r = run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                        base.resolve("server.log").toString(), "-w", "-t", "60", "-o", options, "start"), 90, false);
                if (r.exitCode() == 0) {
                    return;
                }
                failures += "\n" + r.output() + "\n" + serverLog();
            }
            throw new AssertionError("PostgreSQL in " + data + " did not start:" + failures);
        } catch (IOException e) {
            stopQuietly();
            throw new AssertionError("cannot set up PostgreSQL: " + e, e);
        } catch (RuntimeException | AssertionError e) {
            stopQuietly();
            throw e;
        }
    }

    /** Stops the server ({@code pg_ctl stop -m fast}) and deletes its folder. */
    @Override
    public synchronized void close() {
        stopQuietly();
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is exiting: the hook runs anyway
            }
            hook = null;
        }
    }

    private synchronized void stopQuietly() {
        if (base == null) {
            return;
        }
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "-t", "30",
                        "stop"), 60, false);
            }
        } catch (RuntimeException | AssertionError e) {
            // the folder goes anyway
        }
        try (Stream<Path> files = Files.walk(base)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temp folder
        }
        base = null;
    }

    private String serverLog() {
        try {
            return Files.readString(base.resolve("server.log"));
        } catch (IOException e) {
            return "(no server log)";
        }
    }

    /** The folder of initdb and pg_ctl; fails the test when there is none. */
    static Path binDir() {
        List<String> tried = new ArrayList<>();
        String env = System.getenv("SPENDGATE_PG_BIN");
        if (env != null && !env.isBlank()) {
            if (hasPrograms(Path.of(env))) {
                return Path.of(env);
            }
            throw new AssertionError("SPENDGATE_PG_BIN=" + env + " holds no initdb and pg_ctl; " + HOW_TO_INSTALL);
        }
        tried.add("$SPENDGATE_PG_BIN (unset)");
        Path pgConfig = onPath("pg_config");
        if (pgConfig != null) {
            try {
                Process p = new ProcessBuilder(pgConfig.toString(), "--bindir").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes()).strip();
                if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && hasPrograms(Path.of(out))) {
                    return Path.of(out);
                }
                tried.add("pg_config --bindir (" + out + ")");
            } catch (IOException | RuntimeException e) {
                tried.add("pg_config --bindir (" + e.getMessage() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        } else {
            tried.add("pg_config on the PATH");
        }
        List<Path> candidates = new ArrayList<>();
        versions(Path.of("/usr/lib/postgresql"), "", "bin", candidates);
        versions(Path.of("/usr"), "pgsql-", "bin", candidates);
        candidates.add(Path.of("/usr/local/pgsql/bin"));
        for (Path c : candidates) {
            if (hasPrograms(c)) {
                return c;
            }
        }
        tried.add("/usr/lib/postgresql/*/bin, /usr/pgsql-*/bin, /usr/local/pgsql/bin");
        Path initdb = onPath("initdb");
        if (initdb != null && hasPrograms(initdb.getParent())) {
            return initdb.getParent();
        }
        tried.add("initdb on the PATH");
        throw new AssertionError("the PostgreSQL tests need a PostgreSQL server's programs (initdb, pg_ctl, postgres)"
                + " and found none (tried " + String.join(", ", tried) + "): " + HOW_TO_INSTALL);
    }

    /** {@code dir/<prefix><version>/<sub>} for each version, newest first. */
    private static void versions(Path dir, String prefix, String sub, List<Path> out) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(prefix) && n.substring(prefix.length()).matches("\\d+(\\.\\d+)?"))
                    .sorted(Comparator.comparingDouble((String n) -> Double.parseDouble(n.substring(prefix.length())))
                            .reversed())
                    .forEach(n -> out.add(dir.resolve(n).resolve(sub)));
        } catch (IOException e) {
            // not there
        }
    }

    private static boolean hasPrograms(Path dir) {
        return Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl"))
                && Files.isExecutable(dir.resolve("postgres"));
    }

    private static Path onPath(String program) {
        String path = System.getenv("PATH");
        List<String> dirs = new ArrayList<>(path == null ? List.of() : List.of(path.split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"));
        for (String d : dirs) {
            Path p = d.isEmpty() ? null : Path.of(d, program);
            if (p != null && Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** The command prefix that runs PostgreSQL's programs as a user other than root; empty when not root. */
    private static List<String> runAs() {
        if (!isRoot()) {
            return List.of();
        }
        try {
            FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(OS_USER);
        } catch (UserPrincipalNotFoundException e) {
            throw new AssertionError("running as root, and PostgreSQL refuses to: there is no '" + OS_USER
                    + "' user to run it as (PostgreSQL's packages create one; or run the tests as another user)");
        } catch (IOException e) {
            throw new AssertionError("cannot look up the '" + OS_USER + "' user: " + e, e);
        }
        Path runuser = onPath("runuser");
        if (runuser != null) {
            return List.of(runuser.toString(), "-u", OS_USER, "--");
        }
        Path sudo = onPath("sudo");
        if (sudo != null) {
            return List.of(sudo.toString(), "-n", "-u", OS_USER, "--");
        }
        throw new AssertionError("running as root, and PostgreSQL refuses to: neither runuser (util-linux) nor sudo"
                + " is there to run it as '" + OS_USER + "'");
    }

    private static boolean isRoot() {
        try {
            // /proc/self belongs to the process's (effective) user
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /**
     * The folder to make the server's folder in: the JVM's temp folder when every folder above it
     * lets others through (the server's user must reach its files), else /tmp; failing both, the
     * temp folder's parents are made traversable.
     */
    private Path parent() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
        if (runAs.isEmpty() || traversable(tmp)) {
            return tmp;
        }
        Path slashTmp = Path.of("/tmp");
        if (Files.isDirectory(slashTmp) && traversable(slashTmp)) {
            return slashTmp;
        }
        for (Path p = tmp; p != null; p = p.getParent()) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            if (perms.add(PosixFilePermission.OTHERS_EXECUTE)) {
                Files.setPosixFilePermissions(p, perms);
            }
        }
        return tmp;
    }

    private static boolean traversable(Path dir) throws IOException {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                return false;
            }
        }
        return true;
    }

    private static void giveAway(Path p) throws IOException {
        UserPrincipal owner = FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(OS_USER);
        Files.setOwner(p, owner);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwx------"
                : "rw-------"));
    }

    /** Runs a PostgreSQL program (as the server's user when root) in the server's folder. */
    private Run run(List<String> command, int timeoutSeconds, boolean mustSucceed) {
        List<String> full = new ArrayList<>(runAs);
        full.addAll(command);
        try {
            Path out = Files.createTempFile("spendgate-pg-", ".out");
            try {
                ProcessBuilder pb = new ProcessBuilder(full).directory(base.toFile()).redirectErrorStream(true)
                        .redirectOutput(out.toFile());
                Map<String, String> env = pb.environment();
                env.keySet().removeIf(k -> k.startsWith("PG"));
                env.put("LC_ALL", "C");
                env.put("LANG", "C");
                Process p = pb.start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError(String.join(" ", full) + " did not finish within " + timeoutSeconds
                            + " s:\n" + Files.readString(out));
                }
                Run r = new Run(p.exitValue(), Files.readString(out));
                if (mustSucceed && r.exitCode() != 0) {
                    throw new AssertionError(String.join(" ", full) + " exited with " + r.exitCode() + ":\n"
                            + r.output());
                }
                return r;
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + full + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private record Run(int exitCode, String output) {
    }

    /** A port nothing listens on now; the caller retries if it is taken meanwhile. */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError("no free port: " + e, e);
        }
    }
}
