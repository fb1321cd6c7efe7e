package dev.spendgate.cli;

import dev.spendgate.git.testing.TestRepo;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a pull request costs, end to end on a real JGit repository: a change doubles a training
 * job's GPUs and moves an LLM workflow to a frontier model; the report shows each manifest's
 * estimate before and after with the move, the totals, the monthly run-rates, a chart, and
 * SG-CHG-004 where the rise is beyond changes.maxEstimateIncrease, every figure as
 * {@code spendgate estimate} prints it at each revision.
 */
class CostDiffTest {

    static final String NOW = CliTest.NOW;

    static final String TRAINING = """
            apiVersion: spendgate.dev/v1
            kind: TrainingJob
            metadata: {name: llama-ft, team: search, owner: bob@example.com, environment: dev, costCenter: CC-2001}
            spec:
              purpose: fine-tune an open model for query rewriting
              taskType: training
              modelTier: small
              budget: {amount: 900, currency: USD, period: total}
              ttl: 24h
              compute: {gpuType: A10G, gpuCount: 1, hours: 20, capacity: on-demand, expectedUtilization: 0.7}
            """;

    static final String WORKFLOW = """
            apiVersion: spendgate.dev/v1
            kind: LlmWorkflow
            metadata: {name: support-summaries, team: search, owner: bob@example.com, environment: dev, costCenter: CC-2001}
            spec:
              purpose: summarise support tickets
              taskType: summarisation
              modelTier: small
              budget: {amount: 900, currency: USD, period: monthly}
              ttl: 24h
              models:
                - {name: gpt-4o-mini, provider: openai, maxOutputTokens: 300, maxInputTokens: 4000, requestsPerDay: 2000,
                   avgInputTokens: 1500, avgOutputTokens: 200, maxRetries: 2}
            """;

    static final String DELETED = """
            apiVersion: spendgate.dev/v1
            kind: Experiment
            metadata: {name: old-eval, team: search, owner: bob@example.com, environment: dev, costCenter: CC-2001}
            spec:
              purpose: an evaluation that is over
              taskType: classification
              modelTier: small
              budget: {amount: 50, currency: USD, period: total}
              ttl: 24h
              compute: {gpuType: L4, gpuCount: 1, hours: 10, capacity: spot, expectedUtilization: 0.7}
            """;

    @TempDir
    Path tmp;

