package dev.spendgate.policy;

import dev.spendgate.input.SourceLocation;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of the policy set's {@code alerts.channels}, checked against {@link ChannelTypes}
 * when the policy set was read.
 *
 * @param settings the entry's keys other than {@code type}: a String, or a List of Strings
 * @param location where the entry is written, for messages
 */
public record ChannelConfig(String name, String type, Map<String, Object> settings, SourceLocation location) {

    public ChannelConfig {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(type, "type == null");
        settings = Map.copyOf(settings);
    }

    /** A setting written as text, or null. */
    public String string(String key) {
        Object v = settings.get(key);
        return v instanceof String s ? s : null;
    }

    /** A setting written as text, or {@code otherwise}. */
    public String string(String key, String otherwise) {
        String v = string(key);
        return v == null ? otherwise : v;
    }

    /** A setting written as a list (or one text), or an empty list. */
    @SuppressWarnings("unchecked")
    public List<String> list(String key) {
        Object v = settings.get(key);
        if (v instanceof List<?> l) {
            return (List<String>) l;
        }
        return v instanceof String s ? List.of(s) : List.of();
    }
}
