package dev.spendgate.cli;

import dev.spendgate.github.FakeGitHub;
import dev.spendgate.github.StickyComment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gate in a GitHub-like environment: the runner's variables and files, the action's inputs as
 * {@code INPUT_*} variables, and the REST API on a local server speaking GitHub's protocol.
 */
class GithubActionsTest {

    @TempDir
    Path tmp;

    FakeGitHub github;
    Map<String, String> env;

    @BeforeEach
    void runner() throws IOException {
        github = new FakeGitHub();
        Path event = tmp.resolve("event.json");
        Files.writeString(event, """
                {"action": "synchronize", "number": 7,
                 "pull_request": {"number": 7,
                   "head": {"sha": "abc123", "ref": "feature", "repo": {"full_name": "acme/ml"}},
                   "base": {"sha": "0ff1ce", "ref": "main", "repo": {"full_name": "acme/ml"}}},
                 "repository": {"full_name": "acme/ml"}}
                """);
        Files.createFile(tmp.resolve("output"));
        Files.createFile(tmp.resolve("summary.md"));
        env = new HashMap<>();
        env.put("GITHUB_ACTIONS", "true");
        env.put("GITHUB_OUTPUT", tmp.resolve("output").toString());
        env.put("GITHUB_STEP_SUMMARY", tmp.resolve("summary.md").toString());
        env.put("GITHUB_EVENT_PATH", event.toString());
        env.put("GITHUB_REPOSITORY", "acme/ml");
        env.put("GITHUB_API_URL", github.api().toString());
        env.put("GITHUB_SERVER_URL", "https://github.example");
        env.put("INPUT_PATHS", "  ../examples/manifests  \n");
        env.put("INPUT_POLICY", "../examples/policy.yaml");
        env.put("INPUT_FAIL-ON", " fail ");
        env.put("INPUT_REPORT", tmp.resolve("report.json").toString());
        env.put("INPUT_SARIF", tmp.resolve("gate.sarif").toString());
        env.put("INPUT_COMMENT", "true");
        env.put("INPUT_GITHUB-TOKEN", "secret-token");
    }

    @AfterEach
    void stop() {
        github.close();
    }

