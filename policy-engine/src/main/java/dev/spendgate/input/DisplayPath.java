package dev.spendgate.input;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A path as a person or a report names it: as written (relative stays relative), with forward
 * slashes on every platform, so that messages, locations and reports read the same everywhere.
 */
public record DisplayPath(String text) {

    public DisplayPath {
        Objects.requireNonNull(text, "text == null");
        text = text.replace('\\', '/');
    }

    public static DisplayPath of(Path path) {
        return new DisplayPath(path.toString());
    }

    public static DisplayPath of(String path) {
        return new DisplayPath(path);
    }

    @Override
    public String toString() {
        return text;
    }
}
