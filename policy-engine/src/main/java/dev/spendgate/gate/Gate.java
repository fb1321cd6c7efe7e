package dev.spendgate.gate;

import dev.spendgate.cost.Estimate;
import dev.spendgate.engine.Detection;
import dev.spendgate.engine.EngineException;
import dev.spendgate.engine.EngineResult;
import dev.spendgate.engine.EvaluationInput;
import dev.spendgate.engine.ManifestInput;
import dev.spendgate.engine.PreparedPolicies;
import dev.spendgate.input.Diagnostic;
import dev.spendgate.input.SourceLocation;
import dev.spendgate.manifest.Budget;
import dev.spendgate.manifest.Manifest;
import dev.spendgate.policy.Enforcement;
import dev.spendgate.policy.Pack;
import dev.spendgate.policy.PolicySet;
import dev.spendgate.policy.RuleInfo;
import dev.spendgate.policy.Waiver;
import dev.spendgate.spend.SpendAnalysis;
import dev.spendgate.spend.SpendSnapshot;
import dev.spendgate.spend.TeamSpend;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The gate: runs the prepared rules over the manifests, then decides, engine-neutrally, what each
 * detection means — its enforcement level (pack default or policy override), whether a waiver
 * covers it, its message — and checks the waivers themselves (SG-WVR-001..004). Rules that judge
 * the cost estimate and did not fire say when they could not vouch for an incomplete one.
 *
 * <p>Deterministic: findings are ordered by file position, then rule id; nothing reads the clock
 * but the {@code now} it is given.
 */
public final class Gate {

    static final String WVR_EXPIRED = "SG-WVR-001";
    static final String WVR_STALE = "SG-WVR-002";
    static final String WVR_EXPIRING = "SG-WVR-003";
    static final String WVR_SELF_APPROVED = "SG-WVR-004";
    /** The code of the diagnostic of a rule that could not vouch for an incomplete estimate. */
    public static final String ESTIMATE_UNVOUCHED = "estimate_unvouched";
    private static final Duration EXPIRY_NOTICE = Duration.ofDays(7);

    private static final Comparator<Finding> ORDER = Comparator
            .comparing((Finding f) -> f.location().file())
            .thenComparingInt(f -> f.location().line())
            .thenComparingInt(f -> f.location().column())
            .thenComparing(Finding::rule)
            .thenComparing(Finding::path)
            .thenComparing(Finding::message);

    private final String toolVersion;
    private final PolicySet policy;
    private final Map<String, RuleInfo> rules = new LinkedHashMap<>();

    /**
     * @param packs the packs the policy set selects, loaded (for rule text and default levels)
     */
    public Gate(String toolVersion, PolicySet policy, List<Pack> packs) {
        this.toolVersion = Objects.requireNonNull(toolVersion, "toolVersion == null");
        this.policy = Objects.requireNonNull(policy, "policy == null");
        for (Pack pack : packs) {
            for (RuleInfo rule : pack.rules()) {
                rules.putIfAbsent(rule.id(), rule);
            }
        }
    }

