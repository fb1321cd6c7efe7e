package dev.spendgate.cli;

import dev.spendgate.git.testing.TestRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * actionlint ({@code bin/ensure-actionlint}, named by {@code SPENDGATE_ACTIONLINT}) over the example
 * workflow, the project's release workflow and over a workflow that uses this action as {@code uses: ./} with every input and
 * output, which makes actionlint read {@code action.yml} itself. Without actionlint it fails with
 * the command that installs it, never skips.
 */
class ActionlintTest {

    @TempDir
    Path tmp;

    private record Lint(int exit, String out) {
    }

    private static Lint actionlint(String tool, Path repo) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(tool, "-no-color").directory(repo.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "actionlint did not finish");
        return new Lint(p.exitValue(), out);
    }

    @Test
    void actionlintFindsNothingInTheActionTheExampleAndTheReleaseWorkflowsWhenItIsInstalled() throws Exception {
        String tool = System.getenv("SPENDGATE_ACTIONLINT");
        if (tool == null || tool.isBlank()) {
            fail("actionlint is needed: SPENDGATE_ACTIONLINT=\"$(bin/ensure-actionlint)\" (the README's test command sets it)");
        }
        try (TestRepo repo = TestRepo.init(tmp.resolve("repo"))) {
            Files.copy(Path.of("../action.yml"), repo.dir().resolve("action.yml"));
            Path workflows = Files.createDirectories(repo.dir().resolve(".github/workflows"));
            Files.copy(Path.of("../examples/github-actions/spendgate.yml"), workflows.resolve("example.yml"));
            Files.copy(Path.of("../examples/github-actions/spendgate-watch.yml"), workflows.resolve("watch.yml"));
            Files.copy(Path.of("../.github/workflows/release.yml"), workflows.resolve("release.yml"));
            String local = """
                    name: local
                    on: pull_request
                    permissions: {contents: read, pull-requests: write}
                    jobs:
                      gate:
                        runs-on: ubuntu-latest
                        steps:
                          - uses: actions/checkout@v5
                            with: {fetch-depth: 0}
                          - id: gate
                            uses: ./
                            with:
                              paths: |
                                ml
                                .spendgate/manifests
                              policy: .spendgate/policy.yaml
                              prices: prices.yaml
                              base: main
                              new-only: 'true'
                              allow-pr-waivers: 'false'
                              policy-repo: ''
                              engine: drools
                              opa-url: ''
                              opa-skip-policy-verification: 'false'
                              discovery-strict: 'true'
                              require-manifests: 'true'
                              fail-on: warn
                              report: report.json
                              sarif: gate.sarif
                              comment: 'true'
                              comment-when: findings,cost-change
                              comment-cost-threshold: 10%
                              github-token: ${{ github.token }}
                              java-version: '21'
                          - run: echo "$VERDICT $FAILED $WARNED $REPORT $DELTA"
                            env:
                              VERDICT: ${{ steps.gate.outputs.verdict }}
                              FAILED: ${{ steps.gate.outputs.failed }}
                              WARNED: ${{ steps.gate.outputs.warned }}
                              REPORT: ${{ steps.gate.outputs.report }}
                              DELTA: ${{ steps.gate.outputs.cost-delta }}
                    """;
            Files.writeString(workflows.resolve("local.yml"), local);
            Lint clean = actionlint(tool, repo.dir());
            assertEquals(new Lint(0, ""), clean);

            // and actionlint really reads action.yml: an input it does not declare is reported
            Files.writeString(workflows.resolve("local.yml"), local.replace("fail-on: warn", "fail-on: warn\n          fail-fast: x"));
            Lint unknown = actionlint(tool, repo.dir());
            assertEquals(1, unknown.exit(), unknown.out());
            assertTrue(unknown.out().contains("input \"fail-fast\" is not defined in action \"spendgate\""), unknown.out());
        }
    }
}
