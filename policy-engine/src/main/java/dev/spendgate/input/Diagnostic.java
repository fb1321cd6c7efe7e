package dev.spendgate.input;


import java.util.Comparator;
import java.util.Objects;

/**
 * A non-fatal problem the report carries, e.g. a model the price catalog does not know.
 *
 * @param severity {@code warning}, or {@code info} for what is worth knowing but not a problem
 * @param location where, or null when it is about no file
 * @param code     stable code, e.g. {@code unpriced_model}
 */
public record Diagnostic(String severity, String code, SourceLocation location, String message) {

    /**
     * The order of diagnostics in every report: by file, line and column (numerically, so line 5
     * comes before line 15), then by text; those about no file last.
     */
    public static final Comparator<Diagnostic> ORDER = Comparator
            .comparing((Diagnostic d) -> d.location() == null)
            .thenComparing(d -> d.location() == null ? "" : d.location().file())
            .thenComparingInt(d -> d.location() == null ? 0 : d.location().line())
            .thenComparingInt(d -> d.location() == null ? 0 : d.location().column())
            .thenComparing(Diagnostic::toString);

    public Diagnostic {
        Objects.requireNonNull(severity, "severity == null");
        Objects.requireNonNull(code, "code == null");
        Objects.requireNonNull(message, "message == null");
    }

    public static Diagnostic warning(String code, SourceLocation location, String message) {
        return new Diagnostic("warning", code, location, message);
    }

    /** Something the reader should know that is not a problem, e.g. what a price file left out. */
    public static Diagnostic info(String code, SourceLocation location, String message) {
        return new Diagnostic("info", code, location, message);
    }

    @Override
    public String toString() {
        return (location == null ? "" : location + ": ") + severity + ": " + message;
    }
}
