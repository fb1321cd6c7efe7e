package dev.spendgate.error;

import dev.spendgate.input.Problem;

import java.util.Collections;
import java.util.List;

/**
 * Input that does not load: every problem found, each with file, line and column (exit code 3).
 * Its location is that of the first problem.
 */
public class InvalidInputException extends SpendgateException {

    /** The code of every invalid input. */
    public static final String CODE = "input_invalid";

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public InvalidInputException(List<Problem> problems) {
        super(CODE, problems.isEmpty() ? "invalid input" : Collections.min(problems).toString(),
                problems.isEmpty() ? null : Collections.min(problems).location(), null);
        this.problems = problems.stream().sorted().toList();
    }

    /** Every problem, in file, line and column order. */
    public List<Problem> problems() {
        return problems;
    }
}
