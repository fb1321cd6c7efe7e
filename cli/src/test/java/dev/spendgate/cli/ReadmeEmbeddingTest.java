package dev.spendgate.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's "Embedding the gate in a Java program" example compiles against the library and gates the examples. */
class ReadmeEmbeddingTest {

    @TempDir
    Path tmp;

    @Test
    void theReadmesEmbeddingExampleCompilesAndRuns() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        int section = readme.indexOf("## Embedding the gate in a Java program");
        assertTrue(section >= 0, "README has no embedding section");
        int start = readme.indexOf("```java\n", section) + "```java\n".length();
        String source = readme.substring(start, readme.indexOf("```", start));
        Path file = Files.createDirectories(tmp.resolve("src")).resolve("EmbeddedGate.java");
        Files.writeString(file, source);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int compiled = javac.run(null, null, diagnostics, "-d", tmp.resolve("classes").toString(),
                "-classpath", System.getProperty("java.class.path"), file.toString());
        assertEquals(0, compiled, diagnostics.toString(StandardCharsets.UTF_8));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {tmp.resolve("classes").toUri().toURL()},
                getClass().getClassLoader())) {
            Method main = loader.loadClass("EmbeddedGate").getMethod("main", String[].class);
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[] {"../examples/policy.yaml", "../examples/manifests"});
        } finally {
            System.setOut(stdout);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        CliRun cli = CliRun.of("check", "../examples/manifests", "--policy", "../examples/policy.yaml", "--now",
                "2026-11-22T12:00:00Z", "--format", "text");
        assertEquals(cli.out() + "exit code " + cli.exitCode() + "\n", printed.replace("\r\n", "\n"),
                "the embedded gate judges as the command line does");
    }
}
