package dev.spendgate.gate;

import dev.spendgate.cost.Estimate;
import dev.spendgate.input.Diagnostic;
import dev.spendgate.manifest.ModelTier;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the cost model says of one manifest before the rules run.
 *
 * @param catalogTiers the catalog's tier of each listed model it knows
 */
public record Priced(Estimate estimate, Map<String, ModelTier> catalogTiers, List<Diagnostic> diagnostics) {

    public Priced {
        Objects.requireNonNull(estimate, "estimate == null");
        catalogTiers = Map.copyOf(catalogTiers);
        diagnostics = List.copyOf(diagnostics);
    }
}
