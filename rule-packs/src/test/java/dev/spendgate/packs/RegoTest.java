package dev.spendgate.packs;

import dev.spendgate.engine.opa.testing.OpaBinary;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real {@code opa} binary over every pack's Rego in the source tree, with the decision module
 * spendgate puts into every bundle: {@code opa check --strict} must pass, and {@code opa test}
 * must run at least one test and pass them all. A failure fails the build; nothing is skipped.
 */
class RegoTest {

    private static final Path PACKS = Path.of("").toAbsolutePath();
    private static final Pattern SUMMARY = Pattern.compile("(?m)^PASS: (\\d+)/(\\d+)$");

    @TempDir
    static Path tmp;

    @TestFactory
    Stream<DynamicTest> everyPacksRegoChecksStrictlyAndPassesItsTests() throws IOException {
        Path decision = decisionModule();
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(PACKS)) {
            for (Path pack : dirs.filter(d -> Files.isRegularFile(d.resolve("pack.yaml"))).sorted().toList()) {
                String id = pack.getFileName().toString();
                Path rego = pack.resolve("rego");
                tests.add(DynamicTest.dynamicTest(id + ": opa check --strict", () -> {
                    assertTrue(hasFiles(rego, ".rego", false), id + "/rego has no Rego files: every pack must run on OPA too");
                    OpaBinary.Run r = OpaBinary.run(PACKS, "check", "--strict", decision.toString(), rego.toString());
                    assertEquals(0, r.exitCode(), "opa check --strict " + id + "/rego failed:\n" + r.output());
                }));
                tests.add(DynamicTest.dynamicTest(id + ": opa test", () -> {
                    assertTrue(hasFiles(rego, "_test.rego", true), id + "/rego has no *_test.rego files");
                    OpaBinary.Run r = OpaBinary.run(PACKS, "test", "-v", decision.toString(), rego.toString());
                    assertEquals(0, r.exitCode(), "opa test " + id + "/rego failed:\n" + r.output());
                    Matcher m = SUMMARY.matcher(r.output());
                    assertTrue(m.find(), "opa test " + id + "/rego ran no test:\n" + r.output());
                    assertEquals(m.group(2), m.group(1), r.output());
                    assertFalse(m.group(1).equals("0"), r.output());
                }));
            }
        }
        assertFalse(tests.isEmpty(), "no pack folders found in " + PACKS);
        return tests.stream();
    }

    /** The decision module as the engine ships it, written out for the opa binary. */
    private static Path decisionModule() throws IOException {
        Path file = Files.createDirectories(tmp.resolve("spendgate")).resolve("decision.rego");
        try (InputStream in = RegoTest.class.getClassLoader().getResourceAsStream("dev/spendgate/policy/bundle/decision.rego")) {
            assertTrue(in != null, "decision.rego is not on the classpath");
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    private static boolean hasFiles(Path dir, String suffix, boolean tests) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .anyMatch(n -> n.endsWith(suffix) && (tests || !n.endsWith("_test.rego")));
        }
    }
}
