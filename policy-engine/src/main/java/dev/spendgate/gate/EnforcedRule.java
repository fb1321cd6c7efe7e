package dev.spendgate.gate;

import dev.spendgate.policy.Enforcement;
import dev.spendgate.policy.RuleInfo;

import java.util.Objects;

/** A rule of the selected packs with the level the policy set enforces it at. */
public record EnforcedRule(RuleInfo rule, Enforcement enforcement) {

    public EnforcedRule {
        Objects.requireNonNull(rule, "rule == null");
        Objects.requireNonNull(enforcement, "enforcement == null");
    }
}
