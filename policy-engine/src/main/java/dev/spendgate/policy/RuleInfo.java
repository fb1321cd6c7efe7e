package dev.spendgate.policy;

import java.util.Objects;

/**
 * A rule as its pack describes it; the text lives once, in {@code pack.yaml}.
 *
 * @param message a template for the finding's message; {@code {key}} is replaced by the evidence
 *                value of that key, so every engine yields the same words
 */
public record RuleInfo(
        String id,
        String title,
        String intent,
        Enforcement level,
        String description,
        String message,
        String remediation,
        String docs) {

    public RuleInfo {
        Objects.requireNonNull(id, "id == null");
        Objects.requireNonNull(title, "title == null");
        Objects.requireNonNull(intent, "intent == null");
        Objects.requireNonNull(level, "level == null");
        Objects.requireNonNull(message, "message == null");
        Objects.requireNonNull(remediation, "remediation == null");
        description = description == null ? "" : description;
        docs = docs == null ? "" : docs;
    }
}
