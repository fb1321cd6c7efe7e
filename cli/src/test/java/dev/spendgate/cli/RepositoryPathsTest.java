package dev.spendgate.cli;

import dev.spendgate.git.testing.TestRepo;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.spendgate.git.testing.TestRepo.manifest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The formats a code host places on lines (SARIF, GitLab Code Quality, GitHub annotations, links
 * at the head commit) name files relative to the repository's top folder, however the run was
 * started: with {@code -C DIR}, in a subfolder, with absolute paths, or with an explicit
 * {@code --source-root}; a file outside the repository keeps its absolute place.
 */
class RepositoryPathsTest {

    @TempDir
    Path tmp;

    /** A repository with a project in a subfolder: ml/manifests/{a,b}.yaml, each breaking SG-TTL-002. */
    private TestRepo repository() {
        TestRepo repo = TestRepo.init(tmp.resolve("repo"));
        repo.write("ml/manifests/a.yaml", manifest("a", "100", "small", "30d"))
                .write("ml/manifests/team/b.yaml", manifest("b", "100", "small", "30d"))
                .commit("manifests");
        return repo;
    }

    private static final Set<String> EXPECTED = Set.of("ml/manifests/a.yaml", "ml/manifests/team/b.yaml");

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    private static String rootUri(Path dir) throws IOException {
        String uri = dir.toRealPath().toUri().toString();
        return uri.endsWith("/") ? uri : uri + "/";
    }

    /** The artifact URIs of a SARIF report, each checked to be relative to %SRCROOT% when {@code relative}. */
    private static Set<String> sarifUris(String sarif, boolean relative) {
        JsonObject run = json(sarif).getJsonArray("runs").getJsonObject(0);
        Set<String> uris = new TreeSet<>();
        for (JsonValue v : run.getJsonArray("results")) {
            JsonObject artifact = v.asJsonObject().getJsonArray("locations").getJsonObject(0)
                    .getJsonObject("physicalLocation").getJsonObject("artifactLocation");
            if (relative) {
                assertEquals("%SRCROOT%", artifact.getString("uriBaseId"), artifact.toString());
            } else {
                assertFalse(artifact.containsKey("uriBaseId"), artifact.toString());
            }
            uris.add(artifact.getString("uri"));
        }
        assertFalse(uris.isEmpty(), sarif);
        return uris;
    }

    private static String srcroot(String sarif) {
        return json(sarif).getJsonArray("runs").getJsonObject(0).getJsonObject("originalUriBaseIds")
                .getJsonObject("%SRCROOT%").getString("uri");
    }

    private static Set<String> gitlabPaths(String gitlab) {
        Set<String> paths = new TreeSet<>();
        JsonArray issues = Json.createReader(new StringReader(gitlab)).readArray();
        for (JsonValue v : issues) {
            paths.add(v.asJsonObject().getJsonObject("location").getString("path"));
        }
        return paths;
    }

    private static Set<String> annotationFiles(String github) {
        Set<String> files = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^::(?:error|warning|notice) [^\\n]*?,file=([^,]+),line=").matcher(github);
        while (m.find()) {
            files.add(m.group(1));
        }
        return files;
    }

    @Test
    void withDirectoryTheFilesAreNamedFromTheRepositoryNotFromDir() throws IOException {
        try (TestRepo repo = repository()) {
            String dir = repo.dir().resolve("ml").toString();
            CliRun sarif = CliRun.of("check", "-C", dir, "manifests", "--now", CliTest.NOW, "--format", "sarif");
            assertEquals(1, sarif.exitCode(), sarif.err());
            assertEquals(EXPECTED, sarifUris(sarif.out(), true));
            assertEquals(rootUri(repo.dir()), srcroot(sarif.out()));

            CliRun gitlab = CliRun.of("check", "-C", dir, "manifests", "--now", CliTest.NOW, "--format", "gitlab");
            assertEquals(EXPECTED, gitlabPaths(gitlab.out()));
            CliRun github = CliRun.of("check", "-C", dir, "manifests", "--now", CliTest.NOW, "--format", "github");
            assertEquals(EXPECTED, annotationFiles(github.out()));

            // the text report still names the files as the run was given them
            CliRun text = CliRun.of("check", "-C", dir, "manifests", "--now", CliTest.NOW);
            assertTrue(text.out().contains(" manifests/a.yaml"), text.out());
        }
    }

