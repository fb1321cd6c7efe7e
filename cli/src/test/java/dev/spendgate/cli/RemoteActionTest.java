package dev.spendgate.cli;

import dev.spendgate.git.testing.TestRepo;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.spendgate.git.testing.TestRepo.manifest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Action used from another repository, as the runner runs it: the action unpacked under the
 * runner's {@code _actions/spendgate/spendgate/v1} (no {@code .git}, outside the workspace), the
 * workspace a checkout of a repository that has no Java build of its own. Every step of
 * {@code action.yml} runs through {@link ActionRunner}: the bash steps for real, setup-java and the
 * cache by the model of what they do with their inputs.
 */
class RemoteActionTest {

    private static final Path REPOSITORY = Path.of("..");

    @TempDir
    Path tmp;

    /** The action as the runner unpacks it for {@code uses: spendgate/spendgate@v1}: the repository's files, no .git, no build. */
    private Path unpackAction() throws IOException {
        return unpack(tmp.resolve("runner/_work/_actions/spendgate/spendgate/v1"));
    }

    /** The action's files unpacked into {@code dir}, as the runner does for a ref. */
    static Path unpack(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String file : List.of("action.yml", "pom.xml", "mvnw", "cli/pom.xml", "policy-engine/pom.xml",
                "rule-packs/pom.xml")) {
            Path target = dir.resolve(file);
            Files.createDirectories(target.getParent());
            Files.copy(REPOSITORY.resolve(file), target, StandardCopyOption.COPY_ATTRIBUTES);
        }
        try (Stream<Path> bin = Files.list(REPOSITORY.resolve("bin"))) {
            Files.createDirectories(dir.resolve("bin"));
            for (Path p : bin.toList()) {
                Files.copy(p, dir.resolve("bin").resolve(p.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return dir;
    }

    /**
     * What {@code ./mvnw package} leaves in {@code cli/target}: a runnable spendgate.jar, here one whose
     * class path is this test's (the classes under test), so the steps run the code of this build.
     */
    static void build(Path actionDir) throws IOException {
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "dev.spendgate.cli.Main");
        mf.getMainAttributes().put(Attributes.Name.CLASS_PATH, Arrays.stream(System.getProperty("java.class.path")
                .split(File.pathSeparator)).map(p -> Path.of(p).toAbsolutePath().toUri().toString())
                .collect(Collectors.joining(" ")));
        Path jar = actionDir.resolve("cli/target/spendgate.jar");
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, mf)) {
            j.flush();
        }
    }

    /** A repository of another team: manifests under .spendgate/manifests/, one of them blocked, no pom.xml. */
    private TestRepo workspace() {
        TestRepo repo = TestRepo.init(tmp.resolve("runner/_work/ml-platform/ml-platform"));
        repo.write(".spendgate/manifests/chat.yaml", manifest("chat", "100", "small", "24h"))
                .write(".spendgate/manifests/gpu/finetune.yaml", manifest("finetune", "100", "small", "30d"))
                .write("README.md", "# ml-platform\n")
                .commit("manifests");
        return repo;
    }

    private ActionRunner runner(Path action, Path workspace, ActionRunner.CacheStore cache) throws IOException {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path temp = Files.createDirectories(tmp.resolve("runner/_work/_temp"));
        return new ActionRunner(action, workspace, home, temp, "v1", "ghs_job-token", cache);
    }

