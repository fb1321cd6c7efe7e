package dev.spendgate.cli;

import dev.spendgate.git.testing.TestRepo;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.spendgate.git.testing.TestRepo.manifest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code spendgate check --base REV} through the real command line, in process, on real git
 * repositories made with JGit: exactly the changed manifests are gated, each against its version
 * at the merge base, and git problems have the exit codes of the contract.
 */
class GitCheckTest {

    static final String NOW = CliTest.NOW;

    @TempDir
    Path tmp;

    /** main: three passing manifests; branch pr raises a's budget 100 -> 400 and adds n. */
    TestRepo pullRequest() {
        TestRepo repo = TestRepo.init(tmp.resolve("repo"));
        repo.write(".spendgate/manifests/a.yaml", manifest("a", "100", "small", "24h"))
                .write(".spendgate/manifests/b.yaml", manifest("b", "100", "small", "24h"))
                .write(".spendgate/manifests/c.yaml", manifest("c", "2000", "small", "24h")) // SG-BUD-002 at base already
                .commit("manifests");
        repo.branch("pr")
                .edit(".spendgate/manifests/a.yaml", "amount: 100", "amount: 400")
                .write(".spendgate/manifests/n.yaml", manifest("n", "50", "small", "12h"))
                .commit("raise a, add n");
        return repo;
    }

    static JsonObject json(CliRun r) {
        return Json.createReader(new StringReader(r.out())).readObject();
    }

    @Test
    void baseGatesExactlyTheChangedManifestsAgainstTheirBaseVersions() throws Exception {
        try (TestRepo repo = pullRequest()) {
            CliRun r = CliRun.of("check", "-C", repo.dir().toString(), "--base", "main", "--now", NOW);
            assertEquals(1, r.exitCode(), r.out() + r.err());
            assertTrue(r.out().startsWith("BASE main (--base): merge base "), r.out());
            assertTrue(r.out().contains("  modified a  .spendgate/manifests/a.yaml\n"), r.out());
            assertTrue(r.out().contains("  added    n  .spendgate/manifests/n.yaml\n"), r.out());
            assertTrue(r.out().contains("x SG-CHG-001 FAIL [soft-mandatory] .spendgate/manifests/a.yaml:8:12\n"
                    + "      spec.budget.amount grew from 100 to 400 against the base revision, an increase of 3 (a fraction)"
                    + " above changes.maxBudgetIncrease 0.5\n"), r.out());
            assertFalse(r.out().contains("  b  (") || r.out().contains("PASS  b ") || r.out().contains("FAIL  c "),
                    "unchanged manifests are not gated: " + r.out());
            assertTrue(r.out().contains("FAIL: 2 manifests (1 passed, 0 warned, 1 failed)"), r.out());

            JsonObject report = json(CliRun.of("check", "-C", repo.dir().toString(), "--base", "main", "--now", NOW,
                    "--format", "json"));
            JsonObject git = report.getJsonObject("git");
            assertEquals("main", git.getString("base"));
            assertEquals(repo.git().getRepository().resolve("main").name(), git.getString("mergeBase"));
            assertEquals("[{\"name\":\"a\",\"status\":\"modified\",\"file\":\".spendgate/manifests/a.yaml\",\"baseFile\":\""
                    + git.getString("mergeBase").substring(0, 7) + ":.spendgate/manifests/a.yaml\"},"
                    + "{\"name\":\"n\",\"status\":\"added\",\"file\":\".spendgate/manifests/n.yaml\",\"baseFile\":null}]",
                    git.getJsonArray("manifests").toString());
            JsonObject finding = report.getJsonArray("manifests").getJsonObject(0).getJsonArray("findings").getJsonObject(0);
            assertEquals("{\"increase\":3,\"limit\":0.5,\"newAmount\":400,\"oldAmount\":100}",
                    finding.getJsonObject("evidence").toString());
        }
    }

    @Test
    void allGatesEveryManifest() {
        try (TestRepo repo = pullRequest()) {
            CliRun r = CliRun.of("check", "-C", repo.dir().toString(), "--base", "main", "--all", "--now", NOW);
            assertEquals(1, r.exitCode(), r.err());
            assertTrue(r.out().contains("FAIL: 4 manifests (2 passed, 0 warned, 2 failed)"), r.out());
            assertTrue(r.out().contains("--all: every manifest is gated"), r.out());
        }
    }

