package dev.spendgate.cli;

import dev.spendgate.engine.opa.testing.OpaServer;
import dev.spendgate.git.testing.TestRepo;
import jakarta.json.JsonObject;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.spendgate.git.testing.TestRepo.manifest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pull request cannot weaken the policy that judges it: whatever it does to the policy set, the
 * packs' DRL and Rego or the waivers, {@code check --base main} judges it by the policy of main and
 * it still fails; its policy changes are listed as pending until merge. And the policy can come
 * from a pinned policy repository instead, here a local bare repository.
 */
class TrustedPolicyTest {

    static final String NOW = CliTest.NOW;

    @TempDir
    Path tmp;

    static final String POLICY = """
            apiVersion: spendgate.dev/v1
            kind: PolicySet
            metadata: {name: acme, version: "1"}
            packs: [baseline, ./packs/acme]
            intents: {budgets: {maxPerExperiment: 1000}}
            waivers: waivers/
            """;

    static final String ACME_PACK = """
            id: acme
            version: 1.0.0
            rules:
              - id: ACME-001
                title: Experiments need a project tag
                intent: ownership
                level: soft-mandatory
                description: fires when an Experiment has no project tag; evidence name
                message: 'experiment {name} has no project tag'
                remediation: add metadata.project
            """;

    static final String ACME_DRL = """
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
            """;

    static final String ACME_REGO = """
            package spendgate.packs.acme

            import rego.v1

            detections contains d if {
            	some m in input.manifests
            	m.document.kind == "Experiment"
            	not "project" in object.keys(m.derived.tags)
            	d := {"rule": "ACME-001", "manifest": m.name, "path": "/metadata", "evidence": {"name": m.name}}
            }
            """;

    static String waiver(String name, String rule, String manifest) {
        return "apiVersion: spendgate.dev/v1\nkind: Waiver\nmetadata: {name: " + name + "}\n"
                + "spec: {rule: " + rule + ", manifest: " + manifest + ", reason: approved elsewhere, approver: bob@example.com,"
                + " expires: 2026-12-31}\n";
    }

    /**
     * main: the policy above with its acme pack (DRL and Rego) and a waiver for another manifest;
     * manifest exp (800, no project tag). Branch pr raises exp to 1500: over maxPerExperiment
     * (SG-BUD-002), +87.5% (SG-CHG-001), and still no project tag (ACME-001).
     */
    TestRepo pullRequest() {
        TestRepo repo = TestRepo.init(tmp.resolve("repo"));
        repo.write(".spendgate/policy.yaml", POLICY)
                .write(".spendgate/packs/acme/pack.yaml", ACME_PACK)
                .write(".spendgate/packs/acme/drools/acme.drl", ACME_DRL)
                .write(".spendgate/packs/acme/rego/acme.rego", ACME_REGO)
                .write(".spendgate/waivers/legacy.yaml", waiver("legacy", "SG-BUD-002", "legacy-*"))
                .write(".spendgate/manifests/exp.yaml", manifest("exp", "800", "small", "24h"))
                .commit("policy and manifest");
        repo.branch("pr").edit(".spendgate/manifests/exp.yaml", "amount: 800", "amount: 1500").commit("raise exp");
        return repo;
    }

