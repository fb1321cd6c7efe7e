package dev.spendgate.report;

import dev.spendgate.gate.Finding;
import dev.spendgate.gate.GateReport;
import dev.spendgate.gate.ManifestReport;

import java.util.ArrayList;
import java.util.List;

/**
 * Every finding of a report with the manifest it belongs to (null for a waiver's own finding), in
 * report order: manifests first, then the waiver findings. Renderers that list findings flat use it.
 */
record Located(ManifestReport manifest, Finding finding) {

    static List<Located> all(GateReport report) {
        List<Located> out = new ArrayList<>();
        for (ManifestReport m : report.manifests()) {
            for (Finding f : m.findings()) {
                out.add(new Located(m, f));
            }
        }
        for (Finding f : report.policyFindings()) {
            out.add(new Located(null, f));
        }
        return out;
    }

    /** The manifest's name, or for a waiver's own finding the waiver's name. */
    String owner() {
        if (manifest != null) {
            return manifest.name();
        }
        Object waiver = finding.evidence().get("waiver");
        return waiver == null ? "" : waiver.toString();
    }

    String fingerprint() {
        return Fingerprints.of(owner(), finding.rule(), finding.path());
    }

    /** The finding's file relative to the report's source root, or as given when it lies outside. */
    String path(GateReport report) {
        return report.sourceRoot().display(finding.location().file());
    }
}