    /**
     * Evaluates {@code manifests}, each against its base version in {@code bases} (by manifest
     * name; a manifest without one is judged as new, and the rules about changes do not apply to
     * it), with live spend {@code spend} as attributed for this run (null when the run has no
     * spend source: the live-spend rules then do not apply).
     *
     * @param pricing the cost model's view of each manifest (estimate, catalog tiers, diagnostics)
     * @throws EngineException when the engine gives no trustworthy decision
     */
    public GateReport evaluate(String engineId, PreparedPolicies engine, List<Manifest> manifests,
                               Map<String, Manifest> bases, Function<Manifest, Priced> pricing, Instant now,
                               SpendSnapshot spend) throws EngineException {
        List<Diagnostic> diagnostics = new ArrayList<>();
        SpendSnapshot snapshot = spend;
        Map<String, TeamSpend> teams = snapshot == null
                ? SpendAnalysis.teams(manifests, policy.parameters().budgets().teamMonthly(), now) : snapshot.teams();
        if (snapshot != null) {
            SpendDiagnostics.add(snapshot, manifests, diagnostics);
        }
        // each manifest (and its base) is priced on its own, so a large run prices on every core
        List<PricedManifest> pricedManifests = PerManifest.map(manifests, m -> {
            Manifest base = bases.get(m.name());
            return new PricedManifest(pricing.apply(m), base == null ? null : pricing.apply(base).estimate());
        });
        List<ManifestInput> inputs = new ArrayList<>(manifests.size());
        Map<String, Manifest> byName = new LinkedHashMap<>();
        Map<String, Priced> priced = new HashMap<>();
        for (int i = 0; i < manifests.size(); i++) {
            Manifest m = manifests.get(i);
            Priced p = pricedManifests.get(i).priced();
            priced.put(m.name(), p);
            diagnostics.addAll(p.diagnostics());
            inputs.add(new ManifestInput(m, p.estimate(), p.catalogTiers(), bases.get(m.name()),
                    pricedManifests.get(i).baseEstimate(), p.catalogModes()));
            byName.put(m.name(), m);
        }
        EngineResult result = engine.evaluate(new EvaluationInput(now, policy.parameters(), inputs, snapshot, teams));

        Map<String, List<Finding>> findings = new HashMap<>();
        for (Detection d : result.detections()) {
            Manifest m = byName.get(d.manifest());
            if (m == null) {
                throw new EngineException("engine_invalid_result",
                        "engine " + engineId + " reported " + d.rule() + " for unknown manifest '" + d.manifest() + "'");
            }
            RuleInfo rule = rules.get(d.rule());
            if (rule == null) {
                throw new EngineException("engine_invalid_result",
                        "engine " + engineId + " reported rule " + d.rule() + ", which no selected pack describes");
            }
            findings.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(finding(rule, d, m.locations().locate(d.path())));
        }
        // what each finding's remedy would save: each manifest's findings on their own, on every core
        List<Map.Entry<String, List<Finding>>> fired = new ArrayList<>(findings.entrySet());
        List<List<Finding>> withSavings = PerManifest.map(fired, e -> e.getValue().stream()
                .map(f -> Savings.priced(f, rules.get(f.rule()), priced.get(e.getKey()).alternatives())).toList());
        for (int i = 0; i < fired.size(); i++) {
            findings.put(fired.get(i).getKey(), new ArrayList<>(withSavings.get(i)));
        }

        List<Finding> policyFindings = new ArrayList<>();
        applyWaivers(findings, byName, now, policyFindings, diagnostics);
        for (Manifest m : manifests) {
            unvouched(m, priced.get(m.name()).estimate(), bases.containsKey(m.name()),
                    findings.getOrDefault(m.name(), List.of()), diagnostics);
        }

        List<ManifestReport> reports = PerManifest.map(manifests, m -> {
            List<Finding> fs = new ArrayList<>(findings.getOrDefault(m.name(), List.of()));
            fs.sort(ORDER);
            return new ManifestReport(m.file(), m.name(), m.kind().name(), m.metadata().team(),
                    Verdict.of(fs), m.spec().budget(), priced.get(m.name()).estimate(), fs,
                    Savings.together(fs, priced.get(m.name()).alternatives()), m.metadata().owner(),
                    m.metadata().environment().name());
        });
        policyFindings.sort(ORDER);
        diagnostics.sort(Diagnostic.ORDER);
        return GateReport.builder().toolVersion(toolVersion).engine(engineId).engineMetadata(result.metadata())
                .policy(policy.name()).manifests(reports).policyFindings(policyFindings).diagnostics(dedupe(diagnostics))
                .rules(enforcedRules()).spend(snapshot).build();
    }

