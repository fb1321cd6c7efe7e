package dev.spendgate.manifest;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Manifest metadata. {@code team} and {@code owner} may be null (rules SG-OWN-001/002 report it).
 * {@code tags} holds every tag: the scalar metadata keys other than name, team, owner and
 * environment ({@code costCenter}, {@code project}, ...) and the {@code labels}.
 */
public record Metadata(String name, String team, String owner, Environment environment, Map<String, String> tags) {

    public Metadata {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(environment, "environment == null");
        tags = tags == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(tags));
    }

    public boolean production() {
        return environment == Environment.production;
    }
}
