package dev.spendgate.yaml;

import dev.spendgate.input.SourceLocation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML node that remembers where it stands. Scalars hold a {@link String}, {@link Long},
 * {@link java.math.BigDecimal}, {@link Boolean} or null, resolved by the YAML 1.2 core schema.
 */
public sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Mapping, YamlNode.Sequence {

    /** Where the node starts (for a mapping value: where its key starts). */
    SourceLocation location();

    /** JSON pointer of the node in its document, e.g. {@code /spec/models/0/name}. */
    String pointer();

    /** The node as plain Java values: maps, lists, strings, numbers, booleans and nulls. */
    Object toPlain();

    /** What the node is, in words for messages: {@code a mapping}, {@code a list}, {@code a number}, ... */
    String describe();

    /**
     * A scalar.
     *
     * @param quoted true when the scalar was written in quotes or as a block (always a string)
     */
    record Scalar(Object value, String text, boolean quoted, SourceLocation location, String pointer) implements YamlNode {
        @Override
        public Object toPlain() {
            return value;
        }

        @Override
        public String describe() {
            if (value == null) {
                return "null";
            }
            if (value instanceof String) {
                return "a string";
            }
            if (value instanceof Boolean) {
                return "a boolean";
            }
            return "a number";
        }
    }

    /** A mapping with string keys, in document order. */
    record Mapping(Map<String, Entry> entries, SourceLocation location, String pointer) implements YamlNode {
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        public YamlNode get(String key) {
            Entry e = entries.get(key);
            return e == null ? null : e.value();
        }

        @Override
        public Object toPlain() {
            Map<String, Object> out = new LinkedHashMap<>();
            entries.forEach((k, e) -> out.put(k, e.value().toPlain()));
            return Collections.unmodifiableMap(out);
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    /** One key of a mapping: where the key stands and its value. */
    record Entry(String key, SourceLocation keyLocation, YamlNode value) {
    }

    /** A sequence. */
    record Sequence(List<YamlNode> items, SourceLocation location, String pointer) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public Object toPlain() {
            List<Object> out = new ArrayList<>(items.size());
            for (YamlNode n : items) {
                out.add(n.toPlain());
            }
            return Collections.unmodifiableList(out);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }
}
