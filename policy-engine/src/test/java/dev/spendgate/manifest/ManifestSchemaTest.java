package dev.spendgate.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.spendgate.error.InvalidInputException;
import dev.spendgate.yaml.Fields;
import dev.spendgate.yaml.YamlFile;
import dev.spendgate.yaml.YamlReader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The published JSON Schema and the validator agree: a corpus of valid manifests and of invalid
 * ones, each with a single defect, goes through both.
 */
class ManifestSchemaTest {

    private static final String FULL = ManifestLoaderTest.full();
    private static final String MINIMAL = ManifestLoaderTest.minimal("bare");

    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(ManifestSchema.json());

    private record Case(String name, String yaml, boolean valid) {
    }

    private static Case valid(String name, String yaml) {
        return new Case(name, yaml, true);
    }

    /** {@code FULL} with one defect: {@code from} replaced by {@code to}, which must occur. */
    private static Case defect(String name, String from, String to) {
        assertTrue(FULL.contains(from), from);
        return new Case(name, FULL.replace(from, to), false);
    }

    private static Case invalid(String name, String yaml) {
        return new Case(name, yaml, false);
    }

    private static List<Case> corpus() {
        List<Case> c = new ArrayList<>();
        c.add(valid("the design example", FULL));
        c.add(valid("only the required keys", MINIMAL));
        c.add(valid("a training job", FULL.replace("kind: Experiment", "kind: TrainingJob")));
        c.add(valid("an inference endpoint", FULL.replace("kind: Experiment", "kind: InferenceEndpoint")));
        c.add(valid("an LLM workflow", FULL.replace("kind: Experiment", "kind: LlmWorkflow")));
        c.add(valid("production without owner, team, budget or ttl", MINIMAL.replace("environment: dev", "environment: production")));
        c.add(valid("tags and labels", MINIMAL.replace("environment: dev",
                "environment: dev\n  costCenter: \"4410\"\n  project: churn\n  labels: {tier: gold, app.kubernetes.io/name: x}")));
        c.add(valid("a negative budget is the budget rule's to report", FULL.replace("amount: 800", "amount: -5")));
        c.add(valid("a zero budget", FULL.replace("amount: 800", "amount: 0")));
        c.add(valid("a decimal budget", FULL.replace("amount: 800", "amount: 799.99")));
        c.add(valid("a monthly budget", FULL.replace("period: total", "period: monthly")));
        c.add(valid("a budget without amount", FULL.replace("amount: 800, ", "")));
        c.add(valid("an offset instant", FULL.replace("09:00:00Z", "10:00:00+01:00")));
        c.add(valid("an instant with fractions", FULL.replace("09:00:00Z", "09:00:00.250Z")));
        c.add(valid("ttl in weeks", FULL.replace("ttl: 24h", "ttl: 2w")));
        c.add(valid("the longest ttl", FULL.replace("ttl: 24h", "ttl: 999999h")));
        c.add(valid("no models", FULL.substring(0, FULL.indexOf("  models:")) + "  models: []\n"
                + FULL.substring(FULL.indexOf("  compute:"))));
        c.add(valid("a schedule to midnight", FULL.replace("08:00-20:00", "08:00-24:00")));
        c.add(valid("boundaries", FULL.replace("expectedUtilization: 0.65", "expectedUtilization: 1")
                .replace("hoursPerDay: 24", "hoursPerDay: 0").replace("gpuCount: 8", "gpuCount: 100000")
                .replace("maxRetries: 2", "maxRetries: 0")));
        c.add(valid("anchors and aliases", MINIMAL.replace("spec: {}",
                "spec:\n  models:\n    - &m {name: a, maxOutputTokens: 10}\n    - *m")));
        c.add(valid("hexadecimal integers are integers", FULL.replace("gpuCount: 8", "gpuCount: 0x8")));
        c.add(valid("batch, cache writes and search units", FULL.replace("      maxRetries: 2",
                "      maxRetries: 2\n      batch: true\n      cacheWritesPerDay: 24\n      searchUnitsPerRequest: 3")));
        c.add(valid("no cache writes with caching off", FULL.replace("promptCaching: true", "promptCaching: false")
                .replace("      maxRetries: 2", "      maxRetries: 2\n      batch: false")));

        c.add(defect("an unknown top-level key", "kind: Experiment", "kind: Experiment\nstatus: done"));
        c.add(defect("an unknown spec key", "  budget: {", "  bugdet: {"));
        c.add(defect("an unknown budget key", "currency: USD", "curency: USD"));
        c.add(defect("an unknown model key", "      maxRetries: 2", "      maxRetry: 2"));
        c.add(defect("an unknown compute key", "    gpuCount: 8", "    gpus: 8"));
        c.add(defect("an unknown schedule key", "weekdaysOnly: true", "weekdayOnly: true"));
        c.add(defect("another apiVersion", "spendgate.dev/v1", "spendgate.dev/v2"));
        c.add(defect("no apiVersion", "apiVersion: spendgate.dev/v1\n", ""));
        c.add(defect("no kind", "kind: Experiment\n", ""));
        c.add(invalid("no metadata", "apiVersion: spendgate.dev/v1\nkind: Experiment\nspec: {}\n"));
        c.add(invalid("no spec", MINIMAL.replace("spec: {}\n", "")));
        c.add(defect("no metadata.name", "  name: churn-classifier-ft\n", ""));
        c.add(defect("no metadata.environment", "  environment: dev\n", ""));
        c.add(defect("a model without name", "    - name: gpt-4o-mini\n      provider", "    - provider"));
        c.add(defect("a bad kind", "kind: Experiment", "kind: Experimnt"));
        c.add(defect("a bad environment", "environment: dev", "environment: prod"));
        c.add(defect("a bad task type", "taskType: classification", "taskType: Classification"));
        c.add(defect("a bad model tier", "modelTier: small", "modelTier: huge"));
        c.add(defect("a bad budget period", "period: total", "period: yearly"));
        c.add(defect("a bad capacity", "capacity: spot", "capacity: preemptible"));
        c.add(defect("a currency other than USD", "currency: USD", "currency: EUR"));
        c.add(defect("a ttl without unit", "ttl: 24h", "ttl: \"36\""));
        c.add(defect("a ttl as a number", "ttl: 24h", "ttl: 36"));
        c.add(defect("a ttl in minutes", "ttl: 24h", "ttl: 90m"));
        c.add(defect("a zero ttl", "ttl: 24h", "ttl: 0h"));
        c.add(defect("a ttl too long", "ttl: 24h", "ttl: 1000000h"));
        c.add(defect("an empty ttl", "ttl: 24h", "ttl:"));
        c.add(defect("an instant without zone", "startsAt: 2026-11-20T09:00:00Z", "startsAt: 2026-11-20T09:00:00"));
        c.add(defect("a date for an instant", "startsAt: 2026-11-20T09:00:00Z", "startsAt: 2026-11-20"));
        c.add(defect("an impossible hour", "startsAt: 2026-11-20T09:00:00Z", "startsAt: 2026-11-20T25:00:00Z"));
        c.add(defect("a name with capitals", "name: churn-classifier-ft", "name: Churn-FT"));
        c.add(defect("a name with underscores", "name: churn-classifier-ft", "name: churn_ft"));
        c.add(defect("a name ending in a dash", "name: churn-classifier-ft", "name: churn-"));
        c.add(defect("a name too long", "name: churn-classifier-ft", "name: " + "a".repeat(64)));
        c.add(defect("a number for a string", "purpose: \"fine-tune a small model for churn classification\"",
                "purpose: 42"));
        c.add(defect("a number for the team", "team: growth-ml", "team: 42"));
        c.add(defect("a number for a tag", "costCenter: CC-4410", "costCenter: 4410"));
        c.add(defect("a mapping for a tag", "project: churn", "project: {name: churn}"));
        c.add(defect("a list for labels", "labels: {tier: gold}", "labels: [gold]"));
        c.add(defect("a number for a label", "labels: {tier: gold}", "labels: {tier: 1}"));
        c.add(invalid("a list for metadata", MINIMAL.replace("metadata:\n  name: bare\n  environment: dev",
                "metadata: [bare]")));
        c.add(invalid("a list for spec", MINIMAL.replace("spec: {}", "spec: []")));
        c.add(invalid("a mapping for models", MINIMAL.replace("spec: {}", "spec: {models: {name: a}}")));
        c.add(invalid("a string for a model", MINIMAL.replace("spec: {}", "spec: {models: [gpt-4o]}")));
        c.add(defect("a string for gpuCount", "gpuCount: 8", "gpuCount: eight"));
        c.add(defect("a fraction for gpuCount", "gpuCount: 8", "gpuCount: 1.5"));
        c.add(defect("a string for promptCaching", "promptCaching: true", "promptCaching: yes"));
        c.add(defect("a string for the amount", "amount: 800", "amount: \"800\""));
        c.add(defect("no GPUs", "gpuCount: 8", "gpuCount: 0"));
        c.add(defect("too many GPUs", "gpuCount: 8", "gpuCount: 100001"));
        c.add(defect("an absurd budget", "amount: 800", "amount: 1e13"));
        c.add(defect("an absurd negative budget", "amount: 800", "amount: -2e12"));
        c.add(defect("zero output tokens", "maxOutputTokens: 512", "maxOutputTokens: 0"));
        c.add(defect("absurd tokens", "maxInputTokens: 8000", "maxInputTokens: 10000000000"));
        c.add(defect("negative tokens", "systemPromptTokens: 350", "systemPromptTokens: -1"));
        c.add(defect("too many retries", "maxRetries: 2", "maxRetries: 101"));
        c.add(defect("utilization above one", "expectedUtilization: 0.65", "expectedUtilization: 1.5"));
        c.add(defect("negative utilization", "expectedUtilization: 0.65", "expectedUtilization: -0.1"));
        c.add(defect("more than 24 hours a day", "hoursPerDay: 24", "hoursPerDay: 25"));
        c.add(defect("negative hours", "hours: 12", "hours: -1"));
        c.add(defect("bad active hours", "08:00-20:00", "8-20"));
        c.add(defect("a string for batch", "      maxRetries: 2", "      maxRetries: 2\n      batch: \"yes\""));
        c.add(defect("zero search units", "      maxRetries: 2", "      maxRetries: 2\n      searchUnitsPerRequest: 0"));
        c.add(defect("negative cache writes", "      maxRetries: 2", "      maxRetries: 2\n      cacheWritesPerDay: -1"));
        c.add(defect("cache writes without caching", "promptCaching: true", "promptCaching: false\n      cacheWritesPerDay: 24"));
        c.add(defect("cache writes without promptCaching", "      promptCaching: true\n", "      cacheWritesPerDay: 24\n"));
        c.add(invalid("not a mapping", "- a\n- b\n"));
        return c;
    }