    /**
     * An incomplete estimate is a lower bound: a rule that judges the estimate and did not fire has
     * not shown that the manifest is fine. Each such rule says so in an {@code estimate_unvouched}
     * warning at {@code /spec/budget/amount} (or its nearest present ancestor). A rule that also
     * needs a budget says nothing for a manifest without a positive budget amount: it does not
     * apply there at all; nor does one that needs a base version for a manifest without one.
     */
    private void unvouched(Manifest m, Estimate estimate, boolean hasBase, List<Finding> fired,
                           List<Diagnostic> diagnostics) {
        if (estimate.complete()) {
            return;
        }
        Budget budget = m.spec().budget();
        boolean hasBudget = budget != null && budget.amount() != null && budget.amount().signum() > 0;
        for (RuleInfo rule : rules.values()) {
            if (!rule.needsEstimate() || rule.needsBudget() && !hasBudget || rule.needsBase() && !hasBase
                    || fired.stream().anyMatch(f -> f.rule().equals(rule.id()))) {
                continue;
            }
            String consequence = rule.needsBudget()
                    ? "a budget of " + budget.amount().toPlainString() + " " + budget.currency() + " may not cover it"
                    : "the real cost may be more than the " + estimate.total().toPlainString() + " "
                    + estimate.currency() + " it was judged on";
            diagnostics.add(Diagnostic.warning(ESTIMATE_UNVOUCHED, m.locations().locate("/spec/budget/amount"),
                    rule.id() + " could not vouch for '" + m.name() + "': the estimate is incomplete ("
                            + unpriced(m, estimate.unpriced()) + "), so " + consequence));
        }
    }

    /** {@code unpriced model 'foo', GPU type 'H200'}. */
    private static String unpriced(Manifest m, List<String> names) {
        String gpuType = m.spec().compute() == null ? null : m.spec().compute().gpuType();
        List<String> parts = new ArrayList<>(names.size());
        for (String name : names) {
            parts.add((name.equals(gpuType) ? "GPU type '" : "model '") + name + "'");
        }
        return "unpriced " + String.join(", ", parts);
    }

    private List<EnforcedRule> enforcedRules() {
        List<EnforcedRule> out = new ArrayList<>(rules.size());
        for (RuleInfo rule : rules.values()) {
            out.add(new EnforcedRule(rule, policy.enforcement().getOrDefault(rule.id(), rule.level())));
        }
        return out;
    }

    private Finding finding(RuleInfo rule, Detection d, SourceLocation at) {
        Enforcement level = policy.enforcement().getOrDefault(rule.id(), rule.level());
        Outcome outcome = level == Enforcement.ADVISORY ? Outcome.WARN : Outcome.FAIL;
        return Finding.builder().rule(rule.id(), rule.title(), rule.intent()).enforced(level, outcome)
                .message(Messages.fill(rule.message(), d.evidence())).remediation(rule.remediation())
                .at(d.path(), at).evidence(d.evidence()).build();
    }