    @Test
    void theReportShowsWhatTheChangeCostsAsEstimateSaysIt() throws Exception {
        try (TestRepo repo = TestRepo.init(tmp.resolve("repo"))) {
            repo.write(".spendgate/manifests/llama-ft.yaml", TRAINING)
                    .write(".spendgate/manifests/support.yaml", WORKFLOW)
                    .write(".spendgate/manifests/old-eval.yaml", DELETED)
                    .commit("three workloads");
            Map<String, BigDecimal> before = estimates(repo);
            repo.branch("pr")
                    .edit(".spendgate/manifests/llama-ft.yaml", "gpuCount: 1", "gpuCount: 2")
                    .edit(".spendgate/manifests/support.yaml", "modelTier: small", "modelTier: frontier")
                    .edit(".spendgate/manifests/support.yaml", "name: gpt-4o-mini", "name: gpt-4o")
                    .delete(".spendgate/manifests/old-eval.yaml")
                    .commit("more GPUs, a frontier model, one workload less");
            Map<String, BigDecimal> after = estimates(repo);

            CliRun json = CliRun.of("check", "-C", repo.dir().toString(), "--base", "main", "--now", NOW, "--format", "json");
            assertEquals(1, json.exitCode(), json.out() + json.err());
            JsonObject report = Json.createReader(new StringReader(json.out())).readObject();
            JsonObject diff = report.getJsonObject("costDiff");
            assertEquals("USD", diff.getString("currency"));
            Map<String, JsonObject> lines = new HashMap<>();
            diff.getJsonArray("manifests").forEach(v -> lines.put(v.asJsonObject().getString("name"), v.asJsonObject()));
            assertEquals(List.of("support-summaries", "llama-ft", "old-eval"), diff.getJsonArray("manifests").stream()
                    .map(v -> v.asJsonObject().getString("name")).toList(), "the largest move first");

            JsonObject llama = lines.get("llama-ft");
            assertEquals("modified", llama.getString("status"));
            assertEquals(before.get("llama-ft"), number(llama, "before"));
            assertEquals(after.get("llama-ft"), number(llama, "after"));
            assertEquals(new BigDecimal("20.20"), number(llama, "before"), "1 A10G on-demand x 20 h x 1.01");
            assertEquals(new BigDecimal("40.40"), number(llama, "after"));
            assertEquals(new BigDecimal("20.20"), number(llama, "delta"));
            assertEquals(new BigDecimal("100.0"), number(llama, "percent"));
            assertEquals(new BigDecimal("40.40"), number(llama, "monthlyAfter"), "a run counts once a month");

            JsonObject support = lines.get("support-summaries");
            assertEquals(before.get("support-summaries"), number(support, "before"));
            assertEquals(after.get("support-summaries"), number(support, "after"));
            assertTrue(number(support, "after").compareTo(number(support, "before")) > 0);

            JsonObject gone = lines.get("old-eval");
            assertEquals("deleted", gone.getString("status"));
            assertTrue(gone.isNull("file"));
            assertEquals(before.get("old-eval"), number(gone, "before"));
            assertEquals(new BigDecimal("0.00"), number(gone, "after"));
            assertEquals(new BigDecimal("-100.0"), number(gone, "percent"));

            JsonObject total = diff.getJsonObject("total");
            BigDecimal sumBefore = before.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal sumAfter = after.get("llama-ft").add(after.get("support-summaries"));
            assertEquals(0, sumBefore.compareTo(number(total, "before")));
            assertEquals(0, sumAfter.compareTo(number(total, "after")));
            assertEquals(0, sumAfter.subtract(sumBefore).compareTo(number(total, "delta")));

            // SG-CHG-004 on both risen manifests (default limit: 50%), with before and after in the evidence
            JsonObject chg = finding(report, "llama-ft", "SG-CHG-004");
            assertEquals("{\"after\":40.4,\"before\":20.2,\"currency\":\"USD\",\"increase\":20.2,\"limit\":\"50%\","
                    + "\"percent\":\"+100%\"}", chg.getJsonObject("evidence").toString());
            assertEquals("the estimate rose from 20.2 to 40.4 USD against the base revision (+20.2 USD, +100%), beyond "
                    + "changes.maxEstimateIncrease 50%", chg.getString("message"));
            assertTrue(finding(report, "support-summaries", "SG-CHG-004") != null);

            // the savings: spot capacity for the training job, a smaller model for the workflow, each figure
            // what `spendgate estimate` prints for the manifest with that alternative written into it
            JsonObject spot = finding(report, "llama-ft", "SG-GPU-001").getJsonArray("savings").getJsonObject(0);
            assertEquals("spot capacity", spot.getString("alternative"));
            assertEquals(after.get("llama-ft"), number(spot, "current"));
            Path spotVariant = variant(repo, ".spendgate/manifests/llama-ft.yaml", "capacity: on-demand", "capacity: spot");
            assertEquals(estimateOf(spotVariant), number(spot, "cost"));
            assertEquals(new BigDecimal("24.40"), number(spot, "saves"), "2 x 20 h x (1.01 - 0.40)");
            assertTrue(finding(report, "llama-ft", "SG-GPU-001").getString("message").endsWith(
                    "; spot capacity would cost 16.00 USD instead of 40.40 USD (saves 24.40 USD, 60.4 %)"));

            JsonObject tier = finding(report, "support-summaries", "SG-MOD-001").getJsonArray("savings").getJsonObject(0);
            Matcher smaller = Pattern.compile("(\\S+) \\(openai, (small|mid)\\) instead of gpt-4o")
                    .matcher(tier.getString("alternative"));
            assertTrue(smaller.matches(), tier.toString());
            assertEquals(after.get("support-summaries"), number(tier, "current"));
            Path smallerVariant = variant(repo, ".spendgate/manifests/support.yaml", "name: gpt-4o", "name: " + smaller.group(1));
            assertEquals(estimateOf(smallerVariant), number(tier, "cost"));
            assertTrue(finding(report, "support-summaries", "SG-MOD-001").getString("message").contains(
                    tier.getString("alternative") + " would cost "), tier.toString());
            JsonObject llamaReport = manifest(report, "llama-ft");
            assertEquals(number(spot, "saves"), number(llamaReport.getJsonObject("potentialSavings"), "saves"));
            assertTrue(number(report.getJsonObject("summary"), "potentialSavings").compareTo(number(spot, "saves")) > 0);

            CliRun md = CliRun.of("check", "-C", repo.dir().toString(), "--base", "main", "--now", NOW, "--format", "markdown");
            assertTrue(md.out().contains("**Estimated cost: before → after (Δ)**, USD"), md.out());
            assertTrue(md.out().contains("| `llama-ft` | modified | 20.20 | 40.40 | +20.20 (+100.0%) | 20.20 | 40.40 | +20.20 (+100.0%) |\n"),
                    md.out());
            assertTrue(md.out().contains("| `old-eval` | deleted | " + before.get("old-eval").toPlainString() + " | 0.00 | "), md.out());
            assertTrue(md.out().contains("```mermaid\nxychart-beta\n"), md.out());
            assertTrue(md.out().contains("\"llama-ft before\", \"llama-ft after\""), md.out());

            CliRun text = CliRun.of("check", "-C", repo.dir().toString(), "--base", "main", "--now", NOW);
            assertTrue(text.out().contains("  modified  llama-ft  20.20 -> 40.40 (+20.20, +100.0%); monthly 20.20 -> 40.40 (+20.20, +100.0%)\n"),
                    text.out());

            // on a runner: the cost-delta output is the total's delta, and the step summary carries the table
            Map<String, String> env = Map.of("GITHUB_ACTIONS", "true",
                    "GITHUB_OUTPUT", tmp.resolve("output").toString(),
                    "GITHUB_STEP_SUMMARY", tmp.resolve("summary.md").toString());
            CliRun runner = CliRun.withEnv(env, "check", "-C", repo.dir().toString(), "--base", "main", "--now", NOW);
            assertEquals(1, runner.exitCode(), runner.err());
            String outputs = Files.readString(tmp.resolve("output"));
            Matcher delta = Pattern.compile("(?m)^cost-delta<<(.+)\n(.*)\n\\1$").matcher(outputs);
            assertTrue(delta.find(), outputs);
            assertEquals(0, sumAfter.subtract(sumBefore).compareTo(new BigDecimal(delta.group(2))), outputs);
            assertTrue(Files.readString(tmp.resolve("summary.md")).contains("**Estimated cost: before → after (Δ)**"));
        }
    }

