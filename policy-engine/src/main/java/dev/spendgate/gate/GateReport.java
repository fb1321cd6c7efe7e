package dev.spendgate.gate;

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
        FailOn failOn) {

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
        return new Summary(manifests.size(), passed, warned, failed, findings, waived);
    }

    /** The same report, judged with {@code --fail-on failOn}. */
    public GateReport withFailOn(FailOn failOn) {
        return new GateReport(toolVersion, engine, engineMetadata, policy, manifests, policyFindings, diagnostics,
                rules, failOn);
    }

    /** The exit code of the contract: 1 when something blocks (or warns, with {@code --fail-on warn}), else 0. */
    public int exitCode() {
        Verdict v = verdict();
        if (v == Verdict.FAIL || (v == Verdict.WARN && failOn == FailOn.WARN)) {
            return ExitCodes.BLOCKED;
        }
        return ExitCodes.PASS;
    }
}
