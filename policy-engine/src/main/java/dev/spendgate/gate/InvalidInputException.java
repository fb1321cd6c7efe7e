package dev.spendgate.gate;

import java.util.List;

/**
 * Input that does not load: every problem found, each with file, line and column (exit code 3).
 */
public class InvalidInputException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public InvalidInputException(List<Problem> problems) {
        super(problems.isEmpty() ? "invalid input" : problems.get(0).toString());
        this.problems = problems.stream().sorted().toList();
    }

    public List<Problem> problems() {
        return problems;
    }
}