    @Test
    void absolutePathsAreNamedFromTheRepository() throws IOException {
        try (TestRepo repo = repository()) {
            String manifests = repo.dir().resolve("ml/manifests").toAbsolutePath().toString();
            CliRun sarif = CliRun.of("check", "-C", repo.dir().resolve("ml").toString(), manifests,
                    "--now", CliTest.NOW, "--format", "sarif");
            assertEquals(EXPECTED, sarifUris(sarif.out(), true));
            CliRun gitlab = CliRun.of("check", "-C", repo.dir().toString(), manifests, "--now", CliTest.NOW,
                    "--format", "gitlab");
            assertEquals(EXPECTED, gitlabPaths(gitlab.out()));
        }
    }

    @Test
    void theExamplesByAbsolutePathAndWithDirectoryNameExamplesManifests() throws IOException {
        // this project's own repository: the tests run in cli/, the examples are ../examples
        Path examples = Path.of("../examples").toAbsolutePath().normalize();
        CliRun absolute = CliRun.of("check", examples.resolve("manifests").toString(), "--policy",
                examples.resolve("policy.yaml").toString(), "--now", CliTest.NOW, "--format", "sarif");
        CliRun directory = CliRun.of("check", "-C", examples.toString(), "manifests", "--policy", "policy.yaml",
                "--now", CliTest.NOW, "--format", "sarif");
        Set<String> uris = sarifUris(absolute.out(), true);
        assertTrue(uris.contains("examples/manifests/llm/contract-extractor.yaml"), uris.toString());
        assertTrue(uris.stream().allMatch(u -> u.startsWith("examples/manifests/")), uris.toString());
        assertEquals(uris, sarifUris(directory.out(), true));
        assertEquals(rootUri(Path.of("..")), srcroot(absolute.out()));
    }

    @Test
    void aSubfolderWorkingDirectoryIsNamedFromTheRepository() throws Exception {
        try (TestRepo repo = repository()) {
            Path out = tmp.resolve("report.sarif");
            Path gitlab = tmp.resolve("report.gitlab");
            Process p = spendgate(repo.dir().resolve("ml"), "check", "manifests", "--now", CliTest.NOW,
                    "--sarif", out.toString(), "--format", "gitlab", "--output", gitlab.toString());
            assertEquals(1, p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            String sarif = Files.readString(out);
            assertEquals(EXPECTED, sarifUris(sarif, true));
            assertEquals(rootUri(repo.dir()), srcroot(sarif));
            assertEquals(EXPECTED, gitlabPaths(Files.readString(gitlab)));
        }
    }

    @Test
    void anExplicitSourceRootNamesFilesFromThere() throws IOException {
        try (TestRepo repo = repository()) {
            CliRun sarif = CliRun.of("check", "-C", repo.dir().resolve("ml").toString(), "manifests",
                    "--source-root", ".", "--now", CliTest.NOW, "--format", "sarif");
            assertEquals(Set.of("manifests/a.yaml", "manifests/team/b.yaml"), sarifUris(sarif.out(), true));
            assertEquals(rootUri(repo.dir().resolve("ml")), srcroot(sarif.out()));
        }
    }

    @Test
    void aFileOutsideTheRepositoryKeepsItsAbsolutePlace() throws IOException {
        Path outside = tmp.resolve("outside folder");
        Files.createDirectories(outside);
        Files.writeString(outside.resolve("a.yaml"), manifest("a", "100", "small", "30d"));
        try (TestRepo repo = repository()) {
            CliRun sarif = CliRun.of("check", "-C", repo.dir().toString(), outside.resolve("a.yaml").toString(),
                    "--now", CliTest.NOW, "--format", "sarif");
            String uri = outside.resolve("a.yaml").toRealPath().toUri().toString();
            assertTrue(uri.startsWith("file:///") && uri.contains("outside%20folder"), uri);
            assertEquals(Set.of(uri), sarifUris(sarif.out(), false));
            CliRun gitlab = CliRun.of("check", "-C", repo.dir().toString(), outside.resolve("a.yaml").toString(),
                    "--now", CliTest.NOW, "--format", "gitlab");
            assertEquals(Set.of(outside.resolve("a.yaml").toString().replace('\\', '/')), gitlabPaths(gitlab.out()),
                    "as given: no repository path to name it by");
        }
    }

    /** Runs the command line in a fresh JVM started in {@code dir}; waits for it. */
    private static Process spendgate(Path dir, String... args) throws IOException, InterruptedException {
        String classPath = String.join(File.pathSeparator, Arrays.stream(System.getProperty("java.class.path")
                .split(File.pathSeparator)).map(p -> Path.of(p).toAbsolutePath().toString()).toList());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, "dev.spendgate.cli.Main"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "spendgate did not finish");
        return p;
    }
}
