package dev.spendgate.gate;

import dev.spendgate.input.SourceLocation;
import dev.spendgate.policy.Enforcement;

import java.util.Map;
import java.util.Objects;

/**
 * A rule's verdict on one manifest, ready to report: what fired, where, why, how it counts, and
 * how to fix it.
 *
 * @param waiver      the name of the waiver that covers it (outcome {@code waived}), or null
 * @param preexisting true when, with {@code --new-only}, the same finding (manifest name, rule, JSON
 *                    pointer) existed at the merge base: it is reported but does not block
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
        boolean preexisting) {

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
    }

    /** A finding of the change itself (not known to exist at a base revision). */
    public Finding(String rule, String title, String intent, Enforcement enforcement, Outcome outcome, String message,
                   String remediation, String path, SourceLocation location, Map<String, Object> evidence, String waiver) {
        this(rule, title, intent, enforcement, outcome, message, remediation, path, location, evidence, waiver, false);
    }

    /**
     * The same finding, known to exist at the base revision already: it no longer blocks
     * ({@code fail} becomes {@code warn}).
     */
    Finding asPreexisting() {
        return new Finding(rule, title, intent, enforcement, outcome == Outcome.FAIL ? Outcome.WARN : outcome, message,
                remediation, path, location, evidence, waiver, true);
    }
}
