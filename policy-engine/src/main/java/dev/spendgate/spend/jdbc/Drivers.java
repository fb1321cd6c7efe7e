package dev.spendgate.spend.jdbc;

import dev.spendgate.spend.SpendException;
import dev.spendgate.spend.focus.NativeDuckDb;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The JDBC driver for a URL: first from the extra jars ({@code --jdbc-driver}), in a class loader of
 * their own so that a jar's driver wins over one spendgate ships, then from spendgate's class path.
 * Drivers are used directly ({@link Driver#connect}), not through {@code DriverManager}, which
 * refuses drivers of class loaders other than its caller's. Close it once the connection is closed.
 */
final class Drivers implements AutoCloseable {

    private final URLClassLoader jarLoader;
    private final Driver driver;

    private Drivers(URLClassLoader jarLoader, Driver driver) {
        this.jarLoader = jarLoader;
        this.driver = driver;
    }

    /**
     * The driver that accepts {@code url}.
     *
     * @param jars    extra driver jars, absolute or relative to {@code workDir}
     * @param display the URL without credentials, for messages
     */
    static Drivers find(String url, String display, List<Path> jars, Path workDir, Map<String, String> env)
            throws SpendException {
        URLClassLoader loader = jars.isEmpty() ? null : loader(jars, workDir);
        try {
            Driver found = loader == null ? null : accepting(ServiceLoader.load(Driver.class, loader), url, loader);
            if (found == null && url.regionMatches(true, 0, "jdbc:duckdb:", 0, "jdbc:duckdb:".length())) {
                found = duckDb(env);
            }
            if (found == null) {
                found = accepting(ServiceLoader.load(Driver.class, Drivers.class.getClassLoader()), url, null);
            }
            if (found == null) {
                int colon = display.indexOf(':', "jdbc:".length());
                String scheme = colon > 0 ? display.substring(0, colon + 1) : display;
                String hint = jars.isEmpty()
                        ? " (spendgate ships PostgreSQL's and DuckDB's; add another's jar with --jdbc-driver FILE)"
                        : " in " + jars + " (is it the driver's jar, with its dependencies?)";
                throw new SpendException("spend_unreadable", display + ": no JDBC driver for " + scheme + " URLs" + hint);
            }
            return new Drivers(loader, found);
        } catch (SpendException | RuntimeException e) {
            closeQuietly(loader);
            throw e;
        }
    }

    /** spendgate's DuckDB, with its native library from the user cache; null when it cannot be loaded. */
    private static Driver duckDb(Map<String, String> env) {
        try {
            return NativeDuckDb.driver(env);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    Driver driver() {
        return driver;
    }

    /** The class loader the driver's own code expects as the thread's context class loader. */
    ClassLoader classLoader() {
        return driver.getClass().getClassLoader();
    }

    @Override
    public void close() {
        closeQuietly(jarLoader);
    }

    private static URLClassLoader loader(List<Path> jars, Path workDir) throws SpendException {
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars) {
            Path p = workDir.resolve(jar);
            if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
                throw new SpendException("spend_unreadable", "--jdbc-driver " + jar + ": "
                        + (Files.exists(p) ? "not a readable file" : "no such file"));
            }
            try {
                urls.add(p.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new SpendException("spend_unreadable", "--jdbc-driver " + jar + ": " + e.getMessage(), e);
            }
        }
        // the platform loader as parent: java.sql, and nothing of spendgate's class path
        return new URLClassLoader("spendgate-jdbc-drivers", urls.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader());
    }

    private static Driver accepting(ServiceLoader<Driver> drivers, String url, ClassLoader only) {
        Iterator<Driver> it = drivers.iterator();
        // bounded: a provider file that keeps failing must not keep the loop going
        for (int tries = 0; tries < 1000; tries++) {
            Driver d;
            try {
                if (!it.hasNext()) {
                    return null;
                }
                d = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                // a broken driver on the path (missing dependency): try the others
                continue;
            }
            if (only != null && d.getClass().getClassLoader() != only) {
                continue;
            }
            try {
                if (d.acceptsURL(url)) {
                    return d;
                }
            } catch (SQLException | RuntimeException e) {
                // a driver that cannot even look at the URL is not the one
            }
        }
        return null;
    }

    private static void closeQuietly(URLClassLoader loader) {
        if (loader != null) {
            try {
                loader.close();
            } catch (IOException e) {
                // only open jar files to release
            }
        }
    }
}