    private CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), args, env).execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** What the runner reads from the outputs file: heredoc values by name. */
    private Map<String, String> outputs() throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(tmp.resolve("output"));
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = Pattern.compile("([^<=]+)<<(.+)").matcher(lines.get(i));
            assertTrue(m.matches(), lines.get(i));
            StringBuilder v = new StringBuilder();
            for (i++; !lines.get(i).equals(m.group(2)); i++) {
                v.append(v.length() == 0 ? "" : "\n").append(lines.get(i));
            }
            values.put(m.group(1), v.toString());
        }
        return values;
    }

    @Test
    void theGateWritesWhatTheRunnerAndTheApiAccept() throws IOException {
        CliRun r = run("check", "--now", CliTest.NOW);
        assertEquals(1, r.exitCode(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals("::add-mask::secret-token", lines[0], "the token is masked before anything else is printed");
        assertFalse(r.out().replace("::add-mask::secret-token", "").contains("secret-token"));
        assertTrue(r.out().contains("::group::spendgate: fail, 10 manifests"), r.out());
        assertTrue(r.out().contains("::endgroup::"));
        assertTrue(r.out().contains("::error title=SG-BUD-003 The cost estimate must fit the budget (llama-finetune),"
                + "file=examples/manifests/training/llama-finetune.yaml,line=16,col=12::estimated cost 4403.2 USD"), r.out());
        assertTrue(r.out().contains("::warning title=SG-GPU-004"), r.out());
        assertTrue(r.out().contains("::notice title=SG-MOD-001"), r.out());
        assertTrue(r.out().contains("spendgate: created the spendgate comment on #7"), r.out());

        Map<String, String> outputs = outputs();
        assertEquals(Map.of("verdict", "fail", "failed", "5", "warned", "2",
                "report", tmp.resolve("report.json").toString()), outputs);
        assertTrue(Files.readString(tmp.resolve("report.json")).contains("\"schemaVersion\": 1"));
        assertTrue(Files.readString(tmp.resolve("gate.sarif")).contains("\"version\": \"2.1.0\""));

        String summary = Files.readString(tmp.resolve("summary.md"));
        assertTrue(summary.startsWith("## spendgate: ❌ blocked"), summary);
        // the tests run in cli/: the links name the files from the repository's top folder, not from there
        assertTrue(summary.contains("(https://github.example/acme/ml/blob/abc123/examples/manifests/training/llama-finetune.yaml#L16)"),
                summary);
        assertFalse(summary.contains("blob/abc123/../"), summary);

        assertEquals(1, github.comments.size());
        String body = github.comments.values().iterator().next();
        assertTrue(body.startsWith(StickyComment.MARKER), body);
        assertTrue(body.contains("How to ask for a waiver"), body);

        CliRun again = run("check", "--now", CliTest.NOW);
        assertEquals(1, again.exitCode());
        assertTrue(again.out().contains("updated the spendgate comment on #7"), again.out());
        assertEquals(1, github.comments.size(), "one comment, updated in place");
    }

    /** comment-when findings: a clean run posts nothing; once a comment stands, a clean push updates it to say so. */
    @Test
    void theCommentFollowsCommentWhen() throws IOException {
        env.put("INPUT_COMMENT-WHEN", "findings");
        env.put("INPUT_PATHS", "../examples/manifests/experiments/churn-classifier-ft.yaml");
        CliRun clean = run("check", "--now", CliTest.NOW);
        assertEquals(0, clean.exitCode(), clean.out() + clean.err());
        assertTrue(github.comments.isEmpty(), "nothing to report, no comment");
        assertTrue(github.requests.stream().noneMatch(q -> q.method().equals("POST")), github.requests.toString());
        assertTrue(clean.out().contains("spendgate: no spendgate comment on #7 to update (comment-when findings: "
                + "no finding fails or warns)"), clean.out());

        env.put("INPUT_PATHS", "../examples/manifests/training/embeddings-refresh.yaml");
        CliRun warned = run("check", "--now", CliTest.NOW);
        assertTrue(warned.out().contains("created the spendgate comment on #7"), warned.out());
        assertEquals(1, github.comments.size());
        assertTrue(github.comments.values().iterator().next().contains("SG-GPU-004"));

        env.put("INPUT_PATHS", "../examples/manifests/experiments/churn-classifier-ft.yaml");
        CliRun fixed = run("check", "--now", CliTest.NOW);
        assertTrue(fixed.out().contains("updated the spendgate comment on #7 (comment-when findings"), fixed.out());
        assertEquals(1, github.comments.size(), "the same comment, updated");
        String body = github.comments.values().iterator().next();
        assertTrue(body.startsWith(StickyComment.MARKER + "\n> ✅ **Nothing to report any more**: no finding fails or"
                + " warns (comment-when: `findings`)"), body);
        assertFalse(body.contains("SG-GPU-004"), body);

        env.put("INPUT_COMMENT-WHEN", "sometimes");
        CliRun bad = run("check", "--now", CliTest.NOW);
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("--comment-when: 'sometimes' is not one of always, findings, cost-change"), bad.err());
    }

    /** The hardening switches as Action inputs: an empty folder passes by default and is exit 3 with require-manifests. */
    @Test
    void requireManifestsAndDiscoveryStrictComeFromTheInputs() throws IOException {
        Path empty = tmp.resolve("empty");
        Files.createDirectories(empty);
        env.put("INPUT_PATHS", empty.toString());
        env.put("INPUT_COMMENT", "false");
        assertEquals(0, run("check", "--now", CliTest.NOW).exitCode());
        env.put("INPUT_REQUIRE-MANIFESTS", "true");
        CliRun required = run("check", "--now", CliTest.NOW);
        assertEquals(3, required.exitCode(), required.out() + required.err());

        env.remove("INPUT_REQUIRE-MANIFESTS");
        Files.write(empty.resolve("blob.yaml"), new byte[] {0, 1, 2, 3});
        assertEquals(0, run("check", "--now", CliTest.NOW).exitCode(), "a skipped file is a warning by default");
        env.put("INPUT_DISCOVERY-STRICT", "true");
        assertEquals(3, run("check", "--now", CliTest.NOW).exitCode());
    }

    @Test
    void atMostTenAnnotationsOfEachKindThenANoticeCountingTheRest() throws IOException {
        Path many = tmp.resolve("many");
        Files.createDirectories(many);
        for (int i = 0; i < 14; i++) {
            Files.writeString(many.resolve("m" + i + ".yaml"), """
                    apiVersion: spendgate.dev/v1
                    kind: Experiment
                    metadata: {name: m%d, team: t, owner: a@example.com, environment: dev, costCenter: CC-1}
                    spec: {budget: {amount: 10}}
                    """.formatted(i));
        }
        env.put("INPUT_PATHS", many.toString());
        env.remove("INPUT_POLICY");
        CliRun r = run("check", "--now", CliTest.NOW);
        assertEquals(1, r.exitCode());
        long errors = r.out().lines().filter(l -> l.startsWith("::error ")).count();
        assertEquals(10, errors, r.out());
        assertTrue(r.out().contains("::notice title=spendgate::4 more findings are not annotated"), r.out());
    }

    @Test
    void aFailedCommentIsReportedAndDoesNotChangeTheVerdict() {
        github.canned.add(new FakeGitHub.Canned(200, "[]", Map.of()));
        github.canned.add(new FakeGitHub.Canned(403, "{\"message\":\"Resource not accessible by integration\"}", Map.of()));
        env.put("INPUT_PATHS", "../examples/manifests/experiments/churn-classifier-ft.yaml");
        CliRun r = run("check", "--now", CliTest.NOW);
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("::notice title=spendgate::cannot create a comment on #7: the token may not write comments"), r.out());

        github.canned.add(new FakeGitHub.Canned(500, "", Map.of()));
        github.canned.add(new FakeGitHub.Canned(500, "", Map.of()));
        github.canned.add(new FakeGitHub.Canned(500, "", Map.of()));
        CliRun broken = run("check", "--now", CliTest.NOW);
        assertEquals(0, broken.exitCode());
        assertTrue(broken.out().contains("::warning title=spendgate::HTTP 500 (after 3 attempts)"), broken.out());
    }

    @Test
    void thePricesInputTakesOneFileALineInOrder() throws IOException {
        CostCliTest.writeEarlyAndLatePrices(tmp);
        env.put("INPUT_PATHS", "../examples/manifests/experiments/churn-classifier-ft.yaml");
        env.put("INPUT_PRICES", "  " + tmp.resolve("early.yaml") + "\n\n" + tmp.resolve("late.json") + "  \n");
        CliRun r = run("check", "--now", CliTest.NOW);
        assertEquals(0, r.exitCode(), r.out() + r.err());
        // late.json's token prices over early.yaml's, early.yaml's T4 over the shipped one
        String report = Files.readString(tmp.resolve("report.json"));
        assertTrue(report.contains("\"total\": 2.99,"), report);
    }

    @Test
    void thePricesInputTakesAUrlCachedInTheUserCache() throws IOException {
        env.put("INPUT_PATHS", "../examples/manifests/experiments/churn-classifier-ft.yaml");
        env.put("SPENDGATE_CACHE_DIR", tmp.resolve("cache").toString());
        try (dev.spendgate.cost.PriceServer prices = new dev.spendgate.cost.PriceServer().serve("""
                {"gpt-4o-mini": {"input_cost_per_token": 3e-07, "output_cost_per_token": 1.2e-06, "mode": "chat",
                                 "litellm_provider": "openai"}}
                """)) {
            env.put("INPUT_PRICES", prices.url("/late.json") + "\n");
            CliRun r = run("check", "--now", CliTest.NOW);
            assertEquals(0, r.exitCode(), r.out() + r.err());
            // the URL's token prices (no cache price: the prompt at input), the shipped T4
            String report = Files.readString(tmp.resolve("report.json"));
            assertTrue(report.contains("\"total\": 4.19,"), report);
            run("check", "--now", CliTest.NOW);
            assertEquals(2, prices.requests.size());
            assertEquals(prices.etag(), prices.requests.get(1).headers().get("if-none-match"));
        }
    }

    @Test
    void inputsFollowTheToolkitsRules() {
        env.put("INPUT_COMMENT", "yes");
        CliRun r = run("check", "--now", CliTest.NOW);
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("Input does not meet YAML 1.2 \"Core Schema\" specification: comment"), r.err());

        env.put("INPUT_COMMENT", "False");
        env.put("INPUT_FAIL-ON", "warn");
        env.put("INPUT_PATHS", "../examples/manifests/training/embeddings-refresh.yaml");
        CliRun warn = run("check", "--now", CliTest.NOW);
        assertEquals(1, warn.exitCode(), "fail-on warn from the input");
        assertTrue(github.requests.isEmpty(), "comment: False posts nothing");

        CliRun explicit = run("check", "--now", CliTest.NOW, "--fail-on", "fail", "--format", "text");
        assertEquals(0, explicit.exitCode(), "the command line wins over the inputs");
        assertFalse(explicit.out().contains("::group::"));
    }
}
