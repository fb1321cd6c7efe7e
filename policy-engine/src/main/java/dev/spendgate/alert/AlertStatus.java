package dev.spendgate.alert;

/** What one delivery of an alert says. */
public enum AlertStatus {
    /** First seen: the condition holds and nothing was sent for it before. */
    NEW,
    /** Sent before at a lower level for the same manifest and rule (an advisory that became a block). */
    ESCALATED,
    /** Still open and sent before, repeated because {@code alerts.renotify} has passed. */
    REPEAT,
    /** Sent before and no longer holds (the spend fell back, the manifest is gone). */
    RESOLVED;

    /** The lower-case name used in reports and payloads. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
