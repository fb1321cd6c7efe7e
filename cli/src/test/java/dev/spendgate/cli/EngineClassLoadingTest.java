package dev.spendgate.cli;

import dev.spendgate.engine.opa.testing.OpaServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run loads only the engine it uses, as {@code -Xlog:class+load} shows in a fresh JVM: a Drools
 * run no class of the HTTP client (Jersey, HK2), so the default engine's cold start does not pay
 * for OPA; an OPA run no Drools class; and a run without a base revision no JGit class.
 */
class EngineClassLoadingTest {

    static final String ONE = "../examples/manifests/experiments/churn-classifier-ft.yaml";

    @TempDir
    Path tmp;

    @Test
    void aDroolsRunLoadsNoHttpClientClassAndAnOpaRunNoDroolsClass() throws Exception {
        List<String> drools = loadedClasses("check", ONE, "--now", CliTest.NOW);
        assertTrue(drools.stream().anyMatch(c -> c.startsWith("org.drools.")), "the Drools run used Drools");
        assertEquals(List.of(), drools.stream().filter(EngineClassLoadingTest::httpClient).toList());
        assertEquals(List.of(), drools.stream().filter(c -> c.startsWith("org.eclipse.jgit.")).toList(),
                "a run without a base revision loads no JGit class");

        Path bundle = tmp.resolve("bundle.tar.gz");
        assertEquals(0, CliRun.of("packs", "bundle", "--output", bundle.toString()).exitCode());
        try (OpaServer opa = OpaServer.start(bundle)) {
            List<String> onOpa = loadedClasses("check", ONE, "--now", CliTest.NOW, "--engine", "opa", "--opa-url", opa.url());
            assertTrue(onOpa.stream().anyMatch(EngineClassLoadingTest::httpClient), "the OPA run used the HTTP client");
            assertEquals(List.of(), onOpa.stream().filter(c -> c.startsWith("org.drools.") || c.startsWith("org.kie.")).toList());
        }
    }

    @Test
    void aPlainCheckLoadsNoDuckDbNoJdbcDriverAndNoHttpClient() throws Exception {
        List<String> classes = loadedClasses("check", ONE, "--now", CliTest.NOW);
        assertEquals(List.of(), classes.stream().filter(c -> c.startsWith("org.duckdb.") || c.startsWith("org.postgresql.")
                || c.startsWith("java.sql.") || c.startsWith("javax.sql.")).toList(), "a check without --spend reads no spend source");
        assertEquals(List.of(), classes.stream().filter(EngineClassLoadingTest::httpClient).toList());
    }

    private static boolean httpClient(String className) {
        return className.startsWith("org.glassfish.") || className.startsWith("jakarta.ws.rs.")
                || className.startsWith("org.jvnet.hk2.") || className.startsWith("javassist.");
    }

    /** The classes a fresh JVM loads running {@code spendgate args...}, which must exit 0 or 1. */
    private List<String> loadedClasses(String... args) throws IOException, InterruptedException {
        Path log = tmp.resolve("classes-" + System.nanoTime() + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:off", "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"),
                "dev.spendgate.cli.Main"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(tmp.resolve("out.txt").toFile()).start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "spendgate did not finish");
        assertTrue(p.exitValue() <= 1, "exit " + p.exitValue() + ": " + Files.readString(tmp.resolve("out.txt")));
        List<String> classes = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            int start = line.indexOf("] ");
            int end = line.indexOf(" source:");
            if (start >= 0 && end > start) {
                classes.add(line.substring(start + 2, end));
            }
        }
        assertTrue(classes.size() > 500, "no class-load log: " + classes.size());
        return classes;
    }
}
