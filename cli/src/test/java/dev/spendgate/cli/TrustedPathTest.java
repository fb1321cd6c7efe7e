package dev.spendgate.cli;

import dev.spendgate.git.testing.TestRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Trusted policy by real path: in a git-aware run a policy, pack, waiver or price path is resolved,
 * symbolic links included, before it is compared with the repository. One that reaches the work
 * tree through a link is read from the base revision; one that the work tree's links lead out of
 * the repository, and a committed link that points out of it, are refused. Real JGit repositories
 * and real symbolic links in temporary folders.
 */
class TrustedPathTest {

    static final String NOW = CliTest.NOW;

    @TempDir
    Path tmp;

    /** The pull request of {@link TrustedPolicyTest}, which also relaxes the policy, waives itself and edits the DRL. */
    private TestRepo hostilePullRequest() {
        TrustedPolicyTest setup = new TrustedPolicyTest();
        setup.tmp = tmp;
        TestRepo repo = setup.pullRequest();
        repo.write(".spendgate/policy.yaml", """
                        apiVersion: spendgate.dev/v1
                        kind: PolicySet
                        metadata: {name: acme, version: "1"}
                        packs: [baseline, ./packs/acme]
                        intents: {budgets: {maxPerExperiment: 100000}, changes: {maxBudgetIncrease: 10}}
                        enforcement: {SG-BUD-002: advisory, SG-CHG-001: advisory}
                        waivers: waivers/
                        """)
                .write(".spendgate/waivers/exp.yaml", TrustedPolicyTest.waiver("exp-project", "ACME-001", "exp"))
                .edit(".spendgate/packs/acme/drools/acme.drl", "kind == \"Experiment\"", "kind == \"Nothing\"")
                .commit("relax, self-waive, switch ACME-001 off");
        return repo;
    }