    @Test
    void theActionRunsFromOutsideTheWorkspaceAndItsBuildIsCachedByRefSourcesAndJdk() throws Exception {
        ActionRunner.CacheStore cache = new ActionRunner.CacheStore();
        try (TestRepo repo = workspace()) {
            // first job: nothing cached, the build step builds (here: the jar is what the build left)
            Path action = unpackAction();
            build(action);
            ActionRunner.Result first = runner(action, repo.dir(), cache).run(Map.of());
            assertEquals("success", first.outcomes().get("Set up Java"), first.log());
            assertEquals("success", first.outcomes().get("Build spendgate at the action's ref"), first.log());
            assertEquals("success", first.outcomes().get("Save the spendgate build"), first.log());
            assertEquals("failure", first.outcomes().get("Gate"), "the gate blocks finetune (ttl 30d): " + first.log());
            assertEquals("Gate: Process completed with exit code 1.", first.failure());
            assertEquals("fail", first.outputs().get("verdict"));
            assertEquals("1", first.outputs().get("failed"));
            assertEquals("", first.outputs().get("cost-delta"), "no base revision outside a pull request");
            assertEquals(1, cache.keys().stream().filter(k -> k.startsWith("spendgate-Linux-X64-jdk17-v1-")).count(),
                    cache.keys().toString());

            // the reports land in the workspace, naming files from the repository's top folder
            JsonObject sarif = Json.createReader(new StringReader(Files.readString(repo.dir().resolve("spendgate.sarif"))))
                    .readObject();
            JsonObject artifact = sarif.getJsonArray("runs").getJsonObject(0).getJsonArray("results").getJsonObject(0)
                    .getJsonArray("locations").getJsonObject(0).getJsonObject("physicalLocation")
                    .getJsonObject("artifactLocation");
            assertEquals(".spendgate/manifests/gpu/finetune.yaml", artifact.getString("uri"));
            assertEquals("%SRCROOT%", artifact.getString("uriBaseId"));
            assertTrue(Files.isRegularFile(repo.dir().resolve("spendgate-report.json")));
            assertFalse(Files.exists(repo.dir().resolve("cli")), "nothing of the action's build in the workspace");

            // second job on a fresh runner: the action unpacked again, its build restored from the cache
            Path again = tmp.resolve("runner/_work/_actions/spendgate/spendgate/v1");
            deleteTree(again);
            Path action2 = unpackAction();
            assertFalse(Files.exists(action2.resolve("cli/target/spendgate.jar")));
            ActionRunner.Result second = runner(action2, repo.dir(), cache).run(Map.of());
            assertEquals("success", second.outcomes().get("Restore the spendgate build"), second.log());
            assertEquals("skipped", second.outcomes().get("Build spendgate at the action's ref"), second.log());
            assertEquals("skipped", second.outcomes().get("Save the spendgate build"), second.log());
            assertEquals("failure", second.outcomes().get("Gate"), second.log());
            assertEquals("fail", second.outputs().get("verdict"));

            // another JDK is another build
            deleteTree(again);
            Path action3 = unpackAction();
            build(action3);
            ActionRunner.Result jdk21 = runner(action3, repo.dir(), cache).run(Map.of("java-version", "21"));
            assertEquals("success", jdk21.outcomes().get("Build spendgate at the action's ref"), jdk21.log());
            assertEquals(1, cache.keys().stream().filter(k -> k.startsWith("spendgate-Linux-X64-jdk21-v1-")).count(),
                    cache.keys().toString());
        }
    }

    @Test
    void aPassingGateSucceedsWithItsOutputs() throws Exception {
        try (TestRepo repo = TestRepo.init(tmp.resolve("runner/_work/app/app"))) {
            repo.write("ml/a.yaml", manifest("a", "100", "small", "24h")).commit("one manifest");
            Path action = unpackAction();
            build(action);
            ActionRunner.Result r = runner(action, repo.dir(), new ActionRunner.CacheStore())
                    .run(Map.of("paths", "ml", "sarif", ""));
            assertNull(r.failure(), r.log());
            assertEquals("pass", r.outputs().get("verdict"));
            assertEquals("0", r.outputs().get("failed"));
            assertFalse(Files.exists(repo.dir().resolve("spendgate.sarif")), "sarif: '' writes none");
        }
    }

    /**
     * The Java set-up of the action before this change (cache: maven keyed on the action's own
     * pom.xml) fails here exactly as setup-java fails on a runner: the pom lies outside the workspace.
     */
    @Test
    void theFormerJavaSetUpFailsForAnActionUsedFromAnotherRepository() throws Exception {
        try (TestRepo repo = workspace()) {
            Path action = unpackAction();
            build(action);
            String yml = Files.readString(action.resolve("action.yml"));
            String former = yml.replace("""
                            distribution: temurin
                            java-version: ${{ inputs.java-version }}
                    """, """
                            distribution: temurin
                            java-version: ${{ inputs.java-version }}
                            cache: maven
                            cache-dependency-path: ${{ github.action_path }}/pom.xml
                    """);
            assertFalse(former.equals(yml), "the set-up step is where this test expects it");
            Files.writeString(action.resolve("action.yml"), former);
            ActionRunner.Result r = runner(action, repo.dir(), new ActionRunner.CacheStore()).run(Map.of());
            assertNotNull(r.failure());
            assertEquals("Set up Java: No file in " + repo.dir() + " matched to [" + action.resolve("pom.xml")
                    + "], make sure you have checked out the target repository", r.failure());
            assertEquals("skipped", r.outcomes().get("Gate"));
        }
    }

    @Test
    void theRunnerModelKeepsHashFilesInsideTheWorkspace() throws Exception {
        try (TestRepo repo = workspace()) {
            Path action = unpackAction();
            ActionRunner runner = runner(action, repo.dir(), new ActionRunner.CacheStore());
            assertEquals("", runner.hashFiles(action.resolve("pom.xml").toString()));
            assertEquals("", runner.hashFiles("**/pom.xml"), "the workspace has no pom.xml");
            assertEquals(64, runner.hashFiles("**/*.yaml").length());
            assertEquals(runner.hashFiles(".spendgate/manifests/chat.yaml"),
                    runner.evaluateTemplate("${{ hashFiles('.spendgate/manifests/chat.yaml') }}"));
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
