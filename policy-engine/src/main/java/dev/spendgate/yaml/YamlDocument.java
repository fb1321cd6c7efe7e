package dev.spendgate.yaml;

import dev.spendgate.input.SourceMap;

import java.util.Objects;

/**
 * One document of a YAML file.
 *
 * @param index 0-based position of the document in its file
 * @param root  the document's root node; null for an empty document
 */
public record YamlDocument(String file, int index, YamlNode root, SourceMap locations) {

    public YamlDocument {
        Objects.requireNonNull(file, "file == null");
        Objects.requireNonNull(locations, "locations == null");
    }
}
