package dev.spendgate.gate;

import dev.spendgate.cost.Saving;
import dev.spendgate.input.SourceLocation;
import dev.spendgate.policy.Enforcement;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A rule's verdict on one manifest, ready to report: what fired, where, why, how it counts, and
 * how to fix it.
 *
 * @param waiver      the name of the waiver that covers it (outcome {@code waived}), or null
 * @param preexisting true when, with {@code --new-only}, the same finding (manifest name, rule, JSON
 *                    pointer) existed at the merge base: it is reported but does not block
 * @param savings     what the rule's compliant alternative would save, priced with the catalog
 *                    (the message says it too); empty when the rule names no alternative or the
 *                    catalog cannot price one that costs less
 */
public record Finding(
        String rule,
        String title,
        String intent,
        Enforcement enforcement,
        Outcome outcome,
        String message,
        String remediation,
        String path,
        SourceLocation location,
        Map<String, Object> evidence,
        String waiver,
        boolean preexisting,
        List<Saving> savings) {

    public Finding {
        Objects.requireNonNull(rule, "rule == null");
        Objects.requireNonNull(title, "title == null");
        Objects.requireNonNull(intent, "intent == null");
        Objects.requireNonNull(enforcement, "enforcement == null");
        Objects.requireNonNull(outcome, "outcome == null");
        Objects.requireNonNull(message, "message == null");
        Objects.requireNonNull(remediation, "remediation == null");
        Objects.requireNonNull(path, "path == null");
        Objects.requireNonNull(location, "location == null");
        evidence = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(evidence));
        savings = savings == null ? List.of() : List.copyOf(savings);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The same finding, covered by waiver {@code name}: it no longer blocks. */
    Finding waivedBy(String name) {
        return new Finding(rule, title, intent, enforcement, Outcome.WAIVED, message, remediation, path, location,
                evidence, name, preexisting, savings);
    }

    /**
     * The same finding, known to exist at the base revision already: it no longer blocks
     * ({@code fail} becomes {@code warn}).
     */
    Finding asPreexisting() {
        return new Finding(rule, title, intent, enforcement, outcome == Outcome.FAIL ? Outcome.WARN : outcome, message,
                remediation, path, location, evidence, waiver, true, savings);
    }

    /** Builds a {@link Finding}: a finding of the change itself, not waived, unless told otherwise. */
    public static final class Builder {

        private String rule;
        private String title;
        private String intent;
        private Enforcement enforcement;
        private Outcome outcome;
        private String message;
        private String remediation;
        private String path;
        private SourceLocation location;
        private Map<String, Object> evidence = Map.of();
        private String waiver;
        private boolean preexisting;
        private List<Saving> savings = List.of();

        private Builder() {
        }

        /** The rule's id, title and intent. */
        public Builder rule(String id, String title, String intent) {
            this.rule = id;
            this.title = title;
            this.intent = intent;
            return this;
        }

        /** The level the rule is enforced at, and what that makes of this finding. */
        public Builder enforced(Enforcement enforcement, Outcome outcome) {
            this.enforcement = enforcement;
            this.outcome = outcome;
            return this;
        }

        public Builder message(String message) {
            this.message = message;
            return this;
        }

        public Builder remediation(String remediation) {
            this.remediation = remediation;
            return this;
        }

        /** The JSON pointer of the key that caused it, and where that key stands. */
        public Builder at(String path, SourceLocation location) {
            this.path = path;
            this.location = location;
            return this;
        }

        public Builder evidence(Map<String, Object> evidence) {
            this.evidence = evidence;
            return this;
        }

        public Builder waiver(String waiver) {
            this.waiver = waiver;
            return this;
        }

        public Builder preexisting(boolean preexisting) {
            this.preexisting = preexisting;
            return this;
        }

        /** What the rule's alternative would save. */
        public Builder savings(List<Saving> savings) {
            this.savings = savings;
            return this;
        }

        public Finding build() {
            return new Finding(rule, title, intent, enforcement, outcome, message, remediation, path, location, evidence,
                    waiver, preexisting, savings);
        }
    }
}
