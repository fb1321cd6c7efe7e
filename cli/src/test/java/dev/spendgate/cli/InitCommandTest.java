package dev.spendgate.cli;

import dev.spendgate.git.testing.TestRepo;
import dev.spendgate.policy.Parameters;
import dev.spendgate.policy.PolicySetLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** spendgate init in empty git repositories, then the gate there. */
class InitCommandTest {

    @TempDir
    Path tmp;

    @Test
    void initThenCheckPassesInANewRepository() throws Exception {
        try (TestRepo repo = TestRepo.init(tmp.resolve("repo"))) {
            String dir = repo.dir().toString();
            CliRun init = CliRun.of("init", "-C", dir, "--ci", "github");
            assertEquals(0, init.exitCode(), init.err());
            assertEquals("""
                      wrote    .spendgate/policy.yaml
                      wrote    .spendgate/manifests/example-summaries.yaml
                      wrote    .github/workflows/spendgate.yml
                      wrote    .spendgate/waivers/README.md
                    next: edit .spendgate/manifests/example-summaries.yaml to describe a real workload, then run \
                    `spendgate check` -C %s
                    """.formatted(dir), init.out());
            assertEquals(Files.readString(Path.of("../examples/github-actions/spendgate.yml")),
                    Files.readString(repo.dir().resolve(".github/workflows/spendgate.yml")), "the example workflow, as it is");

            CliRun check = CliRun.of("check", "-C", dir, "--now", CliTest.NOW);
            assertEquals(0, check.exitCode(), check.out() + check.err());
            assertTrue(check.out().contains("PASS  example-summaries"), check.out());

            // the policy set init writes is the shipped defaults, spelled out
            assertEquals(Parameters.defaults(), new PolicySetLoader().load(repo.dir().resolve(".spendgate/policy.yaml"),
                    ".spendgate/policy.yaml").policySet().parameters());

            // committed, it is what a pull request is judged by
            repo.commit("spendgate init");
            CliRun base = CliRun.of("check", "-C", dir, "--base", "HEAD", "--all", "--now", CliTest.NOW);
            assertEquals(0, base.exitCode(), base.out() + base.err());
        }
    }

    @Test
    void runTwiceItKeepsWhatIsThereUnlessForced() throws Exception {
        Path dir = tmp.resolve("repo");
        try (TestRepo repo = TestRepo.init(dir)) {
            Files.writeString(dir.resolve(".gitlab-ci.yml"), "test:\n  script: [make test]\n");
            CliRun first = CliRun.of("init", "-C", dir.toString());
            assertTrue(first.out().contains("  kept     .gitlab-ci.yml (it exists; --force to overwrite)\n"),
                    "GitLab found from .gitlab-ci.yml, which is not overwritten:\n" + first.out());
            Files.writeString(dir.resolve(".spendgate/policy.yaml"), Files.readString(dir.resolve(".spendgate/policy.yaml"))
                    .replace("maxTtl: 24h", "maxTtl: 48h"));
            CliRun again = CliRun.of("init", "-C", dir.toString());
            assertEquals("""
                      kept     .spendgate/policy.yaml (it exists; --force to overwrite)
                      kept     .spendgate/manifests/example-summaries.yaml
                      kept     .gitlab-ci.yml (it exists; --force to overwrite)
                      kept     .spendgate/waivers/
                    """, again.out().substring(0, again.out().indexOf("next: ")));
            assertTrue(Files.readString(dir.resolve(".spendgate/policy.yaml")).contains("maxTtl: 48h"));

            CliRun forced = CliRun.of("init", "-C", dir.toString(), "--force");
            assertTrue(forced.out().contains("  replaced .spendgate/policy.yaml\n"), forced.out());
            assertFalse(Files.readString(dir.resolve(".spendgate/policy.yaml")).contains("maxTtl: 48h"));
            assertEquals(Files.readString(Path.of("../examples/gitlab/.gitlab-ci.yml")),
                    Files.readString(dir.resolve(".gitlab-ci.yml")));
        }
    }

    @Test
    void withoutACiItSaysHowToChooseOneAndJenkinsGetsAJenkinsfile() throws Exception {
        Path dir = tmp.resolve("plain");
        Files.createDirectories(dir);
        CliRun none = CliRun.of("init", "-C", dir.toString());
        assertTrue(none.out().contains("no CI found (.github/, .gitlab-ci.yml or Jenkinsfile): run `spendgate init --ci"
                + " github|gitlab|jenkins` to add a pipeline"), none.out());
        CliRun jenkins = CliRun.of("init", "-C", dir.toString(), "--ci", "jenkins");
        assertTrue(jenkins.out().contains("  wrote    Jenkinsfile\n"), jenkins.out());
        assertTrue(Files.readString(dir.resolve("Jenkinsfile")).contains("spendgate(paths: ['.spendgate/manifests'],"
                + " policy: '.spendgate/policy.yaml')"));
        assertEquals(2, CliRun.of("init", "-C", dir.toString(), "--ci", "travis").exitCode());
    }
}
