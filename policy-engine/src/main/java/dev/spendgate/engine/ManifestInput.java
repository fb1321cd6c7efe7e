package dev.spendgate.engine;

import dev.spendgate.cost.Estimate;
import dev.spendgate.manifest.Manifest;
import dev.spendgate.manifest.ModelTier;

import java.util.Map;
import java.util.Objects;

/**
 * A manifest with what the gate knows about it before the rules run.
 *
 * @param catalogTiers the price catalog's tier of each listed model it knows
 * @param base         the manifest's base version: the manifest of the same name at the base
 *                     revision of the change under review (or a case's {@code base:}); null when
 *                     there is none, and then the rules about changes (SG-CHG-*) do not apply
 */
public record ManifestInput(Manifest manifest, Estimate estimate, Map<String, ModelTier> catalogTiers, Manifest base) {

    public ManifestInput {
        Objects.requireNonNull(manifest, "manifest == null");
        Objects.requireNonNull(estimate, "estimate == null");
        catalogTiers = Map.copyOf(catalogTiers);
    }

    /** A manifest without a base version. */
    public ManifestInput(Manifest manifest, Estimate estimate, Map<String, ModelTier> catalogTiers) {
        this(manifest, estimate, catalogTiers, null);
    }
}