    private static CliRun check(Path dir, String... more) {
        List<String> args = new ArrayList<>(List.of("check", "-C", dir.toString(), "--base", "main", "--now", NOW));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void aPolicyPathThroughALinkToTheRepositoryIsReadFromTheBaseRevision() throws IOException {
        try (TestRepo repo = hostilePullRequest()) {
            Path link = Files.createSymbolicLink(tmp.resolve("link"), repo.dir());
            CliRun r = check(repo.dir(), "--policy", link.resolve(".spendgate/policy.yaml").toString());
            TrustedPolicyTest.stillFails(r);
            assertTrue(r.out().contains("pending until merge: .spendgate/policy.yaml (modified)"), r.out());
            assertTrue(r.out().contains("waiver exp-project (added, .spendgate/waivers/exp.yaml): awaiting approval"), r.out());
            assertTrue(r.out().contains("pending until merge: .spendgate/packs/acme/drools/acme.drl (modified)"), r.out());
            // and the same when the run itself starts in the link
            TrustedPolicyTest.stillFails(check(link, "--policy", link.resolve(".spendgate/policy.yaml").toString()));
            // and on OPA, with the bundle of the base revision made through the link
            Path bundle = tmp.resolve("base.tar.gz");
            CliRun bundled = CliRun.of("packs", "bundle", "-C", repo.dir().toString(), "--base", "main", "--policy",
                    link.resolve(".spendgate/policy.yaml").toString(), "--output", bundle.toString());
            assertEquals(0, bundled.exitCode(), bundled.err());
            try (dev.spendgate.engine.opa.testing.OpaServer opa = dev.spendgate.engine.opa.testing.OpaServer.start(bundle)) {
                TrustedPolicyTest.stillFails(check(repo.dir(), "--policy", link.resolve(".spendgate/policy.yaml").toString(),
                        "--engine", "opa", "--opa-url", opa.url()));
            }
        }
    }

    @Test
    void aPathThatTheWorkTreesLinksLeadOutOfTheRepositoryIsRefused() throws IOException {
        try (TestRepo repo = hostilePullRequest()) {
            Path outside = tmp.resolve("outside");
            Files.createDirectories(outside);
            Files.writeString(outside.resolve("policy.yaml"), "apiVersion: spendgate.dev/v1\nkind: PolicySet\n"
                    + "metadata: {name: lax}\npacks: [baseline]\nenforcement: {SG-BUD-002: advisory}\n");
            Files.createSymbolicLink(repo.dir().resolve("elsewhere"), outside);
            CliRun r = check(repo.dir(), "--policy", "elsewhere/policy.yaml");
            assertEquals(2, r.exitCode(), r.out() + r.err());
            assertTrue(r.err().startsWith("spendgate: git_path_leaves_repository: elsewhere/policy.yaml in the git repository at "), r.err());
            assertTrue(r.err().contains("outside it") && r.err().endsWith("(exit 2)\n"), r.err());
            assertEquals(1, r.err().lines().count(), r.err());

            Files.writeString(outside.resolve("prices.yaml"), "apiVersion: spendgate.dev/v1\nkind: PriceCatalog\n");
            CliRun prices = check(repo.dir(), "--prices", "elsewhere/prices.yaml");
            assertEquals(2, prices.exitCode(), prices.out() + prices.err());
            assertTrue(prices.err().contains("git_path_leaves_repository"), prices.err());
        }
    }

    @Test
    void aCommittedLinkThatPointsOutOfTheRepositoryIsRefused() throws IOException {
        Path outside = tmp.resolve("outside");
        Files.createDirectories(outside);
        Files.writeString(outside.resolve("policy.yaml"), "apiVersion: spendgate.dev/v1\nkind: PolicySet\n"
                + "metadata: {name: lax}\npacks: [baseline]\n");
        try (TestRepo repo = TestRepo.init(tmp.resolve("repo"))) {
            repo.write(".spendgate/manifests/exp.yaml", TestRepo.manifest("exp", "800", "small", "24h"));
            Files.createSymbolicLink(repo.dir().resolve(".spendgate/policy.yaml"), Path.of("../../outside/policy.yaml"));
            repo.commit("policy by link");
            repo.branch("pr").edit(".spendgate/manifests/exp.yaml", "amount: 800", "amount: 1500").commit("raise exp");
            // in the work tree the link leads out too: refused before anything is read
            CliRun here = check(repo.dir());
            assertEquals(2, here.exitCode(), here.out() + here.err());
            assertTrue(here.err().contains("git_path_leaves_repository"), here.err());
            // the change replaces the link with a file: the base revision's link is still refused
            Files.delete(repo.dir().resolve(".spendgate/policy.yaml"));
            repo.write(".spendgate/policy.yaml", "apiVersion: spendgate.dev/v1\nkind: PolicySet\nmetadata: {name: pr}\n")
                    .commit("a policy of my own");
            CliRun r = check(repo.dir());
            assertEquals(3, r.exitCode(), r.out() + r.err());
            assertTrue(r.err().matches("spendgate: git_link_outside_repository: [0-9a-f]{7}:\\.spendgate/policy\\.yaml is a "
                    + "symbolic link to \\.\\./\\.\\./outside/policy\\.yaml, which leads out of the repository: a committed "
                    + "link must stay inside it \\(exit 3\\)\n"), r.err());
        }
    }

    @Test
    void aCommittedLinkInsideTheRepositoryIsFollowedInTheBaseRevision() throws IOException {
        try (TestRepo repo = TestRepo.init(tmp.resolve("repo"))) {
            repo.write("policies/strict.yaml", """
                            apiVersion: spendgate.dev/v1
                            kind: PolicySet
                            metadata: {name: strict}
                            packs: [baseline]
                            intents: {budgets: {maxPerExperiment: 1000}}
                            """)
                    .write(".spendgate/manifests/exp.yaml", TestRepo.manifest("exp", "800", "small", "24h"));
            Files.createDirectories(repo.dir().resolve(".spendgate"));
            Files.createSymbolicLink(repo.dir().resolve(".spendgate/policy.yaml"), Path.of("../policies/strict.yaml"));
            String main = repo.commit("policy by link").substring(0, 7);
            // the change raises the budget and relaxes the file the link points to
            repo.branch("pr").edit(".spendgate/manifests/exp.yaml", "amount: 800", "amount: 1500")
                    .edit("policies/strict.yaml", "maxPerExperiment: 1000", "maxPerExperiment: 100000").commit("relax");
            CliRun r = check(repo.dir());
            assertEquals(1, r.exitCode(), r.out() + r.err());
            assertTrue(r.out().contains("x SG-BUD-002 FAIL [soft-mandatory]"), r.out());
            assertTrue(r.out().contains("; policy " + main + ":.spendgate/policy.yaml\n"), r.out());
            assertFalse(r.out().contains("shipped defaults"), r.out());
        }
    }
}