    static CliRun check(TestRepo repo, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("check", "-C", repo.dir().toString(), "--base", "main",
                "--now", NOW));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** Asserts the three findings that the base policy gives the change, all blocking. */
    static void stillFails(CliRun r) {
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("x SG-BUD-002 FAIL [soft-mandatory]"), r.out());
        assertTrue(r.out().contains("x SG-CHG-001 FAIL [soft-mandatory]"), r.out());
        assertTrue(r.out().contains("x ACME-001 FAIL [soft-mandatory]"), r.out());
    }

    @Test
    void theChangeIsJudgedByThePolicyOfMain() {
        try (TestRepo repo = pullRequest()) {
            CliRun r = check(repo);
            stillFails(r);
            String main = repo.git().getRepository().resolve("main").abbreviate(7).name();
            assertTrue(r.out().contains("; policy " + main + ":.spendgate/policy.yaml\n"), r.out());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aPullRequestThatRelaxesThePolicySetStillFails() {
        try (TestRepo repo = pullRequest()) {
            repo.write(".spendgate/policy.yaml", """
                    apiVersion: spendgate.dev/v1
                    kind: PolicySet
                    metadata: {name: acme, version: "1"}
                    packs: [baseline]
                    intents: {budgets: {maxPerExperiment: 100000}, changes: {maxBudgetIncrease: 10}}
                    enforcement: {SG-BUD-002: advisory, SG-CHG-001: advisory}
                    waivers: waivers/
                    """).commit("relax the policy");
            CliRun r = check(repo);
            stillFails(r);
            assertTrue(r.out().contains("  pending until merge: .spendgate/policy.yaml (modified): the policy of the base"
                    + " revision judges this change\n"), r.out());
            // without a base the relaxed policy would pass it: the protection is the base revision
            CliRun unprotected = CliRun.of("check", "-C", repo.dir().toString(), "--now", NOW);
            assertEquals(0, unprotected.exitCode(), unprotected.out());
        }
    }

    @Test
    void aPullRequestThatEditsADrlRuleStillFails() {
        try (TestRepo repo = pullRequest()) {
            repo.edit(".spendgate/packs/acme/drools/acme.drl", "kind == \"Experiment\"", "kind == \"Nothing\"")
                    .commit("switch ACME-001 off");
            CliRun r = check(repo);
            stillFails(r);
            assertTrue(r.out().contains("  pending until merge: .spendgate/packs/acme/drools/acme.drl (modified)"), r.out());
        }
    }

    @Test
    void aPullRequestThatEditsARegoRuleStillFailsOnOpa() throws Exception {
        try (TestRepo repo = pullRequest()) {
            repo.edit(".spendgate/packs/acme/rego/acme.rego", "m.document.kind == \"Experiment\"", "m.document.kind == \"Nothing\"")
                    .commit("switch ACME-001 off in Rego");
            Path bundle = tmp.resolve("bundle.tar.gz");
            CliRun bundled = CliRun.of("packs", "bundle", "-C", repo.dir().toString(), "--base", "main", "--output", bundle.toString());
            assertEquals(0, bundled.exitCode(), bundled.err());
            try (OpaServer opa = OpaServer.start(bundle)) {
                CliRun r = check(repo, "--engine", "opa", "--opa-url", opa.url());
                stillFails(r);
                assertTrue(r.out().contains("  pending until merge: .spendgate/packs/acme/rego/acme.rego (modified)"), r.out());
            }
            // the bundle of the change itself would not have the rule: that is what --base guards against
            Path own = tmp.resolve("own.tar.gz");
            assertEquals(0, CliRun.of("packs", "bundle", "-C", repo.dir().toString(), "--output", own.toString()).exitCode());
            try (OpaServer opa = OpaServer.start(own)) {
                CliRun r = check(repo, "--engine", "opa", "--opa-url", opa.url());
                assertFalse(r.out().contains("ACME-001"), r.out());
            }
        }
    }

    @Test
    void aPullRequestThatWaivesItsOwnFindingsStillFailsUntilTheWaiversAreMerged() {
        try (TestRepo repo = pullRequest()) {
            repo.write(".spendgate/waivers/exp.yaml", waiver("exp-budget", "SG-BUD-002", "exp") + "---\n"
                            + waiver("exp-step", "SG-CHG-001", "exp") + "---\n" + waiver("exp-project", "ACME-001", "exp"))
                    .edit(".spendgate/waivers/legacy.yaml", "legacy-*", "ex*")
                    .commit("waive my own findings");
            CliRun r = check(repo);
            stillFails(r);
            assertTrue(r.out().contains("  waiver exp-budget (added, .spendgate/waivers/exp.yaml): awaiting approval, applies"
                    + " after merge\n"), r.out());
            assertTrue(r.out().contains("  waiver legacy (modified, .spendgate/waivers/legacy.yaml): awaiting approval"), r.out());
            assertFalse(r.out().contains("pending until merge: .spendgate/waivers"), "waivers are listed as waivers: " + r.out());

            JsonObject git = GitCheckTest.json(check(repo, "--format", "json")).getJsonObject("git");
            assertEquals(4, git.getJsonArray("pendingWaivers").size());
            assertFalse(git.getJsonArray("pendingWaivers").getJsonObject(0).getBoolean("applied"));

            CliRun markdown = check(repo, "--format", "markdown");
            assertTrue(markdown.out().contains("Judged against `main` (merge base `"), markdown.out());
            assertTrue(markdown.out().contains("> **Waivers awaiting approval**: they apply once merged: `exp-budget`"
                    + " (SG-BUD-002 on `exp`, added)"), markdown.out());

            // the pipeline, not the pull request, may let them apply
            CliRun allowed = check(repo, "--allow-pr-waivers");
            assertEquals(0, allowed.exitCode(), allowed.out());
            assertTrue(allowed.out().contains("~ SG-BUD-002 WAIVED"), allowed.out());
            assertTrue(allowed.out().contains("~ SG-CHG-001 WAIVED"), allowed.out());
            assertTrue(allowed.out().contains("~ ACME-001 WAIVED"), allowed.out());
            assertTrue(allowed.out().contains("(added, .spendgate/waivers/exp.yaml): applied by --allow-pr-waivers"), allowed.out());
        }
    }

    @Test
    void aPolicySetThatMainDoesNotHaveYetIsPendingAndTheShippedDefaultsJudge() {
        try (TestRepo repo = TestRepo.init(tmp.resolve("new"))) {
            repo.write(".spendgate/manifests/exp.yaml", manifest("exp", "800", "small", "24h")).commit("manifest");
            repo.branch("pr").write(".spendgate/policy.yaml", """
                    apiVersion: spendgate.dev/v1
                    kind: PolicySet
                    metadata: {name: lax}
                    intents: {budgets: {maxPerExperiment: 100000}}
                    """).edit(".spendgate/manifests/exp.yaml", "amount: 800", "amount: 1100").commit("lax policy");
            CliRun r = check(repo);
            assertEquals(1, r.exitCode(), r.out());
            assertTrue(r.out().contains("x SG-BUD-002 FAIL"), "the shipped defaults (limit 1000) judge it: " + r.out());
            assertTrue(r.out().contains("policy shipped defaults ("), r.out());
            assertTrue(r.out().contains("  pending until merge: .spendgate/policy.yaml (added)"), r.out());
        }
    }

    @Test
    void aPricesFileInTheRepositoryIsReadFromTheBaseToo() {
        try (TestRepo repo = pullRequest()) {
            repo.checkout("main").write(".spendgate/prices.yaml", """
                    apiVersion: spendgate.dev/v1
                    kind: PriceCatalog
                    metadata: {name: ours, version: "1"}
                    asOf: 2026-11-01
                    gpus:
                      A10G: {onDemand: 5.00, spot: 4.00, reserved: 4.50}
                    """).commit("our prices");
            repo.branch("cheaper").edit(".spendgate/prices.yaml", "spot: 4.00", "spot: 0.01").commit("cheap spot");
            CliRun r = CliRun.of("check", "-C", repo.dir().toString(), "--base", "main", "--prices", ".spendgate/prices.yaml",
                    "--all", "--now", NOW, "--format", "json");
            JsonObject report = GitCheckTest.json(r);
            assertEquals("40.00", report.getJsonArray("manifests").getJsonObject(0).getJsonObject("estimate")
                    .getJsonNumber("total").bigDecimalValue().setScale(2).toPlainString(), "priced by main's 4.00 a GPU-hour");
            assertEquals(".spendgate/prices.yaml", report.getJsonObject("git").getJsonArray("pendingPolicy").getJsonObject(0)
                    .getString("path"));
        }
    }

    @Test
    void thePolicyCanComeFromAPinnedPolicyRepository() throws Exception {
        // the policy repository, served from a local bare repository
        Path bare = tmp.resolve("policy.git");
        String sha;
        try (TestRepo policy = TestRepo.init(tmp.resolve("policy-src"))) {
            policy.write("spendgate/policy.yaml", POLICY.replace("maxPerExperiment: 1000", "maxPerExperiment: 500")
                            .replace("waivers: waivers/", ""))
                    .write("spendgate/packs/acme/pack.yaml", ACME_PACK)
                    .write("spendgate/packs/acme/drools/acme.drl", ACME_DRL);
            sha = policy.commit("policy v1");
            Git.cloneRepository().setURI(policy.dir().toUri().toString()).setDirectory(bare.toFile()).setBare(true)
                    .call().close();
        }
        Map<String, String> env = Map.of("SPENDGATE_CACHE_DIR", tmp.resolve("cache").toString());
        try (TestRepo repo = TestRepo.init(tmp.resolve("app"))) {
            // the application's own policy is lax; the policy repository's is not
            repo.write(".spendgate/policy.yaml", "apiVersion: spendgate.dev/v1\nkind: PolicySet\nmetadata: {name: lax}\n"
                            + "intents: {budgets: {maxPerExperiment: 100000}}\n")
                    .write(".spendgate/manifests/exp.yaml", manifest("exp", "400", "small", "24h")).commit("app");
            repo.branch("pr").edit(".spendgate/manifests/exp.yaml", "amount: 400", "amount: 550").commit("raise");
            String url = bare.toUri().toString();
            String spec = url + "@main:spendgate/policy.yaml";
            CliRun r = CliRun.withEnv(env, "check", "-C", repo.dir().toString(), "--base", "main", "--policy-repo", spec,
                    "--now", NOW);
            assertEquals(1, r.exitCode(), r.out() + r.err());
            assertTrue(r.out().contains("x SG-BUD-002 FAIL"), r.out());
            assertTrue(r.out().contains("x ACME-001 FAIL"), r.out());
            assertTrue(r.out().contains("; policy " + url + "@" + sha + ":spendgate/policy.yaml\n"),
                    "pinned by commit: " + r.out());

            // without a base: every manifest, by the same pinned policy
            CliRun noBase = CliRun.withEnv(env, "check", "-C", repo.dir().toString(), "--policy-repo", spec, "--now", NOW);
            assertEquals(1, noBase.exitCode(), noBase.out() + noBase.err());
            assertTrue(noBase.out().contains("x ACME-001 FAIL"), noBase.out());

            // pinned to a commit the cache has: no fetch, so it works with the remote gone
            Files.move(bare, tmp.resolve("gone.git"));
            CliRun pinned = CliRun.withEnv(env, "check", "-C", repo.dir().toString(), "--base", "main", "--policy-repo",
                    url + "@" + sha + ":spendgate/policy.yaml", "--now", NOW);
            assertEquals(1, pinned.exitCode(), pinned.out() + pinned.err());
            CliRun unreachable = CliRun.withEnv(env, "check", "-C", repo.dir().toString(), "--base", "main",
                    "--policy-repo", spec, "--now", NOW);
            assertEquals(4, unreachable.exitCode(), unreachable.err());
            assertTrue(unreachable.err().startsWith("spendgate: policy_repo_unreachable: cannot fetch the policy repository "),
                    unreachable.err());
            Files.move(tmp.resolve("gone.git"), bare);
            CliRun unknownRef = CliRun.withEnv(env, "check", "-C", repo.dir().toString(), "--base", "main",
                    "--policy-repo", url + "@no-such-tag:spendgate/policy.yaml", "--now", NOW);
            assertEquals(2, unknownRef.exitCode(), unknownRef.err());
            CliRun badSpec = CliRun.withEnv(env, "check", "-C", repo.dir().toString(), "--policy-repo", "nowhere", "--now", NOW);
            assertEquals(2, badSpec.exitCode(), badSpec.err());
            assertTrue(badSpec.err().startsWith("spendgate: --policy-repo: 'nowhere' is not URL@REF:PATH"), badSpec.err());
        }
    }
}
