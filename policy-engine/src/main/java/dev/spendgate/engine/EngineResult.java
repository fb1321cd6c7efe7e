package dev.spendgate.engine;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The detections of one evaluation, plus what the engine wants in the report (OPA's
 * {@code decision_id}, a bundle revision).
 */
public record EngineResult(List<Detection> detections, Map<String, String> metadata) {

    public EngineResult {
        detections = List.copyOf(detections);
        metadata = java.util.Collections.unmodifiableMap(new TreeMap<>(metadata));
    }
}
