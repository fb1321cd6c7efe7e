package dev.spendgate.alert;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One alert as a channel is asked to say it: a finding of a watch run (or an orphan: spend no
 * manifest declares) with the change it marks since the last run.
 *
 * @param fingerprint stable across runs: {@code manifest|rule|level}; channels holding state use it
 *                    as their key (PagerDuty's {@code dedup_key}, the GitHub issue marker)
 * @param status      what this delivery says about the alert
 * @param manifest    the manifest's {@code metadata.name}, or the manifest tag of orphaned spend
 * @param file        the manifest's file as shown in reports (repository-relative), or null for an orphan
 * @param line        the line of the finding in that file, or 0
 * @param team        the manifest's team (or the spend's team tag), or null
 * @param environment the manifest's environment, or null
 * @param owner       the manifest's owner as written (an e-mail address or a handle), or null
 * @param ruleId      e.g. {@code SG-SPD-001}
 * @param ruleTitle   the rule's title
 * @param level       {@code advisory}, {@code soft-mandatory} or {@code hard-mandatory}
 * @param message     the finding's message, one sentence with the numbers
 * @param numbers     the finding's evidence (spent, amount, threshold, currency, ...), in order
 * @param at          the run's clock
 * @param runUrl      a link to the run (CI job), or null
 */
public record Alert(String fingerprint, AlertStatus status, String manifest, String file, int line, String team,
                    String environment, String owner, String ruleId, String ruleTitle, String level,
                    String message, Map<String, String> numbers, Instant at, String runUrl) {

    public Alert {
        Objects.requireNonNull(fingerprint, "fingerprint == null");
        Objects.requireNonNull(status, "status == null");
        Objects.requireNonNull(manifest, "manifest == null");
        Objects.requireNonNull(ruleId, "ruleId == null");
        Objects.requireNonNull(ruleTitle, "ruleTitle == null");
        Objects.requireNonNull(level, "level == null");
        Objects.requireNonNull(message, "message == null");
        Objects.requireNonNull(at, "at == null");
        numbers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(numbers));
    }

    /** The fingerprint of an alert: the manifest, the rule and the enforcement level. */
    public static String fingerprint(String manifest, String ruleId, String level) {
        return manifest + "|" + ruleId + "|" + level;
    }

    /** This alert with another status (a resolve of what was sent before, say). */
    public Alert withStatus(AlertStatus other) {
        return new Alert(fingerprint, other, manifest, file, line, team, environment, owner, ruleId, ruleTitle, level,
                message, numbers, at, runUrl);
    }

    /** True when the alert is a resolve: the condition no longer holds. */
    public boolean resolved() {
        return status == AlertStatus.RESOLVED;
    }
}
