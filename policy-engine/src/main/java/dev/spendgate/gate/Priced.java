package dev.spendgate.gate;

import dev.spendgate.cost.Alternatives;
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
 * @param alternatives  the compliant alternatives the catalog can price for it, or null when the
 *                      run prices none
 * @param catalogModes  the catalog's mode of each listed model that is not a text model
 *                      ({@code embedding}, {@code rerank})
 */
public record Priced(Estimate estimate, Map<String, ModelTier> catalogTiers, List<Diagnostic> diagnostics,
                     Alternatives alternatives, Map<String, String> catalogModes) {

    public Priced {
        Objects.requireNonNull(estimate, "estimate == null");
        catalogTiers = Map.copyOf(catalogTiers);
        diagnostics = List.copyOf(diagnostics);
        catalogModes = catalogModes == null ? Map.of() : Map.copyOf(catalogModes);
    }

    /** What the cost model says, without alternatives. */
    public Priced(Estimate estimate, Map<String, ModelTier> catalogTiers, List<Diagnostic> diagnostics) {
        this(estimate, catalogTiers, diagnostics, null, Map.of());
    }
}
