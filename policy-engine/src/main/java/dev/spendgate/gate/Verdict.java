package dev.spendgate.gate;

/** A manifest's or a run's verdict: the worst outcome among its findings. */
public enum Verdict {
    PASS("pass"), WARN("warn"), FAIL("fail");

    private final String wireName;

    Verdict(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    static Verdict of(Iterable<Finding> findings) {
        Verdict v = PASS;
        for (Finding f : findings) {
            if (f.outcome() == Outcome.FAIL) {
                return FAIL;
            }
            if (f.outcome() == Outcome.WARN) {
                v = WARN;
            }
        }
        return v;
    }

    Verdict worst(Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
