package dev.spendgate.examples;

import dev.spendgate.engine.opa.testing.OpaServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The examples through both engines: {@code spendgate check --engine opa} against a real OPA
 * server loaded with the bundle {@code spendgate packs bundle} writes gives the same JSON and text
 * reports as Drools, for the whole folder and for every example alone, except for the fields that
 * name the engine and what it reported ({@code engine}, {@code engineMetadata}).
 */
class ExamplesOnOpaTest {

    private static final String NOW = Run.NOW;

    @TempDir
    static Path tmp;

    private static OpaServer opa;

    private static Run cli(String... args) {
        return Run.cli(args);
    }

    @BeforeAll
    static void serveTheExamplesPolicy() {
        Path bundle = tmp.resolve("bundle.tar.gz");
        Run r = cli("packs", "bundle", "--policy", "policy.yaml", "--output", bundle.toString());
        assertEquals(0, r.code(), r.err());
        opa = OpaServer.start(bundle);
    }

    @AfterAll
    static void stop() {
        if (opa != null) {
            opa.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyExampleGetsTheSameReportOnOpaAsOnDrools() throws IOException {
        List<String> targets = new ArrayList<>();
        targets.add("manifests");
        try (Stream<Path> files = Files.walk(Path.of("manifests"))) {
            files.filter(f -> f.toString().endsWith(".yaml")).sorted()
                    .forEach(f -> targets.add(f.toString().replace('\\', '/')));
        }
        assertEquals(11, targets.size(), targets.toString());
        List<DynamicTest> tests = new ArrayList<>();
        for (String target : targets) {
            tests.add(DynamicTest.dynamicTest(target, () -> {
                for (String format : new String[] {"json", "text"}) {
                    Run drools = cli("check", target, "--policy", "policy.yaml", "--now", NOW, "--format", format);
                    Run onOpa = cli("check", target, "--policy", "policy.yaml", "--now", NOW, "--format", format,
                            "--engine", "opa", "--opa-url", opa.url());
                    assertEquals(drools.code(), onOpa.code(), onOpa.err());
                    assertEquals("", onOpa.err());
                    assertFalse(onOpa.out().isEmpty());
                    assertEquals(engineNeutral(drools.out()), engineNeutral(onOpa.out()), target + " as " + format);
                    if (format.equals("json")) {
                        assertTrue(onOpa.out().contains("\"engine\": \"opa\""), onOpa.out());
                        assertTrue(onOpa.out().contains("\"decision_id\": \""), onOpa.out());
                    }
                }
            }));
        }
        return tests.stream();
    }

    /**
     * The runnable jar as users run it: its merged service files (Jersey's, HK2's) must let the
     * OPA engine start, and its report must be the in-process one.
     */
    @org.junit.jupiter.api.Test
    void theRunnableJarReachesOpaToo() throws Exception {
        Path jar = Path.of("../cli/target/spendgate.jar");
        assertTrue(Files.isRegularFile(jar), jar + " is missing: build to the package phase (./mvnw -B verify)");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "check", "manifests", "--policy", "policy.yaml", "--now", NOW, "--format", "json",
                "--engine", "opa", "--opa-url", opa.url());
        Path out = tmp.resolve("jar-report.json");
        Path err = tmp.resolve("jar-err.txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(2, java.util.concurrent.TimeUnit.MINUTES));
        assertEquals(1, p.exitValue(), Files.readString(err));
        assertEquals("", Files.readString(err));
        Run inProcess = cli("check", "manifests", "--policy", "policy.yaml", "--now", NOW, "--format", "json");
        assertEquals(engineNeutral(inProcess.out()), engineNeutral(Files.readString(out)));
    }

    /** The report without what names the engine: {@code engine}, {@code engineMetadata}, the text footer's engine part. */
    static String engineNeutral(String report) {
        return report.replaceAll("(?s)\"engineMetadata\": \\{.*?},\\s*", "")
                .replaceAll("\"engine\": \"[a-z]+\"", "\"engine\": \"-\"")
                .replaceAll("\\[engine [^\\]]*?, policy ", "[engine -, policy ");
    }
}
