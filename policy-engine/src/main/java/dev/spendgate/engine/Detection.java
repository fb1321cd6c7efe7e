package dev.spendgate.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What an engine reports: rule {@code rule} fired for manifest {@code manifest} because of the key
 * at JSON pointer {@code path}, with the numbers it used. Engines detect; the gate decides what a
 * detection means (enforcement, waivers, message).
 *
 * <p>Evidence values are normalised so that every engine yields equal detections: numbers become
 * {@link BigDecimal} without trailing zeros, lists are copied, keys are sorted.
 */
public record Detection(String rule, String manifest, String path, Map<String, Object> evidence) {

    public Detection {
        Objects.requireNonNull(rule, "rule == null");
        Objects.requireNonNull(manifest, "manifest == null");
        Objects.requireNonNull(path, "path == null");
        TreeMap<String, Object> sorted = new TreeMap<>();
        if (evidence != null) {
            evidence.forEach((k, v) -> sorted.put(k, normalise(v)));
        }
        evidence = Collections.unmodifiableMap(sorted);
    }

    /** Turns any number into a plain {@link BigDecimal} and lists into immutable lists. */
    public static Object normalise(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Number n) {
            BigDecimal d = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
            d = d.stripTrailingZeros();
            return d.scale() < 0 ? d.setScale(0) : d;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object o : list) {
                copy.add(normalise(o));
            }
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        return value.toString();
    }
}
