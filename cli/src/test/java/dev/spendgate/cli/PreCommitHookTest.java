package dev.spendgate.cli;

import dev.spendgate.git.testing.TestRepo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static dev.spendgate.git.testing.TestRepo.manifest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pre-commit hook run as pre-commit runs a {@code language: script} hook: the hook's
 * {@code entry} in its clone of this repository, then its {@code args}, then the staged files its
 * {@code files} pattern matches, in the root of the repository being committed to.
 */
class PreCommitHookTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private Map<String, Object> hook;
    private Path jar;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void readTheHook() throws Exception {
        List<Object> hooks = (List<Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(REPOSITORY.resolve(".pre-commit-hooks.yaml")));
        assertEquals(1, hooks.size());
        hook = (Map<String, Object>) hooks.get(0);
        assertEquals("spendgate-validate", hook.get("id"));
        assertEquals("script", hook.get("language"));
        assertEquals(true, hook.get("require_serial"), "one run sees every staged manifest (unique names)");
        assertTrue(Files.isExecutable(REPOSITORY.resolve((String) hook.get("entry"))));
        // the jar a build of this repository leaves, running the classes under test
        Path built = tmp.resolve("build");
        RemoteActionTest.build(built);
        jar = built.resolve("cli/target/spendgate.jar");
    }

    @Test
    void goodStagedManifestsPass() throws Exception {
        try (TestRepo repo = TestRepo.init(tmp.resolve("repo"))) {
            repo.write(".spendgate/manifests/chat.yaml", manifest("chat", "100", "small", "24h"))
                    .write("deploy/values.yaml", "this: [is not, spendgate")   // not matched by files:, never passed
                    .write("README.md", "# repo\n");
            Result r = commit(repo);
            assertEquals(List.of(".spendgate/manifests/chat.yaml"), r.files());
            assertEquals(0, r.code(), r.out() + r.err());
            assertTrue(r.out().startsWith("ok  chat  (Experiment)  .spendgate/manifests/chat.yaml\n"
                    + "1 manifest valid; policy spendgate-defaults (shipped defaults)"), r.out());
        }
    }

    @Test
    void aBadStagedManifestBlocksTheCommitSayingWhere() throws Exception {
        try (TestRepo repo = TestRepo.init(tmp.resolve("repo"))) {
            repo.write(".spendgate/manifests/chat.yaml", manifest("chat", "100", "small", "24h"))
                    .write(".spendgate/manifests/gpu/finetune.yml", manifest("finetune", "100", "huge", "36"));
            Result r = commit(repo);
            assertEquals(List.of(".spendgate/manifests/chat.yaml", ".spendgate/manifests/gpu/finetune.yml"), r.files());
            assertEquals(3, r.code(), r.out() + r.err());
            assertEquals("""
                    .spendgate/manifests/gpu/finetune.yml:7:3: spec.modelTier: "huge" is not one of small, mid, frontier
                    .spendgate/manifests/gpu/finetune.yml:9:3: spec.ttl: "36" is not a duration (use 36h)
                    spendgate: 2 problems in the input (exit 3)
                    """, r.err());
        }
    }

    @Test
    void aStagedPolicySetIsTheOneValidated() throws Exception {
        try (TestRepo repo = TestRepo.init(tmp.resolve("repo"))) {
            repo.write(".spendgate/manifests/chat.yaml", manifest("chat", "100", "small", "24h"))
                    .write(".spendgate/policy.yaml", """
                            apiVersion: spendgate.dev/v1
                            kind: PolicySet
                            metadata: {name: acme}
                            packs: [baseline]
                            intents:
                              budgets: {maxPerExperiment: 1000}
                              expiry: {maxTll: 72h}
                            """);
            Result bad = commit(repo);
            assertEquals(List.of(".spendgate/manifests/chat.yaml", ".spendgate/policy.yaml"), bad.files());
            assertEquals(3, bad.code(), bad.out() + bad.err());
            assertEquals("""
                    .spendgate/policy.yaml:7:12: intents.expiry.maxTll: unknown key, did you mean maxTtl?
                    spendgate: 1 problem in the input (exit 3)
                    """, bad.err());

            repo.edit(".spendgate/policy.yaml", "maxTll", "maxTtl");
            Result good = commit(repo);
            assertEquals(0, good.code(), good.out() + good.err());
            assertTrue(good.out().contains("1 manifest valid; policy acme (.spendgate/policy.yaml)"), good.out());
        }
    }

    private record Result(List<String> files, int code, String out, String err) {
    }

    /** Stages the work tree and runs the hook on what pre-commit would pass it. */
    private Result commit(TestRepo repo) throws Exception {
        repo.git().add().addFilepattern(".").call();
        Pattern files = Pattern.compile((String) hook.get("files"));
        List<String> staged = repo.git().status().call().getAdded().stream()
                .filter(f -> files.matcher(f).find()).sorted().toList();
        List<String> command = new ArrayList<>();
        command.add(REPOSITORY.resolve((String) hook.get("entry")).toString());
        @SuppressWarnings("unchecked")
        List<String> args = (List<String>) hook.getOrDefault("args", List.of());
        command.addAll(args);
        command.addAll(staged);
        ProcessBuilder pb = new ProcessBuilder(command).directory(repo.dir().toFile());
        pb.environment().put("SPENDGATE_JAR", jar.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        String out = read(p.getInputStream());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the hook finished");
        return new Result(staged, p.exitValue(), out, err.get());
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