    @Test
    void aRiseAtTheLimitDoesNotFireAndOneAboveItDoes() throws Exception {
        try (TestRepo repo = TestRepo.init(tmp.resolve("repo"))) {
            repo.write(".spendgate/manifests/llama-ft.yaml", TRAINING).commit("one job");
            repo.branch("pr").edit(".spendgate/manifests/llama-ft.yaml", "hours: 20", "hours: 30").commit("+50%");
            CliRun atLimit = CliRun.of("check", "-C", repo.dir().toString(), "--base", "main", "--now", NOW, "--format", "json");
            JsonObject report = Json.createReader(new StringReader(atLimit.out())).readObject();
            assertEquals(new BigDecimal("50.0"), number(report.getJsonObject("costDiff").getJsonArray("manifests")
                    .getJsonObject(0), "percent"));
            assertNull(finding(report, "llama-ft", "SG-CHG-004"), "+50% is within the default limit of 50%");

            repo.edit(".spendgate/manifests/llama-ft.yaml", "hours: 30", "hours: 31").commit("+55%");
            CliRun above = CliRun.of("check", "-C", repo.dir().toString(), "--base", "main", "--now", NOW, "--format", "json");
            JsonObject blocked = Json.createReader(new StringReader(above.out())).readObject();
            assertEquals("fail", finding(blocked, "llama-ft", "SG-CHG-004").getString("outcome"));
            assertFalse(above.exitCode() == 0, above.out());
        }
    }

    @Test
    void withoutABaseRevisionThereIsNoCostDiff() {
        CliRun r = CliRun.of("check", "../examples/manifests", "--policy", "../examples/policy.yaml", "--now", NOW,
                "--format", "json");
        assertFalse(r.out().contains("\"costDiff\""), r.out());
    }

    /** A copy of {@code file} at the checked-out revision with {@code from} replaced by {@code to}, outside the repository. */
    private Path variant(TestRepo repo, String file, String from, String to) throws Exception {
        String text = Files.readString(repo.dir().resolve(file));
        assertTrue(text.contains(from), text);
        Path out = tmp.resolve("variants").resolve(Path.of(file).getFileName() + "-" + Math.abs(to.hashCode()) + ".yaml");
        Files.createDirectories(out.getParent());
        Files.writeString(out, text.replace(from, to));
        return out;
    }

    /** The total {@code spendgate estimate --format json FILE} prints. */
    private static BigDecimal estimateOf(Path file) {
        CliRun r = CliRun.of("estimate", file.toString(), "--format", "json");
        assertEquals(0, r.exitCode(), r.err());
        return number(Json.createReader(new StringReader(r.out())).readObject().getJsonArray("manifests").getJsonObject(0)
                .getJsonObject("estimate"), "total");
    }

    private static JsonObject manifest(JsonObject report, String name) {
        for (var m : report.getJsonArray("manifests")) {
            if (m.asJsonObject().getString("name").equals(name)) {
                return m.asJsonObject();
            }
        }
        throw new AssertionError("no manifest " + name);
    }

    /** Each manifest's total as {@code spendgate estimate --format json} prints it at the checked-out revision. */
    private static Map<String, BigDecimal> estimates(TestRepo repo) {
        CliRun r = CliRun.of("estimate", "-C", repo.dir().toString(), "--format", "json");
        assertEquals(0, r.exitCode(), r.err());
        Map<String, BigDecimal> out = new HashMap<>();
        Json.createReader(new StringReader(r.out())).readObject().getJsonArray("manifests").forEach(v -> out.put(
                v.asJsonObject().getString("name"), number(v.asJsonObject().getJsonObject("estimate"), "total")));
        return out;
    }

    private static BigDecimal number(JsonObject o, String key) {
        return ((JsonNumber) o.get(key)).bigDecimalValue();
    }

    private static JsonObject finding(JsonObject report, String manifest, String rule) {
        for (var m : report.getJsonArray("manifests")) {
            if (m.asJsonObject().getString("name").equals(manifest)) {
                for (var f : m.asJsonObject().getJsonArray("findings")) {
                    if (f.asJsonObject().getString("rule").equals(rule)) {
                        return f.asJsonObject();
                    }
                }
            }
        }
        return null;
    }
}
