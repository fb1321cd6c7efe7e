package dev.spendgate.yaml;

import dev.spendgate.input.Problem;

import java.util.List;

/**
 * What reading one YAML file gave: its documents, and the problems that kept it (or part of it)
 * from loading. A file with problems has no documents after the first broken one.
 */
public record YamlFile(String file, List<YamlDocument> documents, List<Problem> problems) {

    public YamlFile {
        documents = List.copyOf(documents);
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
