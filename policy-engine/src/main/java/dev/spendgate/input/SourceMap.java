package dev.spendgate.input;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Maps the JSON pointers of one YAML document ({@code /spec/budget/amount}) to where they stand.
 * A pointer to a key that is absent resolves to its nearest present ancestor, so every finding
 * gets a line even when it is about something missing.
 *
 * <p>Held compactly (sorted pointers and packed line/column pairs): a large run keeps one map
 * per manifest in memory until its report is written.
 */
public final class SourceMap {

    private final String file;
    private final String[] pointers;
    private final long[] positions;

    public SourceMap(String file, Map<String, SourceLocation> locations) {
        this.file = Objects.requireNonNull(file, "file == null");
        TreeMap<String, SourceLocation> sorted = new TreeMap<>(locations);
        this.pointers = sorted.keySet().toArray(new String[0]);
        this.positions = new long[pointers.length];
        int i = 0;
        for (SourceLocation at : sorted.values()) {
            positions[i++] = ((long) at.line() << 32) | (at.column() & 0xffffffffL);
        }
    }

    public String file() {
        return file;
    }

    /** The exact location of {@code pointer}, or of its nearest present ancestor; never null. */
    public SourceLocation locate(String pointer) {
        String p = pointer == null ? "" : pointer;
        while (true) {
            int i = Arrays.binarySearch(pointers, p);
            if (i >= 0) {
                return at(i);
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
        return Arrays.binarySearch(pointers, pointer) >= 0;
    }

    /** Every pointer with its location, sorted by pointer. */
    public Map<String, SourceLocation> all() {
        Map<String, SourceLocation> out = new LinkedHashMap<>();
        for (int i = 0; i < pointers.length; i++) {
            out.put(pointers[i], at(i));
        }
        return Collections.unmodifiableMap(out);
    }

    private SourceLocation at(int i) {
        return new SourceLocation(file, (int) (positions[i] >>> 32), (int) positions[i]);
    }
}
