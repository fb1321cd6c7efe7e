package dev.spendgate.gate;

import dev.spendgate.cost.Estimate;
import dev.spendgate.cost.Saving;
import dev.spendgate.manifest.Budget;

import java.util.List;
import java.util.Objects;

/**
 * The gate's verdict on one manifest, its declared budget (null when it declares none), its
 * estimate and its findings in report order.
 *
 * @param potentialSavings what the priced alternatives of its findings would save taken together
 *                         (re-estimated at once, not summed), or null when none is priced
 * @param owner            {@code metadata.owner} as written, or null
 * @param environment      {@code metadata.environment}, or null when not known
 */
public record ManifestReport(String file, String name, String kind, String team, Verdict verdict,
                             Budget budget, Estimate estimate, List<Finding> findings, Saving potentialSavings,
                             String owner, String environment) {

    public ManifestReport {
        Objects.requireNonNull(file, "file == null");
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(kind, "kind == null");
        Objects.requireNonNull(verdict, "verdict == null");
        Objects.requireNonNull(estimate, "estimate == null");
        findings = List.copyOf(findings);
    }

    /** A report without priced alternatives, owner or environment. */
    public ManifestReport(String file, String name, String kind, String team, Verdict verdict, Budget budget,
                          Estimate estimate, List<Finding> findings) {
        this(file, name, kind, team, verdict, budget, estimate, findings, null, null, null);
    }

    /** This report with other findings (and the verdict they make). */
    public ManifestReport withFindings(List<Finding> other) {
        return new ManifestReport(file, name, kind, team, Verdict.of(other), budget, estimate, other, potentialSavings,
                owner, environment);
    }
}
