package dev.spendgate.report.estimate;

import dev.spendgate.cost.Estimate;
import dev.spendgate.cost.PriceCatalog;
import dev.spendgate.cost.Saving;
import dev.spendgate.cost.UnitCosts;
import dev.spendgate.input.Diagnostic;
import dev.spendgate.manifest.Manifest;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * What {@code spendgate estimate} prints: the price catalog and what reading its files left out,
 * then each manifest's itemised estimate. Renderers only format it.
 *
 * @param catalogDiagnostics what reading the price files left out (e.g. skipped LiteLLM entries)
 * @param manifests          in the order the manifests were loaded
 */
public record EstimateReport(PriceCatalog catalog, List<Diagnostic> catalogDiagnostics,
                             List<ManifestEstimate> manifests) {

    public EstimateReport {
        Objects.requireNonNull(catalog, "catalog == null");
        catalogDiagnostics = List.copyOf(catalogDiagnostics);
        manifests = List.copyOf(manifests);
    }

    /**
     * One manifest's estimate and what the estimator said about it.
     *
     * @param alternatives what each compliant alternative the catalog can price would save (with
     *                     {@code --alternatives}; empty otherwise)
     */
    public record ManifestEstimate(Manifest manifest, Estimate estimate, List<Diagnostic> diagnostics,
                                   List<Saving> alternatives) {

        public ManifestEstimate {
            Objects.requireNonNull(manifest, "manifest == null");
            Objects.requireNonNull(estimate, "estimate == null");
            diagnostics = List.copyOf(diagnostics);
            alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
        }

        /** Without alternatives. */
        public ManifestEstimate(Manifest manifest, Estimate estimate, List<Diagnostic> diagnostics) {
            this(manifest, estimate, diagnostics, List.of());
        }

        public String file() {
            return manifest.file();
        }

        public String name() {
            return manifest.name();
        }

        /** Its unit economics: per 1,000 requests, per useful GPU-hour. */
        public UnitCosts unitCosts() {
            return UnitCosts.of(manifest, estimate);
        }

        /** The budget amount, or null when the manifest declares none. */
        public BigDecimal budget() {
            return manifest.spec().budget() == null ? null : manifest.spec().budget().amount();
        }
    }
}
