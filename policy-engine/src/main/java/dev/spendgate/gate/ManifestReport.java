package dev.spendgate.gate;

import dev.spendgate.cost.Estimate;
import dev.spendgate.manifest.Budget;

import java.util.List;
import java.util.Objects;

/**
 * The gate's verdict on one manifest, its declared budget (null when it declares none), its
 * estimate and its findings in report order.
 */
public record ManifestReport(String file, String name, String kind, String team, Verdict verdict,
                             Budget budget, Estimate estimate, List<Finding> findings) {

    public ManifestReport {
        Objects.requireNonNull(file, "file == null");
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(kind, "kind == null");
        Objects.requireNonNull(verdict, "verdict == null");
        Objects.requireNonNull(estimate, "estimate == null");
        findings = List.copyOf(findings);
    }
}
