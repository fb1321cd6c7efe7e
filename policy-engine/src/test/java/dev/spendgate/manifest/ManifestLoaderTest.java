package dev.spendgate.manifest;

import dev.spendgate.error.InvalidInputException;
import dev.spendgate.input.Problem;
import dev.spendgate.yaml.Ttl;
import dev.spendgate.yaml.YamlFile;
import dev.spendgate.yaml.YamlNode;
import dev.spendgate.yaml.YamlReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManifestLoaderTest {

    /** The example of DESIGN section 2. */
    static String full() {
        try (InputStream in = ManifestLoaderTest.class.getResourceAsStream("/manifest/full.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A minimal valid manifest named {@code name}. */
    static String minimal(String name) {
        return """
                apiVersion: spendgate.dev/v1
                kind: Experiment
                metadata:
                  name: %s
                  environment: dev
                spec: {}
                """.formatted(name);
    }

    @TempDir
    Path dir;

    private final ManifestLoader loader = new ManifestLoader();

    private void write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private List<String> problems(String... paths) {
        return loader.read(dir, List.of(paths)).problems().stream().map(Problem::toString).toList();
    }

    private List<String> problemsOf(String yaml) throws IOException {
        write("m.yaml", yaml);
        return problems("m.yaml");
    }

    @Test
    void theDesignExampleLoadsIntoRecords() throws Exception {
        write("examples/churn.yaml", full());
        Manifest m = loader.load(dir, List.of("examples")).get(0);
        assertEquals("examples/churn.yaml", m.file());
        assertEquals(0, m.index());
        assertEquals(WorkloadKind.Experiment, m.kind());
        assertEquals("churn-classifier-ft", m.name());
        assertEquals(new Metadata("churn-classifier-ft", "growth-ml", "alice@example.com", Environment.dev,
                Map.of("costCenter", "CC-4410", "project", "churn", "tier", "gold")), m.metadata());
        Spec s = m.spec();
        assertEquals("fine-tune a small model for churn classification", s.purpose());
        assertEquals(TaskType.classification, s.taskType());
        assertEquals(ModelTier.small, s.modelTier());
        assertEquals("baseline comparison", s.justification());
        assertEquals(new Budget(new BigDecimal("800"), "USD", BudgetPeriod.total), s.budget());
        assertEquals(new Ttl("24h", Duration.ofHours(24)), s.ttl());
        assertEquals(Instant.parse("2026-11-20T09:00:00Z"), s.startsAt());
        assertEquals(List.of(new ModelUse("gpt-4o-mini", "openai", 512L, 8000L, 350L, 20000L, 1200L, 300L, true, 2)),
                s.models());
        assertEquals(new Compute("H100", 8, new BigDecimal("12"), new BigDecimal("24"), Capacity.SPOT,
                new Schedule("08:00-20:00", "Europe/Berlin", true), new BigDecimal("0.65")), s.compute());
        assertEquals("spendgate.dev/v1", m.document().get("apiVersion"));
        assertEquals(800L, ((Map<?, ?>) ((Map<?, ?>) m.document().get("spec")).get("budget")).get("amount"));
        assertEquals("examples/churn.yaml:16:12", m.locations().locate("/spec/budget/amount").toString());
        assertEquals("examples/churn.yaml:20:7", m.locations().locate("/spec/models/0/name").toString());
        assertEquals("examples/churn.yaml:20:7", m.locations().locate("/spec/models/0/maxBogus").toString());
    }

    @Test
    void optionalPartsMayBeAbsent() throws Exception {
        write("m.yaml", minimal("bare"));
        Manifest m = loader.load(dir, List.of("m.yaml")).get(0);
        assertNull(m.metadata().team());
        assertNull(m.metadata().owner());
        assertNull(m.spec().budget());
        assertNull(m.spec().ttl());
        assertEquals(List.of(), m.spec().models());
        assertEquals(Map.of(), m.metadata().tags());
    }

    @Test
    void discoveryIsRecursiveSortedAndSkipsBuildFolders() throws Exception {
        write("b/two.yml", minimal("two"));
        write("a/one.yaml", minimal("one"));
        write("a/z/three.YAML", minimal("three"));
        write("a/notes.txt", minimal("not-yaml"));
        write(".git/x.yaml", minimal("in-git"));
        write("a/target/x.yaml", minimal("in-target"));
        write("node_modules/x.yaml", minimal("in-node-modules"));
        List<Manifest> ms = loader.load(dir, List.of("."));
        assertEquals(List.of("a/one.yaml", "a/z/three.YAML", "b/two.yml"), ms.stream().map(Manifest::file).toList());
        // named explicitly, a skipped folder is read
        assertEquals(List.of("in-target"), loader.load(dir, List.of("a/target")).stream().map(Manifest::name).toList());
        // found twice, listed once
        assertEquals(3, loader.load(dir, List.of("a", ".", "a/one.yaml")).size());
    }

    @Test
    void theDefaultIsTheManifestFolderWhenPresent() throws Exception {
        write("elsewhere.yaml", minimal("elsewhere"));
        assertEquals(List.of("."), ManifestLoader.defaultPaths(dir));
        assertEquals(List.of("elsewhere.yaml"), loader.load(dir, List.of()).stream().map(Manifest::file).toList());
        write(".spendgate/manifests/here.yaml", minimal("here"));
        assertEquals(List.of(".spendgate/manifests"), ManifestLoader.defaultPaths(dir));
        assertEquals(List.of(".spendgate/manifests/here.yaml"),
                loader.load(dir, null).stream().map(Manifest::file).toList());
    }

    @Test
    void otherDocumentsAreSkipped() throws Exception {
        write("multi.yaml", minimal("first") + """
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                ---
                apiVersion: spendgate.dev/v1
                kind: PolicySet
                metadata: {name: acme}
                ---
                apiVersion: spendgate.dev/v1
                kind: Waiver
                ---
                apiVersion: spendgate.dev/v1
                kind: PriceCatalog
                ---
                ---
                - a list
                ---
                just text
                ---
                """ + minimal("second"));
        List<Manifest> ms = loader.load(dir, List.of("multi.yaml"));
        assertEquals(List.of("first", "second"), ms.stream().map(Manifest::name).toList());
        assertEquals(List.of(0, 8), ms.stream().map(Manifest::index).toList());
        assertEquals("multi.yaml:30:3", ms.get(1).locations().locate("/metadata/name").toString());
    }

    @Test
    void onlyVersionOneIsRead() throws Exception {
        assertEquals(List.of("m.yaml:1:1: apiVersion: \"spendgate.dev/v2\" is not supported (use spendgate.dev/v1)"),
                problemsOf(minimal("x").replace("/v1", "/v2")));
        assertEquals(List.of("m.yaml:1:1: apiVersion: required key is missing (use spendgate.dev/v1)"),
                problemsOf(minimal("x").replace("apiVersion: spendgate.dev/v1\n", "")));
    }

    @Test
    void everyProblemIsReportedAtOnce() throws Exception {
        assertEquals(List.of(
                "m.yaml:1:1: spec: required key is missing",
                "m.yaml:2:1: kind: \"Experimnt\" is not one of Experiment, TrainingJob, InferenceEndpoint, LlmWorkflow,"
                        + " did you mean Experiment?",
                "m.yaml:3:1: metadata.environment: required key is missing",
                "m.yaml:4:3: metadata.name: \"Churn_FT\" is not a lowercase DNS label (a-z, 0-9 and '-', starting"
                        + " and ending with a letter or digit, at most 63 characters)",
                "m.yaml:5:3: metadata.onwer: unknown key, did you mean owner?",
                "m.yaml:6:3: metadata.costCenter: expected a string, got a number (4410) (quote it: \"4410\")",
                "m.yaml:7:1: sepc: unknown key, did you mean spec?"),
                problemsOf("""
                        apiVersion: spendgate.dev/v1
                        kind: Experimnt
                        metadata:
                          name: Churn_FT
                          onwer: alice@example.com
                          costCenter: 4410
                        sepc: {}
                        """));
    }

    @Test
    void unknownKeysAtEveryLevelGetADidYouMean() throws Exception {
        String yaml = full()
                .replace("  budget: {amount", "  bugdet: {amount")
                .replace("      maxRetries: 2", "      maxRetires: 2")
                .replace("    gpuCount: 8", "    gpuCuont: 8")
                .replace("weekdaysOnly: true", "weekdayOnly: true")
                .replace("currency: USD,", "curency: USD,")
                .replace("kind: Experiment", "kind: Experiment\nstatus: done");
        assertEquals(List.of(
                "m.yaml:3:1: status: unknown key (expected one of apiVersion, kind, metadata, spec)",
                "m.yaml:17:3: spec.bugdet: unknown key, did you mean budget?",
                "m.yaml:30:7: spec.models[0].maxRetires: unknown key, did you mean maxRetries?",
                "m.yaml:33:5: spec.compute.gpuCuont: unknown key, did you mean gpuCount?",
                "m.yaml:37:69: spec.compute.schedule.weekdayOnly: unknown key, did you mean weekdaysOnly?"),
                problemsOf(yaml.replace("curency", "currency")));
        assertEquals(List.of("m.yaml:16:25: spec.budget.curency: unknown key, did you mean currency?"),
                problemsOf(full().replace("currency: USD,", "curency: USD,")));
    }

    @Test
    void wrongTypesBadEnumsDurationsInstantsAndRanges() throws Exception {
        String yaml = full()
                .replace("taskType: classification", "taskType: Classification")
                .replace("modelTier: small", "modelTier: huge")
                .replace("ttl: 24h", "ttl: 36")
                .replace("startsAt: 2026-11-20T09:00:00Z", "startsAt: 2026-11-20 09:00")
                .replace("amount: 800, currency: USD, period: total", "amount: 1e13, currency: EUR, period: yearly")
                .replace("maxOutputTokens: 512", "maxOutputTokens: -5")
                .replace("requestsPerDay: 20000", "requestsPerDay: 2000000000")
                .replace("promptCaching: true", "promptCaching: yes")
                .replace("gpuCount: 8", "gpuCount: 0")
                .replace("hours: 12", "hours: twelve")
                .replace("capacity: spot", "capacity: spto")
                .replace("timezone: Europe/Berlin", "timezone: Europe/Berlni")
                .replace("activeHours: \"08:00-20:00\"", "activeHours: \"8-20\"")
                .replace("expectedUtilization: 0.65", "expectedUtilization: 65")
                .replace("environment: dev", "environment: prod");
        assertEquals(List.of(
                "m.yaml:7:3: metadata.environment: \"prod\" is not one of dev, staging, production,"
                        + " did you mean production?",
                "m.yaml:13:3: spec.taskType: \"Classification\" is not one of classification, extraction, routing,"
                        + " summarisation, embedding, generation, reasoning, training, other,"
                        + " did you mean classification?",
                "m.yaml:14:3: spec.modelTier: \"huge\" is not one of small, mid, frontier",
                "m.yaml:16:12: spec.budget.amount: 1e13 is out of range (-1000000000000 to 1000000000000)",
                "m.yaml:16:26: spec.budget.currency: \"EUR\" is not supported (budgets are in USD for now)",
                "m.yaml:16:41: spec.budget.period: \"yearly\" is not one of total, monthly",
                "m.yaml:17:3: spec.ttl: \"36\" is not a duration (use 36h)",
                "m.yaml:18:3: spec.startsAt: \"2026-11-20 09:00\" is not an instant (use ISO-8601 with a zone,"
                        + " e.g. 2026-11-20T09:00:00Z)",
                "m.yaml:22:7: spec.models[0].maxOutputTokens: -5 is out of range (1 to 1000000000)",
                "m.yaml:25:7: spec.models[0].requestsPerDay: 2000000000 is out of range (0 to 1000000000)",
                "m.yaml:28:7: spec.models[0].promptCaching: expected a boolean, got a string (\"yes\")"
                        + " (YAML 1.2: write true or false)",
                "m.yaml:32:5: spec.compute.gpuCount: 0 is out of range (1 to 100000)",
                "m.yaml:33:5: spec.compute.hours: expected a number, got a string (\"twelve\")",
                "m.yaml:35:5: spec.compute.capacity: \"spto\" is not one of spot, on-demand, reserved,"
                        + " did you mean spot?",
                "m.yaml:36:16: spec.compute.schedule.activeHours: \"8-20\" is not a time range like 08:00-20:00",
                "m.yaml:36:37: spec.compute.schedule.timezone: \"Europe/Berlni\" is not a time zone,"
                        + " did you mean Europe/Berlin?",
                "m.yaml:37:5: spec.compute.expectedUtilization: 65 is out of range (0 to 1)"),
                problemsOf(yaml));
    }

    @Test
    void batchCacheWritesAndSearchUnitsAreReadAndCacheWritesNeedCaching() throws Exception {
        String yaml = full().replace("      maxRetries: 2",
                "      maxRetries: 2\n      batch: true\n      cacheWritesPerDay: 24\n      searchUnitsPerRequest: 3");
        write("m.yaml", yaml);
        ModelUse use = loader.load(dir, List.of("m.yaml")).get(0).spec().models().get(0);
        assertEquals(new ModelUse("gpt-4o-mini", "openai", 512L, 8000L, 350L, 20000L, 1200L, 300L, true, 2, true, 24L, 3L),
                use);
        assertEquals(List.of("m.yaml:28:7: spec.models[0].cacheWritesPerDay: needs promptCaching: true"
                        + " (cache writes are of the cached system prompt)",
                        "m.yaml:30:7: spec.models[0].searchUnitsPerRequest: 0 is out of range (1 to 1000000000)"),
                problemsOf(full().replace("promptCaching: true", "cacheWritesPerDay: 24")
                        .replace("      maxRetries: 2", "      maxRetries: 2\n      searchUnitsPerRequest: 0")));
    }

    @Test
    void negativeBudgetsAreLeftToTheBudgetRule() throws Exception {
        write("m.yaml", full().replace("amount: 800", "amount: -5"));
        assertEquals(new BigDecimal("-5"), loader.load(dir, List.of("m.yaml")).get(0).spec().budget().amount());
    }

    @Test
    void metadataTagsAndLabels() throws Exception {
        assertEquals(List.of(
                "m.yaml:6:3: metadata.labels: label costCenter is \"CC-1\" but metadata.costCenter is \"CC-2\":"
                        + " a tag has one value",
                "m.yaml:7:3: metadata.project: expected a string, got a mapping"
                        + " (other metadata keys are tags with string values)"),
                problemsOf("""
                        apiVersion: spendgate.dev/v1
                        kind: Experiment
                        metadata:
                          name: x
                          environment: dev
                          labels: {costCenter: CC-1}
                          project: {name: churn}
                          costCenter: CC-2
                        spec: {}
                        """));
        // the same typo is a tag when the key it resembles is present
        write("ok.yaml", minimal("x").replace("environment: dev", "environment: dev\n  owner: a@b.c\n  owners: team"));
        assertEquals(Map.of("owners", "team"), loader.load(dir, List.of("ok.yaml")).get(0).metadata().tags());
    }

    @Test
    void wrongShapesAtTheTop() throws Exception {
        assertEquals(List.of(
                "m.yaml:3:1: metadata: expected a mapping, got a list",
                "m.yaml:4:1: spec: expected a mapping, got a string (\"none\")"),
                problemsOf("apiVersion: spendgate.dev/v1\nkind: Experiment\nmetadata: [a]\nspec: none\n"));
        assertEquals(List.of("m.yaml:1:1: kind: required key is missing"),
                problemsOf(minimal("x").replace("kind: Experiment\n", "")));
        assertEquals(List.of("m.yaml:8:7: spec.models[0].name: required key is missing",
                        "m.yaml:9:7: spec.models[1]: expected a mapping, got a string (\"gpt-4o\")"),
                problemsOf(minimal("x").replace("spec: {}", "spec:\n  models:\n    - provider: openai\n    - gpt-4o")));
    }

    @Test
    void duplicateNamesAcrossFilesNameTheFirst() throws Exception {
        write("a.yaml", minimal("x"));
        write("b.yaml", "# another\n" + minimal("x"));
        write("c.yaml", minimal("y") + "---\n" + minimal("y"));
        assertEquals(List.of(
                "b.yaml:5:3: metadata.name: name 'x' is already used by a.yaml:4:3",
                "c.yaml:11:3: metadata.name: name 'y' is already used by c.yaml:4:3"), problems("."));
    }

    @Test
    void missingPathsAreProblems() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> loader.load(dir, List.of("nope", "also/missing.yaml")));
        assertEquals(List.of("also/missing.yaml:1:1: no such file or folder", "nope:1:1: no such file or folder"),
                e.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void badInputInAManifestFileIsAProblemNeverAStackTrace() throws Exception {
        write("bad/malformed.yaml", "apiVersion: spendgate.dev/v1\nkind: [Experiment\n");
        write("bad/unsafe.yaml", "apiVersion: spendgate.dev/v1\nkind: !!java.lang.Runtime x\n");
        write("bad/dupkey.yaml", minimal("d").replace("spec: {}", "spec: {}\nkind: TrainingJob"));
        write("bad/deep.yaml", "apiVersion: spendgate.dev/v1\nspec: " + "[".repeat(10_000));
        StringBuilder bomb = new StringBuilder("apiVersion: spendgate.dev/v1\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'h'; c++) {
            bomb.append(c).append(": &").append(c).append(" [").append(("*" + (char) (c - 1) + ", ").repeat(9))
                    .append('*').append((char) (c - 1)).append("]\n");
        }
        write("bad/bomb.yaml", bomb.toString());
        Files.write(dir.resolve("bad/binary.yaml"), "apiVersion: spendgate.dev/v1\n\0\1\2".getBytes(StandardCharsets.UTF_8));
        Files.writeString(dir.resolve("bad/huge.yaml"),
                "apiVersion: spendgate.dev/v1\nspec: {purpose: \"" + "x".repeat(4 * 1024 * 1024) + "\"}\n");
        assertEquals(List.of(
                "bad/binary.yaml:1:1: binary file (NUL byte at offset 29), expected YAML text",
                "bad/bomb.yaml:6:1: document expands to more than 200000 nodes (alias bomb?)",
                "bad/deep.yaml:2:70: nested more than 64 levels deep",
                "bad/dupkey.yaml:7:1: kind: duplicate key (first at line 2, column 1)",
                "bad/huge.yaml:1:1: file is 4194353 bytes, more than the limit of 4194304",
                "bad/malformed.yaml:3:1: malformed YAML: expected ',' or ']', but got <stream end>"
                        + " (while parsing a flow sequence)",
                "bad/unsafe.yaml:2:7: unsafe or unknown tag tag:yaml.org,2002:java.lang.Runtime"
                        + " (only plain YAML data is accepted)"),
                problems("bad"));
    }

    @Test
    void filesInFoldersThatCannotHoldAManifestAreNotParsed() throws Exception {
        write("charts/templates/deploy.yaml", "kind: Deployment\nreplicas: {{ .Values.replicas }}\n");
        write("cfn/stack.yaml", "Resources:\n  B: {Type: AWS::S3::Bucket, Name: !Ref Name}\n");
        Files.write(dir.resolve("cfn/data.yml"), new byte[] {0, 1, 2, 3});
        Files.writeString(dir.resolve("cfn/big.yaml"), "k: \"" + "x".repeat(5 * 1024 * 1024) + "\"\n");
        write("m.yaml", minimal("ok"));
        assertEquals(List.of("ok"), loader.load(dir, List.of(".")).stream().map(Manifest::name).toList());
        // named on the command line, every file is parsed
        assertEquals(List.of("cfn/stack.yaml:2:36: unsafe or unknown tag !Ref (only plain YAML data is accepted)"),
                problems("cfn/stack.yaml"));
    }

    @Test
    void aManifestEmbeddedInAnotherFileKeepsItsOwnPointers() throws Exception {
        String text = """
                name: a case
                manifest:
                  apiVersion: spendgate.dev/v1
                  kind: LlmWorkflow
                  metadata: {name: embedded, environment: production}
                  spec:
                    ttl: 24h
                """;
        YamlFile f = new YamlReader().read("cases/c.yaml", text);
        YamlNode node = ((YamlNode.Mapping) f.documents().get(0).root()).get("manifest");
        Manifest m = loader.load(node, "cases/c.yaml", 0);
        assertEquals("embedded", m.name());
        assertEquals(WorkloadKind.LlmWorkflow, m.kind());
        assertEquals("cases/c.yaml:7:5", m.locations().locate("/spec/ttl").toString());
        assertTrue(m.locations().contains("/metadata/environment"));
        assertEquals(Map.of("ttl", "24h"), m.document().get("spec"));

        YamlNode bad = ((YamlNode.Mapping) new YamlReader().read("cases/d.yaml",
                text.replace("24h", "36").replace("LlmWorkflow", "PolicySet")).documents().get(0).root()).get("manifest");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> loader.load(bad, "cases/d.yaml", 0));
        assertEquals(List.of(
                "cases/d.yaml:4:3: kind: \"PolicySet\" is not one of Experiment, TrainingJob, InferenceEndpoint, LlmWorkflow",
                "cases/d.yaml:7:5: spec.ttl: \"36\" is not a duration (use 36h)"),
                e.problems().stream().map(Problem::toString).toList());
    }
}
