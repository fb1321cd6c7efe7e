package dev.spendgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Manifests read by other tools: a YAML 1.1 loader (SnakeYAML here, as PyYAML, js-yaml and ruamel
 * do) turns an unquoted {@code startsAt: 2026-11-20T09:00:00Z} into a timestamp, which the JSON
 * Schema of {@code spendgate schema} rejects (it wants a string); spendgate itself reads YAML 1.2
 * and takes it quoted or not. So the examples and the README quote it, and the schema says so.
 */
class YamlOneOneTest {

    @TempDir
    Path tmp;

    private static JsonSchema schema() {
        CliRun r = CliRun.of("schema");
        assertEquals(0, r.exitCode(), r.err());
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(r.out());
    }

    /** The documents of {@code file} as a YAML 1.1 loader gives them to a JSON Schema validator. */
    private static List<JsonNode> yaml11(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(Files.readString(file))) {
            if (doc instanceof Map<?, ?> map && "spendgate.dev/v1".equals(map.get("apiVersion"))
                    && Set.of("Experiment", "TrainingJob", "InferenceEndpoint", "LlmWorkflow").contains(map.get("kind"))) {
                out.add(json.valueToTree(doc));
            }
        }
        return out;
    }

    @Test
    void theExampleManifestsPassTheSchemaWhenAYaml11LoaderReadsThem() throws IOException {
        JsonSchema schema = schema();
        List<Path> files;
        try (Stream<Path> all = Files.walk(Path.of("../examples/manifests"))) {
            files = all.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        int checked = 0;
        for (Path f : files) {
            for (JsonNode doc : yaml11(f)) {
                Set<ValidationMessage> errors = schema.validate(doc);
                assertEquals(Set.of(), errors, f.toString());
                checked++;
            }
        }
        assertTrue(checked >= 10, "checked " + checked);
    }

    @Test
    void anUnquotedStartsAtIsATimestampInYaml11AndSpendgateTakesItEitherWay() throws IOException {
        String manifest = """
                apiVersion: spendgate.dev/v1
                kind: Experiment
                metadata: {name: a, team: growth-ml, owner: alice@example.com, environment: dev, costCenter: CC-1}
                spec:
                  purpose: "an experiment"
                  budget: {amount: 100, currency: USD, period: total}
                  ttl: 24h
                  startsAt: %s
                """;
        Path unquoted = Files.writeString(tmp.resolve("unquoted.yaml"), manifest.formatted("2026-11-20T09:00:00Z"));
        Path quoted = Files.writeString(tmp.resolve("quoted.yaml"), manifest.formatted("\"2026-11-20T09:00:00Z\""));

        Object loaded = ((Map<?, ?>) ((Map<?, ?>) new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(unquoted))).get("spec")).get("startsAt");
        assertInstanceOf(java.util.Date.class, loaded, "YAML 1.1 resolves an unquoted date-time to a timestamp");
        JsonSchema schema = schema();
        assertFalse(schema.validate(yaml11(unquoted).get(0)).isEmpty(), "the schema wants a string there");
        assertEquals(Set.of(), schema.validate(yaml11(quoted).get(0)));

        for (Path p : List.of(unquoted, quoted)) {
            CliRun r = CliRun.of("validate", p.toString());
            assertEquals(0, r.exitCode(), p + ": " + r.out() + r.err());
        }
    }
}
