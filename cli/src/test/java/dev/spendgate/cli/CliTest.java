package dev.spendgate.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line users run, in process: exit codes, streams and messages. */
class CliTest {

    static final String EXAMPLES = "../examples/manifests";
    static final String POLICY = "../examples/policy.yaml";
    static final String NOW = "2026-11-22T12:00:00Z";

    @TempDir
    Path tmp;

    @Test
    void checkOfTheExamplesBlocksWithExitOne() {
        CliRun r = CliRun.of("check", EXAMPLES, "--policy", POLICY, "--now", NOW);
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.out().contains("FAIL  llama-finetune"), r.out());
        assertTrue(r.out().contains("SG-BUD-003 FAIL [hard-mandatory] ../examples/manifests/training/llama-finetune.yaml:16:12"), r.out());
        assertTrue(r.out().contains("PASS  churn-classifier-ft"), r.out());
        assertTrue(r.out().endsWith("[engine drools, policy acme-ai-finops, exit 1]\n"), r.out());
        assertEquals("", r.err());
    }

    /** A declared frontier tier over a small model: the message names what is frontier, not an empty model. */
    @Test
    void frontierTierOverASmallModelIsSaidAsItIs() throws IOException {
        String churn = Files.readString(Path.of(EXAMPLES, "experiments/churn-classifier-ft.yaml"));
        Files.writeString(tmp.resolve("churn.yaml"), churn.replace("modelTier: small", "modelTier: frontier"));
        CliRun r = CliRun.of("check", tmp.resolve("churn.yaml").toString(), "--policy", POLICY, "--now", NOW);
        assertTrue(r.out().contains("a frontier choice (spec.modelTier: frontier; catalog tiers: gpt-4o-mini small) "
                + "for task type \"classification\", which is not a frontier task type (reasoning, generation), without a"
                + " justification"), r.out());
        assertFalse(r.out().contains("model: \"\""), r.out());
    }

    @Test
    void reportsAreByteIdenticalForTheSameInput() {
        for (String format : new String[] {"text", "json"}) {
            CliRun a = CliRun.of("check", EXAMPLES, "--policy", POLICY, "--now", NOW, "--format", format);
            CliRun b = CliRun.of("check", EXAMPLES, "--policy", POLICY, "--now", NOW, "--format", format);
            assertEquals(a.out(), b.out(), format);
            assertFalse(a.out().isEmpty());
        }
    }

    @Test
    void jsonReportHasTheContractShape() {
        CliRun r = CliRun.of("check", EXAMPLES, "--policy", POLICY, "--now", NOW, "--format", "json");
        assertEquals(1, r.exitCode());
        String json = r.out();
        assertTrue(json.startsWith("{\n"), json);
        for (String key : new String[] {"\"schemaVersion\": 1", "\"tool\": {", "\"engine\": \"drools\"",
                "\"verdict\": \"fail\"", "\"exitCode\": 1", "\"summary\": {", "\"manifests\": 10",
                "\"findings\": [", "\"rule\": \"SG-BUD-003\"", "\"enforcement\": \"hard-mandatory\"",
                "\"outcome\": \"waived\"", "\"path\": \"/spec/budget/amount\"", "\"line\": 16", "\"column\": 12",
                "\"evidence\": {", "\"estimate\": {", "\"diagnostics\": ["}) {
            assertTrue(json.contains(key), key + " missing in\n" + json);
        }
    }

    @Test
    void outputOptionWritesTheReportToAFile() throws IOException {
        Path file = tmp.resolve("out/report.json");
        CliRun r = CliRun.of("check", EXAMPLES, "--policy", POLICY, "--now", NOW, "--format", "json", "--output", file.toString());
        assertEquals(1, r.exitCode());
        assertEquals("", r.out());
        assertTrue(Files.readString(file).contains("\"schemaVersion\": 1"));
        assertTrue(r.err().contains("report written to"), r.err());
    }

    @Test
    void failOnWarnMakesWarningsBlock() {
        String warnOnly = "../examples/manifests/training/embeddings-refresh.yaml";
        assertEquals(0, CliRun.of("check", warnOnly, "--policy", POLICY, "--now", NOW).exitCode());
        assertEquals(1, CliRun.of("check", warnOnly, "--policy", POLICY, "--now", NOW, "--fail-on", "warn").exitCode());
    }

    @Test
    void passingManifestExitsZero() {
        CliRun r = CliRun.of("check", "../examples/manifests/experiments/churn-classifier-ft.yaml", "--policy", POLICY, "--now", NOW);
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("PASS: 1 manifest"), r.out());
    }

    @Test
    void invalidManifestIsExitThreeWithEveryProblemAndNoStackTrace() throws IOException {
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, """
                apiVersion: spendgate.dev/v1
                kind: Experiment
                metadata:
                  name: bad-one
                  environment: dev
                spec:
                  bugdet: {amount: 10}
                  ttl: "36"
                """);
        CliRun r = CliRun.of("check", bad.toString(), "--now", NOW);
        assertEquals(3, r.exitCode(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().contains(bad + ":7:3: spec.bugdet: unknown key, did you mean budget?"), r.err());
        assertTrue(r.err().contains(bad + ":8:3: spec.ttl: \"36\" is not a duration"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void malformedYamlIsExitThree() throws IOException {
        Path bad = tmp.resolve("broken.yaml");
        Files.writeString(bad, "apiVersion: spendgate.dev/v1\nkind: [Experiment\n");
        CliRun r = CliRun.of("validate", bad.toString());
        assertEquals(3, r.exitCode(), r.err());
        assertTrue(r.err().startsWith(bad + ":"), r.err());
        assertTrue(r.err().contains("malformed YAML"), r.err());
    }

    @Test
    void unsafeTagIsRejected() throws IOException {
        Path bad = tmp.resolve("evil.yaml");
        Files.writeString(bad, "apiVersion: spendgate.dev/v1\nkind: Experiment\nmetadata: !!javax.script.ScriptEngineManager [x]\n");
        CliRun r = CliRun.of("check", bad.toString(), "--now", NOW);
        assertEquals(3, r.exitCode(), r.err());
        assertTrue(r.err().contains(bad + ":3:11: unsafe or unknown tag"), r.err());
    }

    @Test
    void missingPathIsExitThree() {
        CliRun r = CliRun.of("check", tmp.resolve("nope").toString(), "--now", NOW);
        assertEquals(3, r.exitCode(), r.err());
        assertTrue(r.err().contains("nope"), r.err());
    }

    @Test
    void usageErrorsAreExitTwo() {
        assertEquals(2, CliRun.of().exitCode());
        assertEquals(2, CliRun.of("frobnicate").exitCode());
        CliRun badNow = CliRun.of("check", EXAMPLES, "--now", "yesterday");
        assertEquals(2, badNow.exitCode());
        assertTrue(badNow.err().contains("--now: 'yesterday' is not an instant"), badNow.err());
        CliRun badFormat = CliRun.of("check", EXAMPLES, "--format", "pdf");
        assertEquals(2, badFormat.exitCode());
        assertTrue(badFormat.err().contains("unknown format 'pdf' (choose from github, gitlab, json, junit, markdown, sarif, text)"), badFormat.err());
        CliRun badFailOn = CliRun.of("check", EXAMPLES, "--fail-on", "sometimes");
        assertEquals(2, badFailOn.exitCode());
    }

    @Test
    void unknownEngineIsAClearError() {
        CliRun r = CliRun.of("check", EXAMPLES, "--policy", POLICY, "--now", NOW, "--engine", "prolog");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("unknown engine 'prolog'"), r.err());
    }

    @Test
    void validateListsTheManifestsAndPolicy() {
        CliRun r = CliRun.of("validate", EXAMPLES, "--policy", POLICY);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("10 manifests valid; policy acme-ai-finops"), r.out());
        assertTrue(r.out().contains("1 waiver"), r.out());
    }

    @Test
    void estimatePrintsTheArithmetic() {
        CliRun r = CliRun.of("estimate", "../examples/manifests/training/llama-finetune.yaml");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("16 GPUs × 40 h = 640 GPU-h × "), r.out());
        assertTrue(r.out().contains("(budget 900)"), r.out());
        CliRun json = CliRun.of("estimate", "../examples/manifests/training/llama-finetune.yaml", "--format", "json");
        assertTrue(json.out().contains("\"formula\": \"16 GPUs × 40 h = 640 GPU-h × "), json.out());
    }

    @Test
    void explainShowsTheRuleAndItsEffectiveLevel() {
        CliRun r = CliRun.of("explain", "SG-TOK-002", "--policy", POLICY);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("SG-TOK-002  "), r.out());
        assertTrue(r.out().contains("enforcement:  advisory"), r.out());
        CliRun unknown = CliRun.of("explain", "SG-BUD-03");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("unknown rule 'SG-BUD-03', did you mean SG-BUD-003?"), unknown.err());
    }

    @Test
    void rulesListsEveryBaselineRule() {
        CliRun r = CliRun.of("rules");
        assertEquals(0, r.exitCode(), r.err());
        for (String id : new String[] {"SG-OWN-001", "SG-BUD-004", "SG-TTL-003", "SG-MOD-003", "SG-TOK-005", "SG-GPU-004", "SG-SPD-003", "SG-WVR-003"}) {
            assertTrue(r.out().contains(id), id);
        }
    }

    @Test
    void schemaIsJson() {
        CliRun r = CliRun.of("schema");
        assertEquals(0, r.exitCode());
        assertEquals(dev.spendgate.yaml.JsonSchemas.MANIFEST.json(), r.out());
        for (dev.spendgate.yaml.JsonSchemas kind : dev.spendgate.yaml.JsonSchemas.values()) {
            CliRun k = CliRun.of("schema", "--kind", kind.id());
            assertEquals(0, k.exitCode(), k.err());
            assertEquals(kind.json(), k.out());
        }
        assertEquals(dev.spendgate.yaml.JsonSchemas.POLICY_SET.json(), CliRun.of("schema", "--kind", "PolicySet").out());
        CliRun unknown = CliRun.of("schema", "--kind", "prices");
        assertEquals(2, unknown.exitCode());
        assertEquals("spendgate: --kind: unknown kind 'prices' (choose from manifest, policyset, waiver, case)\n", unknown.err());
    }

    @Test
    void testRunsTheShippedCases() {
        CliRun r = CliRun.of("test");
        assertEquals(0, r.exitCode(), r.out());
        assertTrue(r.out().matches("(?s).*\\n\\d+ passed, 0 failed\\n"), r.out());
    }

    @Test
    void testOfAPackFolderRunsItsCasesAndReportsTheFailingOne() throws IOException {
        Path pack = tmp.resolve("acme");
        Files.createDirectories(pack.resolve("cases"));
        writeAcmePack(pack);
        Files.writeString(pack.resolve("cases/acme.yaml"), """
                case: fires-without-project
                manifests:
                  - {apiVersion: spendgate.dev/v1, kind: Experiment, metadata: {name: x, environment: dev}, spec: {}}
                expect: [{rule: ACME-001, manifest: x, outcome: fail, path: /metadata}]
                ---
                case: quiet-with-project
                manifests:
                  - {apiVersion: spendgate.dev/v1, kind: Experiment, metadata: {name: x, environment: dev, project: p}, spec: {}}
                absent: [ACME-001]
                ---
                case: broken-manifest
                manifests:
                  - {apiVersion: spendgate.dev/v1, kind: Experiment, metadata: {name: x, environment: prod}}
                expect: [{rule: ACME-001}]
                """);
        CliRun r = CliRun.of("test", pack.toString());
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("FAIL  broken-manifest"), r.out());
        assertTrue(r.out().contains("metadata.environment"), r.out());
        assertFalse(r.out().contains("FAIL  fires-without-project"), r.out());
        assertTrue(r.out().endsWith("2 passed, 1 failed\n"), r.out());
    }

    @Test
    void pricesFileMergesOverTheShippedCatalog() throws IOException {
        String llama = "../examples/manifests/training/llama-finetune.yaml";
        CliRun shipped = CliRun.of("check", llama, "--now", NOW);
        assertTrue(shipped.out().contains("SG-BUD-003"), shipped.out());
        Path prices = tmp.resolve("prices.yaml");
        Files.writeString(prices, """
                apiVersion: spendgate.dev/v1
                kind: PriceCatalog
                metadata: {name: negotiated, version: "1"}
                asOf: 2026-11-15
                gpus:
                  H100: {onDemand: 1.00, spot: 0.60, reserved: 0.80}
                """);
        CliRun negotiated = CliRun.of("check", llama, "--now", NOW, "--prices", prices.toString());
        assertFalse(negotiated.out().contains("SG-BUD-003"), negotiated.out());
        assertTrue(negotiated.out().contains("estimate 640.00 USD"), negotiated.out());
        Files.writeString(prices, "apiVersion: spendgate.dev/v1\nkind: PriceCatalog\nmetadata: {name: x}\nasOf: 2026-11-15\ngpus:\n  H100: {onDemand: -1, spot: 1, reserved: 1}\n");
        CliRun bad = CliRun.of("check", llama, "--now", NOW, "--prices", prices.toString());
        assertEquals(3, bad.exitCode(), bad.err());
        assertTrue(bad.err().contains(prices + ":6:"), bad.err());
    }

    @Test
    void policySetCanAddAPackFromAFolder() throws IOException {
        Path pack = tmp.resolve("packs/acme");
        writeAcmePack(pack);
        Path policy = tmp.resolve("policy.yaml");
        Files.writeString(policy, """
                apiVersion: spendgate.dev/v1
                kind: PolicySet
                metadata: {name: acme, version: "1"}
                packs: [baseline, ./packs/acme]
                enforcement: {ACME-001: hard-mandatory}
                """);
        CliRun r = CliRun.of("check", "../examples/manifests/experiments/zombie-notebook.yaml", "--policy", policy.toString(), "--now", NOW);
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.out().contains("x ACME-001 FAIL [hard-mandatory]"), r.out());
        assertTrue(r.out().contains("experiment zombie-notebook has no project tag"), r.out());
        assertTrue(r.out().contains("x SG-TTL-003 FAIL"), r.out());
    }

    @Test
    void aPackWhoseDrlDoesNotCompileIsInvalidInput() throws IOException {
        Path pack = tmp.resolve("packs/broken");
        Files.createDirectories(pack.resolve("drools"));
        Files.writeString(pack.resolve("pack.yaml"), """
                id: broken
                version: 1.0.0
                rules:
                  - {id: BRK-001, title: t, intent: ownership, level: advisory, description: d, message: m, remediation: r}
                """);
        Files.writeString(pack.resolve("drools/broken.drl"), """
                package broken.rules;
                import dev.spendgate.engine.drools.ManifestFact;
                import dev.spendgate.engine.drools.Detections;
                global Detections detections;
                rule "BRK-001"
                when
                    $m : ManifestFact( noSuchProperty == 1 )
                then
                    detections.add("BRK-001", $m, "/metadata");
                end
                """);
        Path policy = tmp.resolve("policy.yaml");
        Files.writeString(policy, "apiVersion: spendgate.dev/v1\nkind: PolicySet\nmetadata: {name: p}\npacks: [./packs/broken]\n");
        CliRun r = CliRun.of("check", "../examples/manifests/experiments/zombie-notebook.yaml", "--policy", policy.toString(), "--now", NOW);
        assertEquals(3, r.exitCode(), r.err());
        assertTrue(r.err().contains("pack_invalid: " + tmp.resolve("packs/broken/drools/broken.drl") + ":7:24: Unable to parse"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    /** A governance lead's own pack: one rule, ACME-001, in DRL compiled when loaded. */
    static void writeAcmePack(Path pack) throws IOException {
        Files.createDirectories(pack.resolve("drools"));
        Files.writeString(pack.resolve("pack.yaml"), """
                id: acme
                version: 1.0.0
                rules:
                  - id: ACME-001
                    title: Experiments need a project tag
                    intent: ownership
                    level: soft-mandatory
                    description: fires when an Experiment has no project tag
                    message: 'experiment {name} has no project tag'
                    remediation: add metadata.project
                """);
        Files.writeString(pack.resolve("drools/acme.drl"), """
                package acme.rules;
                import dev.spendgate.engine.drools.ManifestFact;
                import dev.spendgate.engine.drools.Detections;
                global Detections detections;
                rule "ACME-001"
                when
                    $m : ManifestFact( kind == "Experiment", tagNames not contains "project" )
                then
                    detections.add("ACME-001", $m, "/metadata", "name", $m.getName());
                end
                """);
    }

    @Test
    void versionAndHelp() {
        CliRun v = CliRun.of("version");
        assertEquals(0, v.exitCode());
        assertTrue(v.out().startsWith("spendgate "), v.out());
        assertTrue(v.out().endsWith("price catalog as of 2026-11-01\n"
                + "  classpath:dev/spendgate/cost/prices.yaml (spendgate-default 2026.11.0, 2026-11-01)\n"), v.out());
        CliRun more = CliRun.of("version", "--prices", CostCliTest.LITELLM);
        assertEquals(0, more.exitCode(), more.err());
        assertTrue(more.out().endsWith("price catalog as of 2026-11-01\n"
                + "  classpath:dev/spendgate/cost/prices.yaml (spendgate-default 2026.11.0, 2026-11-01)\n"
                + "  " + CostCliTest.LITELLM + " (LiteLLM, undated)\n"), more.out());
        CliRun h = CliRun.of("--help");
        assertEquals(0, h.exitCode());
        assertTrue(h.out().contains("Exit codes:"), h.out());
        assertTrue(CliRun.of("check", "--help").out().contains("--format=FORMAT"));
    }
}
