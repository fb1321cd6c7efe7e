package dev.spendgate.spend;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach a spend source, apart from the source itself (load-time configuration).
 *
 * @param workDir     relative file paths are resolved against it (and named from it in messages)
 * @param table       the table or view of a warehouse source ({@code --spend-table}); null for the default
 * @param driverJars  extra JDBC driver jars to load ({@code --jdbc-driver})
 * @param env         the environment, for credentials ({@code SPENDGATE_SPEND_USER},
 *                    {@code SPENDGATE_SPEND_PASSWORD}, {@code SPENDGATE_SPEND_TOKEN}); never printed
 * @param timeout     connect and read timeout of network sources
 * @param clock       what "now" is for sources that must ask for a time window (a cost API);
 *                    {@code --now} fixes it
 * @param dateFormat  an export's own date-time format (DuckDB strptime, e.g. {@code %m/%d/%y}),
 *                    accepted besides the ISO 8601 with a time zone that FOCUS wants; a format
 *                    without {@code %z} or {@code %Z} is read as UTC; null for ISO 8601 only
 *                    ({@code --spend-date-format})
 */
public record SpendOptions(Path workDir, String table, List<Path> driverJars, Map<String, String> env,
                           Duration timeout, Clock clock, String dateFormat) {

    public SpendOptions {
        Objects.requireNonNull(workDir, "workDir == null");
        driverJars = List.copyOf(driverJars);
        env = Map.copyOf(env);
        Objects.requireNonNull(timeout, "timeout == null");
        Objects.requireNonNull(clock, "clock == null");
        dateFormat = dateFormat == null || dateFormat.isBlank() ? null : dateFormat;
    }

    /** Options for ISO 8601 date-times only. */
    public SpendOptions(Path workDir, String table, List<Path> driverJars, Map<String, String> env,
                        Duration timeout, Clock clock) {
        this(workDir, table, driverJars, env, timeout, clock, null);
    }

    /** Options on the system clock (UTC). */
    public SpendOptions(Path workDir, String table, List<Path> driverJars, Map<String, String> env,
                        Duration timeout) {
        this(workDir, table, driverJars, env, timeout, Clock.systemUTC());
    }

    /** Files relative to the working directory, no table, no extra drivers, 30-second timeouts. */
    public static SpendOptions defaults(Map<String, String> env) {
        return new SpendOptions(Path.of(""), null, List.of(), env, Duration.ofSeconds(30));
    }
}
