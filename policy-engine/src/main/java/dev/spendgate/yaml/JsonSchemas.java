package dev.spendgate.yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The JSON Schemas (draft 2020-12) spendgate publishes for editors, one per kind of file it reads
 * ({@code spendgate schema --kind KIND}). Each agrees with the loader of its kind on every file but
 * for the few checks a schema cannot express, which its description lists; the loaders stay
 * authoritative.
 */
public enum JsonSchemas {

    /** Workload manifests ({@code manifest.ManifestLoader}). */
    MANIFEST("manifest", "dev/spendgate/manifest/manifest.schema.json"),
    /** Policy sets ({@code policy.PolicySetLoader}). */
    POLICY_SET("policyset", "dev/spendgate/policy/policyset.schema.json"),
    /** Waivers ({@code policy.WaiverLoader}). */
    WAIVER("waiver", "dev/spendgate/policy/waiver.schema.json"),
    /** Test cases of rule packs ({@code cases.CaseReader}). */
    CASE("case", "dev/spendgate/cases/case.schema.json");

    private final String id;
    private final String resource;

    JsonSchemas(String id, String resource) {
        this.id = id;
        this.resource = resource;
    }

    /** The name users give the kind: {@code manifest}, {@code policyset}, {@code waiver}, {@code case}. */
    public String id() {
        return id;
    }

    /** The classpath resource that holds the schema. */
    public String resource() {
        return resource;
    }

    /** The kind named {@code id}. */
    public static Optional<JsonSchemas> find(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }

    /** The ids, in declaration order. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(JsonSchemas::id).toList();
    }

    /** The schema as JSON text. */
    public String json() {
        try (InputStream in = JsonSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
