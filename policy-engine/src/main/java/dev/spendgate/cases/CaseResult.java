package dev.spendgate.cases;

import dev.spendgate.gate.GateReport;

import java.util.List;

/**
 * The result of one case on one engine.
 *
 * @param failures what did not hold, one sentence each; empty when the case passed
 * @param report   the gate's report, for comparing engines (null when the case could not run)
 */
public record CaseResult(PackCase testCase, String engine, List<String> failures, GateReport report) {

    public CaseResult {
        failures = List.copyOf(failures);
    }

    public boolean passed() {
        return failures.isEmpty();
    }
}
