package dev.spendgate.policy;

import java.util.List;
import java.util.Objects;

/**
 * A rule as its pack describes it; the text lives once, in {@code pack.yaml}.
 *
 * @param message a template for the finding's message; {@code {key}} is replaced by the evidence
 *                value of that key, so every engine yields the same words
 * @param needs   what the rule judges beyond the manifest: {@link #NEEDS_ESTIMATE} (the cost
 *                estimate: when it is incomplete and the rule does not fire, the gate says the rule
 *                could not vouch for the manifest) and {@link #NEEDS_BUDGET} (applies only to a
 *                manifest with a positive {@code spec.budget.amount}) and {@link #NEEDS_BASE} (applies
 *                only to a manifest with a base version, in a git-aware run); empty for most rules
 * @param alternative the compliant alternative the gate prices for each finding of the rule, so the
 *                    finding says what the fix would save (one of {@link #ALTERNATIVES}), or null
 */
public record RuleInfo(
        String id,
        String title,
        String intent,
        Enforcement level,
        String description,
        String message,
        String remediation,
        String docs,
        List<String> needs,
        String alternative) {

    /** The rule judges the pre-run cost estimate. */
    public static final String NEEDS_ESTIMATE = "estimate";
    /** The rule applies only to manifests with a positive budget amount. */
    public static final String NEEDS_BUDGET = "budget";
    /** The rule applies only to manifests with a base version (git-aware runs). */
    public static final String NEEDS_BASE = "base";

    /**
     * The alternatives a rule may name, each priced by {@code cost.Alternatives}: {@code spot}
     * (spot capacity), {@code schedule} (a weekday working-hours schedule), {@code smaller-model}
     * (the cheapest lower-tier catalog model), {@code prompt-caching} and {@code shorter-prompt}
     * (for the model at the finding's {@code /spec/models/i} path; {@code shorter-prompt} trims to
     * the evidence's {@code limit}), {@code right-size} (GPUs sized to the evidence's {@code target}
     * utilization).
     */
    public static final List<String> ALTERNATIVES = List.of("spot", "schedule", "smaller-model", "prompt-caching",
            "shorter-prompt", "right-size");

    public RuleInfo {
        Objects.requireNonNull(id, "id == null");
        Objects.requireNonNull(title, "title == null");
        Objects.requireNonNull(intent, "intent == null");
        Objects.requireNonNull(level, "level == null");
        Objects.requireNonNull(message, "message == null");
        Objects.requireNonNull(remediation, "remediation == null");
        description = description == null ? "" : description;
        docs = docs == null ? "" : docs;
        needs = needs == null ? List.of() : List.copyOf(needs);
        if (alternative != null && !ALTERNATIVES.contains(alternative)) {
            throw new IllegalArgumentException("alternative '" + alternative + "' is not one of " + ALTERNATIVES);
        }
    }

    /** A rule without a priced alternative. */
    public RuleInfo(String id, String title, String intent, Enforcement level, String description, String message,
                    String remediation, String docs, List<String> needs) {
        this(id, title, intent, level, description, message, remediation, docs, needs, null);
    }

    /** A rule that needs nothing beyond the manifest. */
    public RuleInfo(String id, String title, String intent, Enforcement level, String description, String message,
                    String remediation, String docs) {
        this(id, title, intent, level, description, message, remediation, docs, List.of(), null);
    }

    /** True when the rule judges the cost estimate ({@link #NEEDS_ESTIMATE}). */
    public boolean needsEstimate() {
        return needs.contains(NEEDS_ESTIMATE);
    }

    /** True when the rule applies only to manifests with a positive budget amount ({@link #NEEDS_BUDGET}). */
    public boolean needsBudget() {
        return needs.contains(NEEDS_BUDGET);
    }

    /** True when the rule applies only to manifests with a base version ({@link #NEEDS_BASE}). */
    public boolean needsBase() {
        return needs.contains(NEEDS_BASE);
    }
}
