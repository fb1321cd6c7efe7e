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
 * @param catalogModes what each listed model the catalog knows does, when it is not a text model:
 *                     {@code embedding} or {@code rerank} (such a model writes no output tokens)
 * @param base         the manifest's base version: the manifest of the same name at the base
 *                     revision of the change under review (or a case's {@code base:}); null when
 *                     there is none, and then the rules about changes (SG-CHG-*) do not apply
 */
public record ManifestInput(Manifest manifest, Estimate estimate, Map<String, ModelTier> catalogTiers, Manifest base,
                            Estimate baseEstimate, Map<String, String> catalogModes) {

    /**
     * @param baseEstimate the base version's estimate, priced with the same catalog; null exactly
     *                     when there is no base version
     */
    public ManifestInput {
        Objects.requireNonNull(manifest, "manifest == null");
        Objects.requireNonNull(estimate, "estimate == null");
        catalogTiers = Map.copyOf(catalogTiers);
        catalogModes = catalogModes == null ? Map.of() : Map.copyOf(catalogModes);
        if ((base == null) != (baseEstimate == null)) {
            throw new IllegalArgumentException("a base version comes with its estimate");
        }
    }

    /** A manifest of text models only. */
    public ManifestInput(Manifest manifest, Estimate estimate, Map<String, ModelTier> catalogTiers, Manifest base,
                         Estimate baseEstimate) {
        this(manifest, estimate, catalogTiers, base, baseEstimate, Map.of());
    }

    /** A manifest of text models only, without a base version. */
    public ManifestInput(Manifest manifest, Estimate estimate, Map<String, ModelTier> catalogTiers) {
        this(manifest, estimate, catalogTiers, null, null, Map.of());
    }

    /** How the estimate moved against the base version's, or null without a base version. */
    public Derived.EstimateChange estimateChange() {
        return baseEstimate == null ? null : Derived.estimateChange(baseEstimate, estimate);
    }
}
