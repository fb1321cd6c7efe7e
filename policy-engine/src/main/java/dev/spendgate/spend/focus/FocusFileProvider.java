package dev.spendgate.spend.focus;

import dev.spendgate.input.DisplayPath;
import dev.spendgate.spend.SpendException;
import dev.spendgate.spend.SpendOptions;
import dev.spendgate.spend.SpendSource;
import dev.spendgate.spend.SpendSourceProvider;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/** FOCUS exports as files: {@code .csv}, {@code .csv.gz} or {@code .parquet}; anything that is not a URL. */
public final class FocusFileProvider implements SpendSourceProvider {

    @Override
    public String id() {
        return "file";
    }

    @Override
    public boolean accepts(String spec) {
        String s = spec.toLowerCase(Locale.ROOT);
        return !s.startsWith("jdbc:") && !s.startsWith("http://") && !s.startsWith("https://");
    }

    /**
     * Starts DuckDB in the background: the first connection loads its native library (some 70 MB,
     * from the user cache once {@link NativeDuckDb} has extracted it there), which then overlaps
     * with loading the manifests and the policy. A failure here is left for the read to report.
     */
    @Override
    public void prepare(String spec) {
        Thread t = new Thread(() -> FocusFileSource.warmUp(System.getenv()), "spendgate-duckdb-start");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public SpendSource open(String spec, SpendOptions options) throws SpendException {
        Path path;
        try {
            path = options.workDir().resolve(spec);
        } catch (InvalidPathException e) {
            throw new SpendException("spend_unreadable", spec + ": not a file path: " + e.getReason());
        }
        return new FocusFileSource(path, DisplayPath.of(spec).text(), options.dateFormat(), options.env());
    }
}
