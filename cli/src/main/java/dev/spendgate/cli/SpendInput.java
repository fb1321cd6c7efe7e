package dev.spendgate.cli;

import dev.spendgate.spend.SpendException;
import dev.spendgate.spend.SpendOptions;
import dev.spendgate.spend.SpendSource;
import dev.spendgate.spend.SpendSources;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Where live spend comes from; shared by every command that reads it. */
final class SpendInput {

    /** Connect and read timeout of network sources. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Option(names = "--spend", paramLabel = "SOURCE",
            description = "Live spend: a FOCUS export (.csv, .csv.gz or .parquet), a jdbc: URL or an http(s): OpenCost URL. "
                    + "Credentials come from SPENDGATE_SPEND_USER, SPENDGATE_SPEND_PASSWORD and SPENDGATE_SPEND_TOKEN, never from the command line.")
    String source;

    @Option(names = "--spend-table", paramLabel = "TABLE",
            description = "With a jdbc: source: the table or view of FOCUS rows to read.")
    String table;

    @Option(names = "--spend-date-format", paramLabel = "FORMAT",
            description = "With a FOCUS file: the export's own date-time format (strptime, e.g. %%m/%%d/%%y), accepted besides "
                    + "the ISO 8601 with a time zone that FOCUS wants; without %%z or %%Z it is read as UTC. Other values are bad rows.")
    String dateFormat;

    @Option(names = "--jdbc-driver", paramLabel = "JAR",
            description = "A JDBC driver jar to load for a jdbc: source (repeatable; the PostgreSQL driver is built in).")
    List<Path> driverJars = new ArrayList<>();

    @Option(names = "--explain-spend",
            description = "Print what would be asked of the spend source for these manifests (for a jdbc: source, the SQL "
                    + "in its dialect: the aggregate and the bounded query for bad rows) and exit 0 without reading spend.")
    boolean explain;

    /**
     * Lets the source get ready in the background (DuckDB loads its native library) while the
     * run loads manifests and policy; call first thing.
     */
    void prepare() {
        SpendSources.prepare(source);
    }

    /** True when {@code --spend} was given. */
    boolean given() {
        return source != null;
    }

    /**
     * The source, opened for a run at {@code now} (the run's clock, so that sources that ask for a
     * recent window follow {@code --now}); the runner reads it with the query of its policy set.
     * Relative paths are resolved against {@code workDir}; credentials are taken from {@code env}.
     * Only a run that reads spend loads DuckDB or a JDBC driver.
     *
     * @return null when {@code --spend} was not given
     * @throws SpendException when the source cannot be opened (exit 4)
     */
    SpendSource open(Path workDir, Map<String, String> env, Instant now) throws SpendException {
        if (source == null) {
            return null;
        }
        SpendOptions options = new SpendOptions(workDir, table, driverJars.stream().map(workDir::resolve).toList(),
                env, TIMEOUT, java.time.Clock.fixed(now, ZoneOffset.UTC), dateFormat);
        return SpendSources.open(source, options);
    }
}
