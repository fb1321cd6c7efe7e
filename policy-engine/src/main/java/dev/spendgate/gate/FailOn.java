package dev.spendgate.gate;

/** Which outcome makes the gate exit 1: {@code fail} (the default) or also {@code warn}. */
public enum FailOn {
    FAIL, WARN
}
