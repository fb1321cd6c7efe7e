package dev.spendgate.gate;

/** What a finding means for the gate: it blocks, it warns, or a waiver covers it. */
public enum Outcome {
    FAIL("fail"), WARN("warn"), WAIVED("waived");

    private final String wireName;

    Outcome(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
