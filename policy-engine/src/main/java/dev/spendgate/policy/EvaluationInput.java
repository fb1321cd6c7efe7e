package dev.spendgate.policy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Everything one evaluation sees: the clock, the resolved parameters and the manifests. */
public record EvaluationInput(Instant now, Parameters parameters, List<ManifestInput> manifests) {

    public EvaluationInput {
        Objects.requireNonNull(now, "now == null");
        Objects.requireNonNull(parameters, "parameters == null");
        manifests = List.copyOf(manifests);
    }
}
