package dev.spendgate.cli;

import dev.spendgate.engine.opa.testing.OpaServer;
import dev.spendgate.engine.opa.testing.RecordingProxy;
import dev.spendgate.git.testing.TestRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.spendgate.git.testing.TestRepo.manifest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gate runner prepares the engine once per run: {@code check --base main --new-only} judges the
 * change and the base versions against the same prepared policies, so a real OPA server (behind a
 * proxy that counts what it is asked) sees one prepare — health, packs, decision — and one
 * decision request per revision.
 */
class PreparedOnceTest {

    @TempDir
    Path tmp;

    @Test
    void newOnlyOnOpaPreparesTheEngineOnceAndEvaluatesHeadAndBase() throws Exception {
        Path bundle = tmp.resolve("bundle.tar.gz");
        assertEquals(0, CliRun.of("packs", "bundle", "--output", bundle.toString()).exitCode());
        try (OpaServer opa = OpaServer.start(bundle); RecordingProxy proxy = new RecordingProxy(opa.url());
             TestRepo repo = TestRepo.init(tmp.resolve("repo"))) {
            repo.write(".spendgate/manifests/a.yaml", manifest("a", "2000", "small", "24h")) // SG-BUD-002 at base already
                    .write(".spendgate/manifests/b.yaml", manifest("b", "100", "small", "24h"))
                    .commit("manifests");
            repo.branch("pr").edit(".spendgate/manifests/a.yaml", "ttl: 24h", "ttl: 12h").commit("shorter ttl");

            CliRun r = CliRun.of("check", "-C", repo.dir().toString(), "--base", "main", "--new-only",
                    "--now", CliTest.NOW, "--engine", "opa", "--opa-url", proxy.url());

            assertEquals(0, r.exitCode(), r.out() + r.err());
            assertTrue(r.out().contains("existed at the merge base already: does not block with --new-only"), r.out());
            assertEquals(1, proxy.count("GET /health"), proxy.requests().toString());
            assertEquals(1, proxy.count("GET /v1/data/spendgate/meta"), proxy.requests().toString());
            assertEquals(1, proxy.count("GET /v1/data/spendgate/decision"), proxy.requests().toString());
            assertEquals(2, proxy.count("POST /v1/data/spendgate/decision"), "the change and its base: "
                    + proxy.requests());
        }
    }
}
