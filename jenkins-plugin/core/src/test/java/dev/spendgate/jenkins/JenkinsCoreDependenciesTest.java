package dev.spendgate.jenkins;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Jenkins plugin bundles this package with only jakarta.json beside it: it may import the JDK,
 * jakarta.json and {@code dev.spendgate.error.ExitCodes} (whose constants javac inlines), nothing else.
 */
class JenkinsCoreDependenciesTest {

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

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
