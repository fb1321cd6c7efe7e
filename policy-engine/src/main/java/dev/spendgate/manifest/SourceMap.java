package dev.spendgate.manifest;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Maps the JSON pointers of one YAML document ({@code /spec/budget/amount}) to where they stand.
 * A pointer to a key that is absent resolves to its nearest present ancestor, so every finding
 * gets a line even when it is about something missing.
 */
public final class SourceMap {

    private final String file;
    private final Map<String, SourceLocation> locations;

    public SourceMap(String file, Map<String, SourceLocation> locations) {
        this.file = Objects.requireNonNull(file, "file == null");
        this.locations = Collections.unmodifiableMap(new TreeMap<>(locations));
    }

    public String file() {
        return file;
    }

    /** The exact location of {@code pointer}, or of its nearest present ancestor; never null. */
    public SourceLocation locate(String pointer) {
        String p = pointer == null ? "" : pointer;
        while (true) {
            SourceLocation at = locations.get(p);
            if (at != null) {
                return at;
            }
            if (p.isEmpty()) {
                return new SourceLocation(file, 1, 1);
            }
            int slash = p.lastIndexOf('/');
            p = slash <= 0 ? "" : p.substring(0, slash);
        }
    }

    /** True when {@code pointer} itself is present in the document. */
    public boolean contains(String pointer) {
        return locations.containsKey(pointer);
    }

    public Map<String, SourceLocation> all() {
        return locations;
    }
}