    @TestFactory
    Stream<DynamicTest> theSchemaAndTheValidatorAgree() {
        return corpus().stream().map(c -> DynamicTest.dynamicTest(c.name, () -> {
            YamlFile f = new YamlReader().read("corpus.yaml", c.yaml);
            assertEquals(List.of(), f.problems(), c.yaml);
            var root = f.documents().get(0).root();
            List<String> validator = new ArrayList<>();
            try {
                new ManifestLoader().load(root, "corpus.yaml", 0);
            } catch (InvalidInputException e) {
                e.problems().forEach(p -> validator.add(p.toString()));
            }
            JsonNode json = new ObjectMapper().valueToTree(root.toPlain());
            Set<ValidationMessage> schema = SCHEMA.validate(json);
            assertEquals(c.valid, validator.isEmpty(), () -> "validator: " + validator + "\n" + c.yaml);
            assertEquals(c.valid, schema.isEmpty(), () -> "schema: " + schema + "\n" + c.yaml);
        }));
    }

    @Test
    void theSchemaUsesTheValidatorsPatterns() {
        String schema = ManifestSchema.json();
        for (String pattern : List.of(Fields.DURATION.pattern(), Fields.INSTANT.pattern(),
                ManifestParser.DNS_LABEL.pattern(), ManifestParser.ACTIVE_HOURS.pattern())) {
            String json = ("\"^" + pattern + "$\"").replace("\\", "\\\\");
            assertTrue(schema.contains(json), () -> "schema lacks " + json);
        }
        assertTrue(schema.contains("\"$schema\": \"https://json-schema.org/draft/2020-12/schema\""));
    }
}
