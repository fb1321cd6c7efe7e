package dev.spendgate.input;

import java.util.Objects;

/** A place in a source file: 1-based line and column. */
public record SourceLocation(String file, int line, int column) {

    public SourceLocation {
        Objects.requireNonNull(file, "file == null");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
        }
    }

    /** {@code file:line:column}, the prefix of every message about this place. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
