package dev.spendgate.gate;

import dev.spendgate.manifest.SourceLocation;

import java.util.Objects;

/**
 * A non-fatal problem the report carries, e.g. a model the price catalog does not know.
 *
 * @param location where, or null when it is about no file
 * @param code     stable code, e.g. {@code unpriced_model}
 */
public record Diagnostic(String severity, String code, SourceLocation location, String message) {

    public Diagnostic {
        Objects.requireNonNull(severity, "severity == null");
        Objects.requireNonNull(code, "code == null");
        Objects.requireNonNull(message, "message == null");
    }

    public static Diagnostic warning(String code, SourceLocation location, String message) {
        return new Diagnostic("warning", code, location, message);
    }

    @Override
    public String toString() {
        return (location == null ? "" : location + ": ") + severity + ": " + message;
    }
}
