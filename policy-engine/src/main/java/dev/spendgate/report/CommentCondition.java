package dev.spendgate.report;

import dev.spendgate.gate.CostDiff;
import dev.spendgate.gate.Finding;
import dev.spendgate.gate.GateReport;
import dev.spendgate.gate.ManifestReport;
import dev.spendgate.gate.Outcome;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * When a pull-request comment is worth posting ({@code --comment-when}): {@code always}, or any of
 * {@code findings} (a finding that fails or warns) and {@code cost-change} (the change moves the
 * estimated cost by at least a threshold: an amount in the catalog's currency, {@code 100}, or a
 * per cent of the base total, {@code 10%}; the default threshold 0 means any move). When the
 * condition is not met, an existing comment is updated to say so rather than left stale.
 */
public final class CommentCondition {

    /** What can make a comment worth posting. */
    public enum Trigger {
        FINDINGS("findings"), COST_CHANGE("cost-change");

        private final String wireName;

        Trigger(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** Post every time. */
    public static final CommentCondition ALWAYS = new CommentCondition(null, BigDecimal.ZERO, false);

    private final Set<Trigger> triggers;
    private final BigDecimal threshold;
    private final boolean percent;

    private CommentCondition(Set<Trigger> triggers, BigDecimal threshold, boolean percent) {
        this.triggers = triggers;
        this.threshold = threshold;
        this.percent = percent;
    }

    /**
     * {@code when}: {@code always}, or a comma-separated list of {@code findings} and
     * {@code cost-change}; {@code threshold}: {@code 100} (an amount) or {@code 10%}, or null for 0.
     *
     * @throws IllegalArgumentException with a message naming the option, for anything else
     */
    public static CommentCondition parse(String when, String threshold) {
        Objects.requireNonNull(when, "when == null");
        BigDecimal value = BigDecimal.ZERO;
        boolean percent = false;
        if (threshold != null && !threshold.isBlank()) {
            String t = threshold.strip();
            percent = t.endsWith("%");
            String number = percent ? t.substring(0, t.length() - 1).strip() : t;
            try {
                value = new BigDecimal(number);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--comment-cost-threshold: '" + threshold
                        + "' is neither an amount (100) nor a per cent (10%)");
            }
            if (value.signum() < 0) {
                throw new IllegalArgumentException("--comment-cost-threshold: '" + threshold + "' is negative");
            }
        }
        if (when.strip().equalsIgnoreCase("always")) {
            return ALWAYS;
        }
        Set<Trigger> triggers = EnumSet.noneOf(Trigger.class);
        for (String part : when.split(",")) {
            String p = part.strip().toLowerCase(Locale.ROOT);
            Trigger found = null;
            for (Trigger t : Trigger.values()) {
                if (t.wireName().equals(p)) {
                    found = t;
                }
            }
            if (found == null) {
                throw new IllegalArgumentException("--comment-when: '" + part.strip()
                        + "' is not one of always, findings, cost-change (or findings,cost-change)");
            }
            triggers.add(found);
        }
        return new CommentCondition(triggers, value, percent);
    }

    /** True when {@code report} is worth a comment. */
    public boolean met(GateReport report) {
        return triggers == null || triggers.contains(Trigger.FINDINGS) && hasFindings(report)
                || triggers.contains(Trigger.COST_CHANGE) && costMoved(report.costs());
    }

    /** Why {@code report} is not worth a comment, for the note that replaces a stale one: {@code there are no findings}. */
    public String unmet(GateReport report) {
        List<String> why = new ArrayList<>();
        if (triggers != null && triggers.contains(Trigger.FINDINGS)) {
            why.add("no finding fails or warns");
        }
        if (triggers != null && triggers.contains(Trigger.COST_CHANGE)) {
            why.add(report.costs() == null ? "the change moves no estimate"
                    : "the estimated cost moves by less than " + (percent ? threshold.toPlainString() + "%"
                    : threshold.toPlainString() + " " + report.costs().currency()));
        }
        return String.join(" and ", why);
    }

    /** The condition as the option spells it: {@code findings,cost-change (threshold 10%)}. */
    @Override
    public String toString() {
        if (triggers == null) {
            return "always";
        }
        StringBuilder b = new StringBuilder();
        for (Trigger t : triggers) {
            b.append(b.length() == 0 ? "" : ",").append(t.wireName());
        }
        if (triggers.contains(Trigger.COST_CHANGE) && threshold.signum() > 0) {
            b.append(" (threshold ").append(threshold.toPlainString()).append(percent ? "%" : "").append(')');
        }
        return b.toString();
    }

    private static boolean hasFindings(GateReport report) {
        for (Finding f : report.policyFindings()) {
            if (f.outcome() == Outcome.FAIL || f.outcome() == Outcome.WARN) {
                return true;
            }
        }
        for (ManifestReport m : report.manifests()) {
            for (Finding f : m.findings()) {
                if (f.outcome() == Outcome.FAIL || f.outcome() == Outcome.WARN) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean costMoved(CostDiff costs) {
        if (costs == null || costs.delta().signum() == 0) {
            return false;
        }
        BigDecimal moved = costs.delta().abs();
        if (!percent) {
            return moved.compareTo(threshold) >= 0;
        }
        if (costs.before().signum() == 0) {
            return true; // from nothing, any move is beyond any per cent
        }
        return moved.multiply(BigDecimal.valueOf(100)).compareTo(threshold.multiply(costs.before())) >= 0;
    }
}
