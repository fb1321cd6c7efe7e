package dev.spendgate.manifest;

import dev.spendgate.yaml.JsonSchemas;

/**
 * The JSON Schema (draft 2020-12) of {@code spendgate.dev/v1} manifests that the project publishes
 * for editors ({@code spendgate schema}). It agrees with {@link ManifestLoader} on every manifest
 * but for the few checks a schema cannot express, which its description lists.
 */
public final class ManifestSchema {

    /** The classpath resource that holds the schema. */
    public static final String RESOURCE = JsonSchemas.MANIFEST.resource();

    private ManifestSchema() {
    }

    /** The schema as JSON text. */
    public static String json() {
        return JsonSchemas.MANIFEST.json();
    }
}
