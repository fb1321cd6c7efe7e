package dev.spendgate.gate;

import dev.spendgate.cost.CatalogOrigin;
import dev.spendgate.error.ExitCodes;
import dev.spendgate.git.ChangeSummary;
import dev.spendgate.input.Diagnostic;
import dev.spendgate.input.SourceRoot;
import dev.spendgate.input.Skipped;
import dev.spendgate.spend.SpendSnapshot;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of one gate run: a verdict per manifest, findings that belong to no manifest
 * (stale or expiring waivers), and diagnostics. The exit code is computed on it.
 *
 * @param engineMetadata what the engine wants reported, e.g. OPA's {@code decision_id}
 * @param rules          every rule of the selected packs, in pack order, with the level the policy
 *                       set enforces it at (for formats that list the rules checked: SARIF, JUnit)
 * @param changes        what a git-aware run judged against its base revision; null otherwise
 * @param spend          the live spend the run judged, attributed; null when it had no spend source
 * @param costs          what a git-aware run's change does to the estimates; null otherwise
 * @param prices         the price files the estimates were made with, lowest first (their dates are
 *                       named in every report); empty when not known
 * @param sourceRoot     where the formats a code host reads name files from (SARIF, GitLab, GitHub
 *                       annotations, links); the process's working folder when not given
 * @param skipped        the files discovery found but could not judge, with the reason
 */
