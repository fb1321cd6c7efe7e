package dev.spendgate.engine.drools;

import dev.spendgate.engine.Detection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The DRL global {@code detections}: a rule's consequence only reports what fired, where, and
 * with which evidence. One instance per session execution; not thread-safe.
 */
public final class Detections {

    private final List<Detection> collected = new ArrayList<>();

    Detections() {
    }

    /**
     * Rule {@code rule} fired for {@code manifest} because of the key at JSON pointer {@code path}.
     *
     * @param evidence pairs {@code key, value, key, value...}; an absent (null) value becomes "",
     *                 an {@link java.time.Instant} its ISO-8601 text, numbers stay numbers
     */
    public void add(String rule, ManifestFact manifest, String path, Object... evidence) {
        collected.add(new Detection(rule, manifest.getName(), path, evidence(rule, evidence)));
    }

    /** Rule {@code rule} fired for a model at {@code path}; the detection is its manifest's. */
    public void add(String rule, ModelFact model, String path, Object... evidence) {
        add(rule, model.getManifest(), path, evidence);
    }

    /** Rule {@code rule} fired on a manifest's live spend at {@code path}; the detection is its manifest's. */
    public void add(String rule, SpendFact spend, String path, Object... evidence) {
        add(rule, spend.getManifest(), path, evidence);
    }

    List<Detection> collected() {
        return collected;
    }

    private static Map<String, Object> evidence(String rule, Object[] pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException(rule + ": evidence must be key, value pairs");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (!(pairs[i] instanceof String key)) {
                throw new IllegalArgumentException(rule + ": evidence key " + pairs[i] + " is not a string");
            }
            Object value = pairs[i + 1];
            map.put(key, value == null ? "" : value instanceof Instant t ? t.toString() : value);
        }
        return map;
    }
}
