package dev.spendgate.git;

import dev.spendgate.error.ExitCodes;
import dev.spendgate.git.testing.TestRepo;
import dev.spendgate.manifest.Manifest;
import dev.spendgate.manifest.ManifestLoader;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.spendgate.git.testing.TestRepo.manifest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which manifests a change adds, modifies, moves and deletes, on real repositories made with JGit. */
class ChangeReviewTest {

    @TempDir
    Path tmp;

    private static ChangeReview.Selection select(Path dir, String base, boolean all) throws Exception {
        List<Manifest> current = new ManifestLoader().load(dir, List.of("ml"));
        try (ChangeReview review = ChangeReview.open(dir, BaseRevision.given(base))) {
            return review.select(current, List.of("ml"), all);
        }
    }

    private static List<String> changes(ChangeReview.Selection s) {
        return s.changes().stream().map(c -> c.status() + " " + c.name() + " " + c.file() + " " + c.baseFile()).toList();
    }

    private static List<String> names(List<Manifest> manifests) {
        return manifests.stream().map(Manifest::name).toList();
    }

    /** main: a, b, c and d in ml/; the returned repository is on branch pr at main's tip. */
    private TestRepo fourManifests() {
        TestRepo repo = TestRepo.init(tmp.resolve("repo"));
        repo.write("ml/a.yaml", manifest("a", "100", "small", "24h"))
                .write("ml/b.yaml", manifest("b", "100", "small", "24h"))
                .write("ml/cd.yaml", manifest("c", "100", "small", "24h") + "---\n" + manifest("d", "100", "small", "24h"))
                .write("ml/notes.yaml", "title: not a manifest\n")
                .write("README.md", "hello\n");
        repo.commit("four manifests");
        return repo.branch("pr");
    }

    @Test
    void followsManifestsByNameAcrossFilesAndReportsDeletions() throws Exception {
        try (TestRepo repo = fourManifests()) {
            String base = repo.git().getRepository().resolve("main").abbreviate(7).name();
            repo.edit("ml/a.yaml", "amount: 100", "amount: 300")                   // modified
                    .move("ml/b.yaml", "ml/moved/b.yaml")                          // moved, unchanged
                    .write("ml/cd.yaml", manifest("c", "100", "small", "24h"))     // d removed from the file...
                    .write("ml/new/d-and-e.yaml", manifest("d", "100", "mid", "24h")  // ...and modified elsewhere
                            + "---\n" + manifest("e", "50", "small", "12h"))        // added
                    .edit("ml/notes.yaml", "title", "heading")
                    .write("README.md", "changed\n");
            repo.commit("change");
            ChangeReview.Selection s = select(repo.dir(), "main", false);
            assertEquals(List.of("a", "d", "e"), names(s.gated()));
            assertEquals(List.of(
                    "modified a ml/a.yaml " + base + ":ml/a.yaml",
                    "moved b ml/moved/b.yaml " + base + ":ml/b.yaml",
                    "modified d ml/new/d-and-e.yaml " + base + ":ml/cd.yaml",
                    "added e ml/new/d-and-e.yaml null"), changes(s));
            assertEquals(Map.of("a", base + ":ml/a.yaml", "d", base + ":ml/cd.yaml"),
                    Map.of("a", s.bases().get("a").file(), "d", s.bases().get("d").file()));
            assertEquals(2, s.bases().size());
            assertEquals(List.of(), s.uncommitted());

            repo.delete("ml/a.yaml");
            repo.commit("delete a");
            ChangeReview.Selection afterDelete = select(repo.dir(), "main", false);
            assertEquals(List.of("d", "e"), names(afterDelete.gated()));
            assertTrue(changes(afterDelete).contains("deleted a null " + base + ":ml/a.yaml"), changes(afterDelete).toString());
        }
    }

    @Test
    void allGatesEveryManifestEachWithItsBaseVersion() throws Exception {
        try (TestRepo repo = fourManifests()) {
            repo.edit("ml/a.yaml", "amount: 100", "amount: 300").commit("change a");
            ChangeReview.Selection s = select(repo.dir(), "main", true);
            assertEquals(List.of("a", "b", "c", "d"), names(s.gated()));
            assertEquals(4, s.bases().size());
            assertTrue(s.bases().get("a").file().endsWith(":ml/a.yaml"));
            assertEquals(List.of("modified"), s.changes().stream().map(ChangeSummary.ManifestChange::status).toList());
        }
    }

    @Test
    void aMergeOfTheBaseBranchIntoTheChangeIsNotPartOfTheChange() throws Exception {
        try (TestRepo repo = fourManifests()) {
            repo.edit("ml/a.yaml", "amount: 100", "amount: 300").commit("pr: change a");
            repo.checkout("main");
            repo.edit("ml/b.yaml", "amount: 100", "amount: 900").write("ml/f.yaml", manifest("f", "10", "small", "1h"))
                    .commit("main moves on");
            repo.checkout("pr");
            repo.merge("main");
            ChangeReview.Selection s = select(repo.dir(), "main", false);
            assertEquals(List.of("a"), names(s.gated()), "b and f came from main, not from the change");
            assertEquals("100", s.bases().get("a").spec().budget().amount().toPlainString());
        }
    }

    @Test
    void detachedHeadIsJudgedLikeABranch() throws Exception {
        try (TestRepo repo = fourManifests()) {
            String sha = repo.write("ml/cd.yaml", manifest("c", "120", "small", "24h") + "---\n"
                    + manifest("d", "100", "small", "24h")).commit("change c");
            repo.checkout("main").checkout(sha);
            assertEquals(sha, repo.git().getRepository().getFullBranch(), "HEAD is detached");
            ChangeReview.Selection s = select(repo.dir(), "main", false);
            assertEquals(List.of("c"), names(s.gated()));
        }
    }

