package dev.spendgate.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.spendgate.yaml.JsonSchemas;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The published schemas, checked by an independent validator (networknt json-schema-validator):
 * each is a valid draft 2020-12 schema, every example names the schema of its kind on its
 * {@code # yaml-language-server: $schema=} line and is valid against it (so do the starter files of
 * {@code spendgate init}), read by an independent
 * YAML parser (snakeyaml-engine, YAML 1.2 as editors read it), and so are the shipped pack cases.
 */
class SchemasTest {

    /** Where the examples' {@code $schema} URLs point: the schema resources on the main branch. */
    static final String PUBLISHED = "https://raw.githubusercontent.com/spendgate/spendgate/main/policy-engine/src/main/resources/";

    private static final Pattern MODELINE = Pattern.compile("(?m)^# yaml-language-server: \\$schema=(\\S+)$");
    private static final Path REPOSITORY = Path.of("..");
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    @Test
    void eachSchemaIsAValidDraft2020_12Schema() {
        JsonSchema meta = FACTORY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        for (JsonSchemas kind : JsonSchemas.values()) {
            Set<ValidationMessage> problems = meta.validate(kind.json(), InputFormat.JSON);
            assertEquals(Set.of(), problems, kind.id());
            assertTrue(kind.json().contains("\"$schema\": \"https://json-schema.org/draft/2020-12/schema\""), kind.id());
        }
    }

    @Test
    void everyExampleNamesTheSchemaOfItsKindAndIsValidAgainstIt() throws Exception {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Stream.of(Files.walk(Path.of("manifests")), Files.walk(Path.of("waivers")), Stream.of(Path.of("policy.yaml")))
                .flatMap(x -> x)) {
            s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
        }
        // and the starter files spendgate init writes
        files.add(REPOSITORY.resolve("cli/src/main/resources/dev/spendgate/cli/init/manifest.yaml"));
        files.add(REPOSITORY.resolve("cli/src/main/resources/dev/spendgate/cli/init/policy.yaml"));
        assertTrue(files.size() >= 14, files.toString());
        for (Path file : files) {
            String text = Files.readString(file);
            Matcher m = MODELINE.matcher(text);
            assertTrue(m.find(), file + " has a # yaml-language-server: $schema= line");
            String url = m.group(1);
            assertFalse(m.find(), file + " has one");
            assertTrue(url.startsWith(PUBLISHED), file + ": " + url);
            List<Object> docs = documents(text);
            assertEquals(1, docs.size(), file.toString());
            JsonSchemas kind = kindOf(docs.get(0));
            assertEquals(kind.resource(), url.substring(PUBLISHED.length()), file + " names the schema of a " + kind.id());
            // the URL names the file in this repository that spendgate schema --kind prints
            assertEquals(Files.readString(REPOSITORY.resolve("policy-engine/src/main/resources").resolve(kind.resource())),
                    kind.json());
            assertEquals(Set.of(), validate(kind, docs.get(0)), file.toString());
        }
    }

    @Test
    void theShippedCasesAreValidAgainstTheCaseSchema() throws Exception {
        int cases = 0;
        try (Stream<Path> s = Files.list(REPOSITORY.resolve("rule-packs/baseline/cases"))) {
            for (Path file : s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                for (Object doc : documents(Files.readString(file))) {
                    assertEquals(Set.of(), validate(JsonSchemas.CASE, doc), file + ": " + ((Map<?, ?>) doc).get("case"));
                    cases++;
                }
            }
        }
        assertTrue(cases > 50, "cases: " + cases);
    }

    @Test
    void theInvalidExampleIsInvalidForTheSchemaToo() throws Exception {
        List<Object> docs = documents(Files.readString(Path.of("invalid/typos.yaml")));
        assertFalse(docs.isEmpty());
        for (Object doc : docs) {
            assertFalse(validate(JsonSchemas.MANIFEST, doc).isEmpty(), String.valueOf(doc));
        }
    }

    private static List<Object> documents(String yaml) {
        List<Object> out = new ArrayList<>();
        new Load(LoadSettings.builder().build()).loadAllFromString(yaml).forEach(d -> {
            if (d != null) {
                out.add(d);
            }
        });
        return out;
    }

    private static JsonSchemas kindOf(Object doc) {
        Object kind = ((Map<?, ?>) doc).get("kind");
        return switch (String.valueOf(kind)) {
            case "PolicySet" -> JsonSchemas.POLICY_SET;
            case "Waiver" -> JsonSchemas.WAIVER;
            default -> JsonSchemas.MANIFEST;
        };
    }

    private static Set<ValidationMessage> validate(JsonSchemas kind, Object doc) {
        JsonNode json = new ObjectMapper().valueToTree(doc);
        return FACTORY.getSchema(kind.json()).validate(json);
    }
}