    /**
     * Soft-mandatory and advisory findings covered by an active waiver become {@code waived};
     * hard-mandatory ones never do. Expired waivers let their findings block again (SG-WVR-001),
     * waivers that cover nothing are stale (SG-WVR-002), and ones about to expire say so (SG-WVR-003).
     * A waiver approved by the owner of the manifest it covers does not apply (SG-WVR-004: no one
     * approves their own spend) unless the policy set makes SG-WVR-004 advisory.
     */
    private void applyWaivers(Map<String, List<Finding>> findings, Map<String, Manifest> byName, Instant now,
                              List<Finding> policyFindings, List<Diagnostic> diagnostics) {
        for (Waiver w : policy.waivers()) {
            Instant end = w.expires().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            boolean expired = !now.isBefore(end);
            Pattern glob = glob(w.manifest());
            if (byName.keySet().stream().noneMatch(n -> glob.matcher(n).matches())) {
                // about manifests this run does not judge: nothing to say of it here
                continue;
            }
            boolean matched = false;
            for (Map.Entry<String, List<Finding>> e : new TreeMap<>(findings).entrySet()) {
                if (!glob.matcher(e.getKey()).matches()) {
                    continue;
                }
                List<Finding> list = e.getValue();
                int count = list.size(); // not the findings this waiver adds
                for (int i = 0; i < count; i++) {
                    Finding f = list.get(i);
                    if (!f.rule().equals(w.rule())) {
                        continue;
                    }
                    matched = true;
                    if (f.enforcement() == Enforcement.HARD_MANDATORY) {
                        diagnostics.add(Diagnostic.warning("waiver_not_applicable", w.locations().locate("/spec/rule"),
                                "waiver '" + w.name() + "' cannot waive " + f.rule() + " on '" + e.getKey()
                                        + "': the rule is hard-mandatory"));
                    } else if (expired) {
                        list.add(waiverFinding(WVR_EXPIRED, w, "/spec/expires", Map.of(
                                "waiver", w.name(), "rule", w.rule(), "manifest", e.getKey(),
                                "expires", w.expires().toString())));
                    } else if (selfApproved(w, byName.get(e.getKey()))) {
                        Finding self = waiverFinding(WVR_SELF_APPROVED, w, "/spec/approver", Map.of(
                                "waiver", w.name(), "rule", w.rule(), "manifest", e.getKey(),
                                "approver", w.approver()));
                        list.add(self);
                        if (self.outcome() == Outcome.WARN) {
                            list.set(i, f.waivedBy(w.name()));
                        }
                    } else {
                        list.set(i, f.waivedBy(w.name()));
                    }
                }
            }
            if (!matched) {
                policyFindings.add(waiverFinding(WVR_STALE, w, "/spec/manifest", Map.of(
                        "waiver", w.name(), "rule", w.rule(), "manifest", w.manifest(),
                        "expires", w.expires().toString())));
            }
            if (!expired && Duration.between(now, end).compareTo(EXPIRY_NOTICE) <= 0) {
                long days = Duration.between(now, end).toHours() / 24;
                policyFindings.add(waiverFinding(WVR_EXPIRING, w, "/spec/expires", Map.of(
                        "waiver", w.name(), "rule", w.rule(), "manifest", w.manifest(),
                        "expires", w.expires().toString(), "daysLeft", BigDecimal.valueOf(days))));
            }
        }
    }

    /** True when the waiver's approver is the manifest's owner (trimmed, ignoring case). */
    private static boolean selfApproved(Waiver w, Manifest m) {
        String owner = m == null ? null : m.metadata().owner();
        return owner != null && owner.trim().equalsIgnoreCase(w.approver().trim());
    }

    private Finding waiverFinding(String ruleId, Waiver w, String path, Map<String, Object> evidence) {
        RuleInfo rule = rules.get(ruleId);
        Detection d = new Detection(ruleId, w.manifest(), path, evidence);
        if (rule == null) {
            // the selected packs do not describe the waiver rules; say it plainly rather than drop it
            rule = new RuleInfo(ruleId, ruleId, "waivers", Enforcement.ADVISORY, "",
                    "waiver {waiver} for {rule} on {manifest} (expires {expires})", "Review the waiver.", "");
        }
        return finding(rule, d, w.locations().locate(path));
    }

    /** A manifest-name glob: {@code *} any run of characters, {@code ?} one character. */
    static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    re.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                re.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            re.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(re.toString());
    }

    private static List<Diagnostic> dedupe(List<Diagnostic> diagnostics) {
        Set<Diagnostic> seen = new LinkedHashSet<>(diagnostics);
        return new ArrayList<>(seen);
    }

    /** What the cost model made of a manifest, and the estimate of its base version when it has one. */
    private record PricedManifest(Priced priced, Estimate baseEstimate) {
    }
}
