package dev.spendgate.report;

import dev.spendgate.gate.Finding;
import dev.spendgate.gate.GateReport;
import dev.spendgate.gate.ManifestReport;
import dev.spendgate.input.DisplayPath;

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

    /** A repository-relative path: forward slashes, without a leading {@code ./}. */
    String uri() {
        return uri(finding.location().file());
    }

    /** {@code file} as a repository-relative path: forward slashes, without a leading {@code ./}. */
    static String uri(String display) {
        String file = DisplayPath.of(display).text();
        while (file.startsWith("./")) {
            file = file.substring(2);
        }
        return file;
    }
}
