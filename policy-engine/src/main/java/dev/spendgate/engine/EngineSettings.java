package dev.spendgate.engine;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Load-time settings of an engine (an OPA URL, timeouts), as string options; each engine documents
 * the keys it reads. Per-run input goes in {@link EvaluationInput}, never here. Values of keys that
 * name a secret ({@code token}, {@code password}) are never shown by {@link #toString()}.
 */
public record EngineSettings(Map<String, String> options) {

    public EngineSettings {
        options = java.util.Collections.unmodifiableMap(new TreeMap<>(options));
    }

    public static EngineSettings none() {
        return new EngineSettings(Map.of());
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(options.get(key));
    }

    @Override
    public String toString() {
        TreeMap<String, String> shown = new TreeMap<>(options);
        shown.replaceAll((k, v) -> secret(k) ? "***" : v);
        return "EngineSettings" + shown;
    }

    private static boolean secret(String key) {
        String k = key.toLowerCase(java.util.Locale.ROOT);
        return k.contains("token") || k.contains("password") || k.contains("secret");
    }
}
