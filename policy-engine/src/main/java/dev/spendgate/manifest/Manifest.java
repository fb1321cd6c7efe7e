package dev.spendgate.manifest;

import dev.spendgate.input.SourceMap;
import java.util.Map;
import java.util.Objects;

/**
 * One validated workload manifest.
 *
 * @param file      the path it was read from, as given on the command line (forward slashes)
 * @param index     0-based position of the YAML document in its file
 * @param document  the document as parsed (maps, lists, strings, numbers, booleans), for engines
 *                  that take JSON input
 * @param locations where each JSON pointer of the document stands
 */
public record Manifest(
        String file,
        int index,
        WorkloadKind kind,
        Metadata metadata,
        Spec spec,
        Map<String, Object> document,
        SourceMap locations) {

    public Manifest {
        Objects.requireNonNull(file, "file == null");
        Objects.requireNonNull(kind, "kind == null");
        Objects.requireNonNull(metadata, "metadata == null");
        Objects.requireNonNull(spec, "spec == null");
        Objects.requireNonNull(document, "document == null");
        Objects.requireNonNull(locations, "locations == null");
    }

    public String name() {
        return metadata.name();
    }

    /**
     * This manifest with {@code spec} instead of its own, at the same file and locations: a what-if
     * for pricing an alternative. Its {@link #document()} is still the file's.
     */
    public Manifest withSpec(Spec spec) {
        return new Manifest(file, index, kind, metadata, spec, document, locations);
    }
}
