package dev.spendgate.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON Schema (draft 2020-12) of {@code spendgate.dev/v1} manifests that the project publishes
 * for editors ({@code spendgate schema}). It agrees with {@link ManifestLoader} on every manifest
 * but for the few checks a schema cannot express, which its description lists.
 */
public final class ManifestSchema {

    /** The classpath resource that holds the schema. */
    public static final String RESOURCE = "dev/spendgate/manifest/manifest.schema.json";

    private ManifestSchema() {
    }

    /** The schema as JSON text. */
    public static String json() {
        try (InputStream in = ManifestSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
