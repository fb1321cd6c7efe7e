package dev.spendgate.policy;

import dev.spendgate.cost.Estimate;
import dev.spendgate.manifest.Manifest;
import dev.spendgate.manifest.ModelTier;

import java.util.Map;
import java.util.Objects;

/**
 * A manifest with what the gate knows about it before the rules run.
 *
 * @param catalogTiers the price catalog's tier of each listed model it knows
 */
public record ManifestInput(Manifest manifest, Estimate estimate, Map<String, ModelTier> catalogTiers) {

    public ManifestInput {
        Objects.requireNonNull(manifest, "manifest == null");
        Objects.requireNonNull(estimate, "estimate == null");
        catalogTiers = Map.copyOf(catalogTiers);
    }
}
