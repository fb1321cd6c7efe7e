package dev.spendgate.jenkins;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Jenkins saves the build step with the job and the report page with the build, through a class
 * filter (JEP-200) that refuses classes of a plain library jar unless the jar lists them in
 * {@code META-INF/hudson.remoting.ClassFilter}. Every serializable class of this module is listed
 * (enums pass the filter anyway), and nothing else.
 */
class ClassFilterTest {

    @Test
    void listsEverySerializableClass() throws Exception {
        Set<String> listed = new TreeSet<>();
        try (InputStream in = StepParameters.class.getResourceAsStream("/META-INF/hudson.remoting.ClassFilter")) {
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.matches("#.*|\\s*")).forEach(listed::add);
        }
        Set<String> serializable = new TreeSet<>();
        for (String name : classNames()) {
            Class<?> c = Class.forName(name);
            if (Serializable.class.isAssignableFrom(c) && !c.isEnum()) {
                serializable.add(name);
            }
        }
        assertEquals(Set.of("dev.spendgate.jenkins.GateSummary", "dev.spendgate.jenkins.GateSummary$Row",
                "dev.spendgate.jenkins.StepParameters"), serializable);
        assertEquals(serializable, listed);
    }

    private static List<String> classNames() throws IOException, URISyntaxException {
        Path classes = Path.of(StepParameters.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(classes)) {
            return files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> classes.relativize(f).toString().replace(f.getFileSystem().getSeparator(), ".")
                            .replaceAll("\\.class$", ""))
                    .filter(n -> !n.endsWith("package-info"))
                    .toList();
        }
    }
}
