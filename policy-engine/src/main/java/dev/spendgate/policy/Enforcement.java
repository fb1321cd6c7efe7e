package dev.spendgate.policy;

/**
 * Enforcement levels, after Sentinel: advisory findings never block; soft-mandatory findings block
 * unless an active waiver covers them; hard-mandatory findings always block.
 */
public enum Enforcement {
    ADVISORY("advisory"), SOFT_MANDATORY("soft-mandatory"), HARD_MANDATORY("hard-mandatory");

    private final String wireName;

    Enforcement(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The level spelled {@code text} (also {@code soft}/{@code hard}), or null. */
    public static Enforcement fromWire(String text) {
        for (Enforcement e : values()) {
            if (e.wireName.equals(text) || e.wireName.equals(text + "-mandatory")) {
                return e;
            }
        }
        return null;
    }
}
