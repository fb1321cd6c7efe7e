package dev.spendgate.examples;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the CLI over examples/ as a user would, and checks each example does what its comment says. */
class ExamplesTest {

    private static final String NOW = Run.NOW;

    private static Run cli(String... args) {
        return Run.cli(args);
    }

    @Test
    void everyExampleGetsTheVerdictItsCommentPromises() {
        Run r = cli("check", "manifests", "--policy", "policy.yaml", "--now", NOW);
        assertEquals(1, r.code(), r.err());
        Map<String, String> verdicts = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^(PASS|WARN|FAIL)\\s+(\\S+)").matcher(r.out());
        while (m.find()) {
            verdicts.put(m.group(2), m.group(1));
        }
        assertEquals(Map.of(
                "churn-classifier-ft", "PASS",
                "reasoning-eval", "PASS",
                "zombie-notebook", "FAIL",
                "fraud-scorer", "PASS",
                "search-reranker", "FAIL",
                "contract-extractor", "FAIL",
                "support-assistant", "WARN",
                "ticket-summariser", "FAIL",
                "embeddings-refresh", "WARN",
                "llama-finetune", "FAIL"), verdicts, r.out());
    }

    @Test
    void keyFindingsNameRuleFileLineAndNumbers() {
        String out = cli("check", "manifests", "--policy", "policy.yaml", "--now", NOW).out();
        for (String expected : List.of(
                "x SG-BUD-003 FAIL [hard-mandatory] manifests/training/llama-finetune.yaml:16:12",
                "exceeds the budget of 900 USD",
                "x SG-GPU-003 FAIL [soft-mandatory] manifests/training/llama-finetune.yaml:20:5",
                "x SG-GPU-001 FAIL [soft-mandatory] manifests/training/llama-finetune.yaml:22:5",
                "x SG-TTL-003 FAIL [hard-mandatory] manifests/experiments/zombie-notebook.yaml:16:3",
                "workload expired at 2026-11-03T09:00:00Z",
                "x SG-GPU-002 FAIL [soft-mandatory] manifests/inference/search-reranker.yaml:17:3",
                "x SG-TTL-002 FAIL [soft-mandatory] manifests/inference/search-reranker.yaml:16:3",
                "x SG-OWN-001 FAIL [hard-mandatory] manifests/llm/contract-extractor.yaml:8:3",
                "x SG-OWN-002 FAIL [hard-mandatory] manifests/llm/contract-extractor.yaml:7:3",
                "x SG-TOK-001 FAIL [hard-mandatory] manifests/llm/ticket-summariser.yaml:17:7",
                "! SG-TOK-002 WARN [advisory] manifests/llm/support-assistant.yaml:22:7",
                "! SG-TOK-004 WARN [advisory] manifests/llm/support-assistant.yaml:26:7",
                "! SG-GPU-004 WARN [advisory] manifests/training/embeddings-refresh.yaml:21:5",
                "~ SG-MOD-001 WAIVED [soft-mandatory] manifests/experiments/reasoning-eval.yaml:14:3",
                "waived by reasoning-frontier-ab",
                "FAIL: 10 manifests (3 passed, 2 warned, 5 failed), 13 findings, 1 waived")) {
            assertTrue(out.contains(expected), expected + "\n--- in ---\n" + out);
        }
    }

    @Test
    void theWholeExamplesFolderSkipsPolicyAndWaiverDocuments() {
        Run r = cli("validate", ".", "--policy", "policy.yaml");
        assertEquals(3, r.code(), "examples/invalid is part of '.', so validate must fail: " + r.out());
        Run ok = cli("validate", "manifests", "--policy", "policy.yaml");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("10 manifests valid"), ok.out());
    }

    @Test
    void theInvalidExampleListsEveryProblemWithItsPlace() {
        Run r = cli("validate", "invalid");
        assertEquals(3, r.code(), r.out());
        for (String expected : List.of(
                "invalid/typos.yaml:6:3: metadata.name:",
                "invalid/typos.yaml:9:3: metadata.environment:",
                "invalid/typos.yaml:11:3: spec.bugdet: unknown key, did you mean budget?",
                "invalid/typos.yaml:12:3: spec.ttl: \"36\" is not a duration",
                "invalid/typos.yaml:13:3: spec.modelTier:",
                "invalid/typos.yaml:16:5: spec.compute.gpuCount:",
                "invalid/typos.yaml:25:3: spec.startsAt:")) {
            assertTrue(r.err().contains(expected), expected + "\n--- in ---\n" + r.err());
        }
        assertTrue(!r.err().contains("\tat "), r.err());
    }

    @Test
    void theExampleReportIsDeterministic() {
        String a = cli("check", "manifests", "--policy", "policy.yaml", "--now", NOW, "--format", "json").out();
        String b = cli("check", "manifests", "--policy", "policy.yaml", "--now", NOW, "--format", "json").out();
        assertEquals(a, b);
    }
}