public record GateReport(
        String toolVersion,
        String engine,
        Map<String, String> engineMetadata,
        String policy,
        List<ManifestReport> manifests,
        List<Finding> policyFindings,
        List<Diagnostic> diagnostics,
        List<EnforcedRule> rules,
        FailOn failOn,
        ChangeSummary changes,
        SpendSnapshot spend,
        CostDiff costs,
        List<CatalogOrigin> prices,
        SourceRoot sourceRoot,
        List<Skipped> skipped) {

    public GateReport {
        Objects.requireNonNull(failOn, "failOn == null");
        Objects.requireNonNull(toolVersion, "toolVersion == null");
        Objects.requireNonNull(engine, "engine == null");
        Objects.requireNonNull(policy, "policy == null");
        engineMetadata = Map.copyOf(engineMetadata);
        manifests = List.copyOf(manifests);
        policyFindings = List.copyOf(policyFindings);
        diagnostics = List.copyOf(diagnostics);
        rules = List.copyOf(rules);
        prices = prices == null ? List.of() : List.copyOf(prices);
        sourceRoot = sourceRoot == null ? SourceRoot.workingFolder() : sourceRoot;
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this report's values, to change some of them. */
    public Builder toBuilder() {
        return new Builder().toolVersion(toolVersion).engine(engine).engineMetadata(engineMetadata).policy(policy)
                .manifests(manifests).policyFindings(policyFindings).diagnostics(diagnostics).rules(rules)
                .failOn(failOn).changes(changes).spend(spend).costs(costs).prices(prices).sourceRoot(sourceRoot).skipped(skipped);
    }

    public Verdict verdict() {
        Verdict v = Verdict.of(policyFindings);
        for (ManifestReport m : manifests) {
            v = v.worst(m.verdict());
        }
        return v;
    }

    public Summary summary() {
        int passed = 0;
        int warned = 0;
        int failed = 0;
        int findings = policyFindings.size();
        int waived = (int) policyFindings.stream().filter(f -> f.outcome() == Outcome.WAIVED).count();
        for (ManifestReport m : manifests) {
            switch (m.verdict()) {
                case PASS -> passed++;
                case WARN -> warned++;
                case FAIL -> failed++;
            }
            findings += m.findings().size();
            waived += (int) m.findings().stream().filter(f -> f.outcome() == Outcome.WAIVED).count();
        }
        return new Summary(manifests.size(), passed, warned, failed, findings, waived, skipped.size());
    }

    /**
     * The potential savings of the run: the sum of each manifest's
     * {@link ManifestReport#potentialSavings()} in the catalog's currency, or null when no finding
     * has a priced alternative.
     */
    public BigDecimal potentialSavings() {
        BigDecimal total = null;
        for (ManifestReport m : manifests) {
            if (m.potentialSavings() != null) {
                total = (total == null ? BigDecimal.ZERO.setScale(2) : total).add(m.potentialSavings().saves());
            }
        }
        return total;
    }

    /** The same report, judged with {@code --fail-on failOn}. */
    public GateReport withFailOn(FailOn failOn) {
        return toBuilder().failOn(failOn).build();
    }

    /**
     * The same report of a git-aware run: with what it judged against the base revision, and
     * {@code more} diagnostics (sorted in among the others).
     */
    public GateReport withChanges(ChangeSummary changes, List<Diagnostic> more) {
        return toBuilder().changes(changes).diagnostics(merged(more)).build();
    }

    /** Code of the warning that a run found no manifest to judge. */
    public static final String NO_MANIFESTS = "no_manifests";
    /** Code of the warning about a file discovery skipped. */
    public static final String FILE_SKIPPED = "file_skipped";

    /**
     * The same report with the files discovery skipped, each also a {@code file_skipped} warning,
     * and, when discovery found no manifest ({@code none}), a {@code no_manifests} warning.
     */
    public GateReport withSkipped(List<Skipped> files, boolean none) {
        List<Diagnostic> more = new java.util.ArrayList<>();
        for (Skipped s : files) {
            more.add(Diagnostic.warning(FILE_SKIPPED, new dev.spendgate.input.SourceLocation(s.file(), 1, 1),
                    "skipped: " + s.reason()));
        }
        if (none) {
            more.add(Diagnostic.warning(NO_MANIFESTS, null, "no manifests found: nothing was gated"));
        }
        return toBuilder().skipped(files).build().withDiagnostics(more);
    }

    /** The same report with {@code more} diagnostics, sorted in among the others (repeats dropped). */
    public GateReport withDiagnostics(List<Diagnostic> more) {
        if (more.isEmpty()) {
            return this;
        }
        return toBuilder().diagnostics(merged(more)).build();
    }

    private List<Diagnostic> merged(List<Diagnostic> more) {
        List<Diagnostic> all = new java.util.ArrayList<>(diagnostics);
        for (Diagnostic d : more) {
            if (!all.contains(d)) {
                all.add(d);
            }
        }
        all.sort(Diagnostic.ORDER);
        return all;
    }

    /**
     * The same report where only new findings block ({@code --new-only}): a manifest's finding that
     * {@code atBase} has too — same manifest name, rule and JSON pointer, the identity of
     * {@code report.Fingerprints}, whatever file the manifest is in — is marked pre-existing and
     * no longer blocks. Findings about waivers are left as they are.
     */
    public GateReport onlyNew(GateReport atBase) {
        java.util.Set<String> before = new java.util.HashSet<>();
        for (ManifestReport m : atBase.manifests()) {
            m.findings().forEach(f -> before.add(key(m.name(), f)));
        }
        List<ManifestReport> judged = new java.util.ArrayList<>(manifests.size());
        for (ManifestReport m : manifests) {
            List<Finding> fs = m.findings().stream()
                    .map(f -> before.contains(key(m.name(), f)) ? f.asPreexisting() : f).toList();
            judged.add(m.withFindings(fs));
        }
        return toBuilder().manifests(judged).build();
    }

    private static String key(String manifest, Finding f) {
        return manifest + '\u0000' + f.rule() + '\u0000' + f.path();
    }

    /** The exit code of the contract: 1 when something blocks (or warns, with {@code --fail-on warn}), else 0. */
    public int exitCode() {
        Verdict v = verdict();
        if (v == Verdict.FAIL || (v == Verdict.WARN && failOn == FailOn.WARN)) {
            return ExitCodes.BLOCKED;
        }
        return ExitCodes.PASS;
    }

    /** Builds a {@link GateReport}; the fail-on level defaults to {@code fail}, the lists to empty. */
    public static final class Builder {

        private String toolVersion;
        private String engine;
        private Map<String, String> engineMetadata = Map.of();
        private String policy;
        private List<ManifestReport> manifests = List.of();
        private List<Finding> policyFindings = List.of();
        private List<Diagnostic> diagnostics = List.of();
        private List<EnforcedRule> rules = List.of();
        private FailOn failOn = FailOn.FAIL;
        private ChangeSummary changes;
        private SpendSnapshot spend;
        private CostDiff costs;
        private List<CatalogOrigin> prices = List.of();
        private SourceRoot sourceRoot;
        private List<Skipped> skipped = List.of();

        private Builder() {
        }

        public Builder toolVersion(String toolVersion) {
            this.toolVersion = toolVersion;
            return this;
        }

        public Builder engine(String engine) {
            this.engine = engine;
            return this;
        }

        public Builder engineMetadata(Map<String, String> engineMetadata) {
            this.engineMetadata = engineMetadata;
            return this;
        }

        public Builder policy(String policy) {
            this.policy = policy;
            return this;
        }

        public Builder manifests(List<ManifestReport> manifests) {
            this.manifests = manifests;
            return this;
        }

        public Builder policyFindings(List<Finding> policyFindings) {
            this.policyFindings = policyFindings;
            return this;
        }

        public Builder diagnostics(List<Diagnostic> diagnostics) {
            this.diagnostics = diagnostics;
            return this;
        }

        public Builder rules(List<EnforcedRule> rules) {
            this.rules = rules;
            return this;
        }

        public Builder failOn(FailOn failOn) {
            this.failOn = failOn;
            return this;
        }

        public Builder changes(ChangeSummary changes) {
            this.changes = changes;
            return this;
        }

        public Builder spend(SpendSnapshot spend) {
            this.spend = spend;
            return this;
        }

        public Builder prices(List<CatalogOrigin> prices) {
            this.prices = prices;
            return this;
        }

        public Builder costs(CostDiff costs) {
            this.costs = costs;
            return this;
        }

        /** Where code-host formats name files from; default: the process's working folder. */
        public Builder sourceRoot(SourceRoot sourceRoot) {
            this.sourceRoot = sourceRoot;
            return this;
        }

        public Builder skipped(List<Skipped> skipped) {
            this.skipped = skipped;
            return this;
        }

        public GateReport build() {
            return new GateReport(toolVersion, engine, engineMetadata, policy, manifests, policyFindings, diagnostics,
                    rules, failOn, changes, spend, costs, prices, sourceRoot, skipped);
        }
    }
}
