package dev.spendgate.input;


import java.util.Objects;

/**
 * One thing wrong with an input file, said where, then what:
 * {@code examples/x.yaml:12:3: spec.ttl: "36" is not a duration (use 36h)}.
 */
public record Problem(SourceLocation location, String message) implements Comparable<Problem> {

    public Problem {
        Objects.requireNonNull(location, "location == null");
        Objects.requireNonNull(message, "message == null");
    }

    @Override
    public String toString() {
        return location + ": " + message;
    }

    @Override
    public int compareTo(Problem o) {
        int c = location.file().compareTo(o.location.file());
        if (c == 0) {
            c = Integer.compare(location.line(), o.location.line());
        }
        if (c == 0) {
            c = Integer.compare(location.column(), o.location.column());
        }
        return c != 0 ? c : message.compareTo(o.message);
    }
}
