package dev.spendgate.jenkins;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Jenkins plugin bundles this module with only jakarta.json and Parsson beside it: its sources
 * may import the JDK, jakarta.json and {@code dev.spendgate.error.ExitCodes} (whose constants javac
 * inlines; the policy engine is a compile-time dependency only), nothing else, and its classes
 * load and run without the policy engine.
 */
class JenkinsCoreDependenciesTest {

    private static final Path CLASSES = location(GateDecision.class);

    @Test
    void importsOnlyTheJdkAndJakartaJson() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/java/dev/spendgate/jenkins"))) {
            List<String> foreign = files.flatMap(f -> lines(f).stream().map(l -> f.getFileName() + ": " + l))
                    .filter(l -> l.contains(": import "))
                    .filter(l -> !l.matches(".*: import (static )?(java\\.|jakarta\\.json\\.|dev\\.spendgate\\.error\\.ExitCodes;).*"))
                    .toList();
            assertEquals(List.of(), foreign);
        }
    }

    /** What the plugin's class loader holds: these classes, jakarta.json and Parsson; the JDK below them. */
    @Test
    void runsWithoutThePolicyEngine() throws Exception {
        URL[] jars = {CLASSES.toUri().toURL(), location(Json.class).toUri().toURL(),
                location(Class.forName("org.eclipse.parsson.JsonProviderImpl")).toUri().toURL()};
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        try (URLClassLoader plugin = new URLClassLoader(jars, ClassLoader.getPlatformClassLoader())) {
            thread.setContextClassLoader(plugin); // as Jenkins runs a step: the JSON provider is looked up there
            assertThrows(ClassNotFoundException.class, () -> plugin.loadClass("dev.spendgate.error.ExitCodes"));
            for (String name : classNames()) {
                Class.forName(name, true, plugin);
            }

            Method of = plugin.loadClass(GateDecision.class.getName()).getMethod("of", int.class, boolean.class);
            for (int code : new int[] {0, 1, 2, 3, 4, 127}) {
                Object decision = of.invoke(null, code, true);
                assertEquals(GateDecision.of(code, true).toString(), decision.toString());
                assertEquals(GateDecision.of(code, true).hasReport(), decision.getClass().getMethod("hasReport").invoke(decision));
            }

            Class<?> parameters = plugin.loadClass(StepParameters.class.getName());
            Object p = parameters.getConstructor().newInstance();
            Object arguments = parameters.getMethod("arguments", Map.class).invoke(p, Map.of("SPENDGATE_JAR", "x.jar"));
            assertEquals(List.of("java", "-jar", "x.jar", "check", "--format", "text",
                    "--report", "spendgate-reports/spendgate.json", "--junit", "spendgate-reports/spendgate-junit.xml",
                    "--sarif", "spendgate-reports/spendgate.sarif"), arguments.getClass().getMethod("command").invoke(arguments));

            Class<?> summary = plugin.loadClass(GateSummary.class.getName());
            Object s = summary.getMethod("read", InputStream.class).invoke(null, new ByteArrayInputStream("""
                    {"schemaVersion": 1, "verdict": "warn", "exitCode": 0, "engine": "drools",
                     "summary": {"manifests": 1, "passed": 0, "warned": 1, "failed": 0, "findings": 1, "waived": 0},
                     "manifests": [{"name": "m", "findings": [{"rule": "SG-GPU-004", "outcome": "warn",
                       "enforcement": "advisory", "file": "m.yaml", "line": 3}]}],
                     "policyFindings": []}""".getBytes(StandardCharsets.UTF_8)));
            assertEquals("warn: 1 manifest, 0 passed, 1 warned, 0 failed, 1 finding, 0 waived",
                    summary.getMethod("headline").invoke(s));
        } finally {
            thread.setContextClassLoader(context);
        }
    }

    private static List<String> classNames() throws IOException {
        try (Stream<Path> files = Files.walk(CLASSES)) {
            List<String> names = files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> CLASSES.relativize(f).toString().replace(f.getFileSystem().getSeparator(), ".").replaceAll("\\.class$", ""))
                    .filter(n -> !n.endsWith("package-info"))
                    .sorted().toList();
            assertTrue(names.contains(GateSummary.Row.class.getName()), names::toString);
            return names;
        }
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
