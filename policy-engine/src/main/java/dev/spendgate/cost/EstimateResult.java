package dev.spendgate.cost;

import dev.spendgate.input.Diagnostic;

import java.util.List;
import java.util.Objects;

/** An estimate and what the estimator has to say about it (unpriced models and GPU types, ...). */
public record EstimateResult(Estimate estimate, List<Diagnostic> diagnostics) {

    public EstimateResult {
        Objects.requireNonNull(estimate, "estimate == null");
        diagnostics = List.copyOf(diagnostics);
    }
}