    @Test
    void aDirtyWorkTreeIsJudgedAsOnDiskAndSaysSo() throws Exception {
        try (TestRepo repo = fourManifests()) {
            repo.edit("ml/a.yaml", "amount: 100", "amount: 300").commit("committed change");
            repo.edit("ml/b.yaml", "amount: 100", "amount: 200");                         // unstaged
            repo.write("ml/untracked.yaml", manifest("u", "10", "small", "1h"));          // untracked
            repo.write(".gitignore", "ml/ignored.yaml\n").write("ml/ignored.yaml", manifest("i", "10", "small", "1h"));
            ChangeReview.Selection s = select(repo.dir(), "main", false);
            assertEquals(List.of("a", "b", "u"), names(s.gated()),
                    "an ignored file is read (and checked) but is no part of the change, so it is not gated");
            assertEquals(List.of("ml/b.yaml", "ml/untracked.yaml"), s.uncommitted());
            assertTrue(s.diagnostics().stream().anyMatch(d -> d.code().equals("uncommitted_changes")
                    && d.message().contains("ml/b.yaml, ml/untracked.yaml")), s.diagnostics().toString());
        }
    }

    @Test
    void anUnreadableBaseVersionIsADiagnosticAndTheManifestIsJudgedAsNew() throws Exception {
        try (TestRepo repo = fourManifests()) {
            repo.checkout("main").write("ml/bad.yaml", manifest("bad", "100", "huge", "24h")).commit("a bad manifest on main");
            repo.branch("fix").edit("ml/bad.yaml", "huge", "small").commit("fix it");
            ChangeReview.Selection s = select(repo.dir(), "main~1", false);
            assertEquals(List.of("bad"), names(s.gated()));
            assertNull(s.bases().get("bad"));
            ChangeReview.Selection fixed = select(repo.dir(), "main", false);
            assertTrue(fixed.diagnostics().stream().anyMatch(d -> d.code().equals("base_unreadable")
                    && d.location().file().endsWith(":ml/bad.yaml")), fixed.diagnostics().toString());
            assertEquals(List.of("added bad ml/bad.yaml null"), changes(fixed));
        }
    }

    @Test
    void anUnknownBaseOutsideAShallowCloneIsAUsageError() throws Exception {
        try (TestRepo repo = fourManifests()) {
            GitException e = assertThrows(GitException.class, () -> ChangeReview.open(repo.dir(), BaseRevision.given("nope")));
            assertEquals("git_unknown_revision", e.code());
            assertEquals(ExitCodes.USAGE, e.exitCode());
            assertTrue(e.getMessage().contains("tried nope, origin/nope"), e.getMessage());
        }
        GitException none = assertThrows(GitException.class,
                () -> ChangeReview.open(tmp.resolve("elsewhere"), BaseRevision.given("main")));
        assertEquals("git_no_repository", none.code());
        assertEquals(ExitCodes.USAGE, none.exitCode());
    }

    @Test
    void aBranchOnlyFetchedIsFoundAsOriginSlashIt() throws Exception {
        try (TestRepo origin = fourManifests()) {
            origin.edit("ml/a.yaml", "amount: 100", "amount: 300").commit("change a");
            Path clone = tmp.resolve("clone");
            Git.cloneRepository().setURI(origin.dir().toUri().toString()).setDirectory(clone.toFile())
                    .setBranch("pr").call().close();
            // the clone has origin/main but no local main
            ChangeReview.Selection s = select(clone, "main", false);
            assertEquals(List.of("a"), names(s.gated()));
            try (ChangeReview review = ChangeReview.open(clone, BaseRevision.given("main"))) {
                assertEquals("origin/main", review.summary(s, false, false, "p", List.of(), List.of()).base());
            }
        }
    }

    @Test
    void aShallowCloneWithoutTheBaseSaysHowToFetchIt() throws Exception {
        try (TestRepo origin = fourManifests()) {
            origin.edit("ml/a.yaml", "amount: 100", "amount: 300").commit("pr 1");
            origin.edit("ml/a.yaml", "amount: 300", "amount: 400").commit("pr 2");
            Path clone = tmp.resolve("shallow");
            Git.cloneRepository().setURI(origin.dir().toUri().toString()).setDirectory(clone.toFile())
                    .setBranch("pr").setBranchesToClone(List.of("refs/heads/pr")).setDepth(1).call().close();
            GitException missing = assertThrows(GitException.class, () -> ChangeReview.open(clone, BaseRevision.given("main")));
            assertEquals("git_shallow", missing.code());
            assertEquals(ExitCodes.ENGINE_FAILURE, missing.exitCode());
            assertTrue(missing.getMessage().contains("git fetch --deepen=") && missing.getMessage().contains("--unshallow")
                    && missing.getMessage().contains("fetch-depth: 0"), missing.getMessage());

            // the base fetched, but not the history down to the merge base
            try (Git git = Git.open(clone.toFile())) {
                git.fetch().setRefSpecs("+refs/heads/main:refs/remotes/origin/main").setDepth(1).call();
            }
            GitException cut = assertThrows(GitException.class, () -> ChangeReview.open(clone, BaseRevision.given("main")));
            assertEquals("git_shallow", cut.code());
            assertTrue(cut.getMessage().contains("merge base"), cut.getMessage());
        }
    }
}