    @Test
    void withoutChangesNothingIsGated() {
        try (TestRepo repo = pullRequest()) {
            repo.checkout("main");
            CliRun r = CliRun.of("check", "-C", repo.dir().toString(), "--base", "main", "--now", NOW);
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.out().contains("no manifest changed since the merge base"), r.out());
            assertTrue(r.out().contains("PASS: 0 manifests"), r.out());
        }
    }

    @Test
    void theBaseIsDetectedFromTheCi() throws Exception {
        try (TestRepo repo = pullRequest()) {
            String main = repo.git().getRepository().resolve("main").name();
            Path event = tmp.resolve("event.json");
            Files.writeString(event, "{\"pull_request\": {\"number\": 7, \"base\": {\"sha\": \"" + main + "\"}}}");
            for (Map<String, String> env : List.of(
                    Map.of("GITHUB_BASE_REF", "main", "GITHUB_EVENT_PATH", event.toString()),
                    Map.of("GITHUB_BASE_REF", "main"),
                    Map.of("CHANGE_TARGET", "main"),
                    Map.of("CI_MERGE_REQUEST_DIFF_BASE_SHA", main))) {
                CliRun r = CliRun.withEnv(env, "check", "-C", repo.dir().toString(), "--now", NOW, "--format", "json");
                assertEquals(1, r.exitCode(), env + ": " + r.err());
                JsonObject git = json(r).getJsonObject("git");
                assertEquals(main, git.getString("mergeBase"), env.toString());
                assertEquals(2, json(r).getJsonObject("summary").getInt("manifests"), env.toString());
            }
            CliRun github = CliRun.withEnv(Map.of("GITHUB_BASE_REF", "main", "GITHUB_EVENT_PATH", event.toString()),
                    "check", "-C", repo.dir().toString(), "--now", NOW);
            assertTrue(github.out().startsWith("BASE " + main + " (pull request event (GITHUB_EVENT_PATH))"), github.out());
            CliRun jenkins = CliRun.withEnv(Map.of("CHANGE_TARGET", "main"), "check", "-C", repo.dir().toString(), "--now", NOW);
            assertTrue(jenkins.out().startsWith("BASE main (CHANGE_TARGET)"), jenkins.out());
        }
    }

    @Test
    void gitProblemsHaveTheExitCodesOfTheContract() throws Exception {
        try (TestRepo repo = pullRequest()) {
            CliRun unknown = CliRun.of("check", "-C", repo.dir().toString(), "--base", "no-such-branch", "--now", NOW);
            assertEquals(2, unknown.exitCode());
            assertEquals("spendgate: git_unknown_revision: base revision no-such-branch (from --base) names no commit of this"
                    + " repository (tried no-such-branch, origin/no-such-branch); fetch it first, e.g. `git fetch origin"
                    + " no-such-branch` (exit 2)\n", unknown.err());
            assertEquals("", unknown.out());

            CliRun noRepo = CliRun.of("check", "-C", Files.createDirectories(tmp.resolve("plain")).toString(),
                    "--base", "main", "--now", NOW);
            assertEquals(2, noRepo.exitCode());
            assertTrue(noRepo.err().startsWith("spendgate: git_no_repository: "), noRepo.err());

            Path clone = tmp.resolve("shallow");
            Git.cloneRepository().setURI(repo.dir().toUri().toString()).setDirectory(clone.toFile())
                    .setBranch("pr").setBranchesToClone(List.of("refs/heads/pr")).setDepth(1).call().close();
            CliRun shallow = CliRun.withEnv(Map.of("GITHUB_BASE_REF", "main"), "check", "-C", clone.toString(), "--now", NOW);
            assertEquals(4, shallow.exitCode());
            assertTrue(shallow.err().startsWith("spendgate: git_shallow: base revision origin/main (from GITHUB_BASE_REF)"
                    + " is not in this shallow clone"), shallow.err());
            assertTrue(shallow.err().contains("`git fetch --deepen=200 origin main`")
                    && shallow.err().contains("`git fetch --unshallow origin main`")
                    && shallow.err().endsWith("(exit 4)\n"), shallow.err());
        }
    }

    @Test
    void newOnlyBlocksOnlyOnFindingsThatDidNotExistAtTheMergeBaseWhereverTheManifestMoved() {
        try (TestRepo repo = TestRepo.init(tmp.resolve("moved"))) {
            repo.write(".spendgate/manifests/c.yaml", manifest("c", "2000", "small", "24h")) // SG-BUD-002 at base
                    .commit("c over the limit");
            repo.branch("only-moved").move(".spendgate/manifests/c.yaml", ".spendgate/manifests/team/c.yaml")
                    .edit(".spendgate/manifests/team/c.yaml", "ttl: 24h", "ttl: 12h").commit("move c, shorten its ttl");

            CliRun all = CliRun.of("check", "-C", repo.dir().toString(), "--base", "main", "--now", NOW);
            assertEquals(1, all.exitCode(), all.out());
            assertTrue(all.out().contains("x SG-BUD-002 FAIL"), all.out());
            CliRun moved = CliRun.of("check", "-C", repo.dir().toString(), "--base", "main", "--new-only", "--now", NOW);
            assertEquals(0, moved.exitCode(), "moving it does not resurrect the old finding as new: " + moved.out());
            assertTrue(moved.out().contains("! SG-BUD-002 WARN [soft-mandatory] .spendgate/manifests/team/c.yaml:8:12\n"), moved.out());
            assertTrue(moved.out().contains("existed at the merge base already: does not block with --new-only"), moved.out());
            assertTrue(moved.out().contains("--new-only: only findings that did not exist at the merge base block"), moved.out());

            repo.checkout("main").branch("moved-and-raised")
                    .move(".spendgate/manifests/c.yaml", ".spendgate/manifests/team/c.yaml")
                    .edit(".spendgate/manifests/team/c.yaml", "amount: 2000", "amount: 3500").commit("move c, raise it");
            CliRun raised = CliRun.of("check", "-C", repo.dir().toString(), "--base", "main", "--new-only", "--now", NOW,
                    "--format", "json");
            assertEquals(1, raised.exitCode(), "moving it does not hide the new finding: " + raised.out());
            JsonObject c = json(raised).getJsonArray("manifests").getJsonObject(0);
            assertEquals(".spendgate/manifests/team/c.yaml", c.getString("file"));
            List<String> findings = c.getJsonArray("findings").stream().map(v -> v.asJsonObject())
                    .map(f -> f.getString("rule") + " " + f.getString("outcome") + " " + f.getBoolean("preexisting", false))
                    .toList();
            assertEquals(List.of("SG-BUD-002 warn true", "SG-CHG-001 fail false"), findings);
            assertTrue(json(raised).getJsonObject("git").getBoolean("newOnly"));
        }
    }
}
