package dev.spendgate.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A policy set with the packs it names, loaded and checked together: every rule id its
 * enforcement overrides and waivers name is defined by one of {@code packs}.
 */
public record LoadedPolicy(PolicySet policySet, List<Pack> packs) {

    public LoadedPolicy {
        Objects.requireNonNull(policySet, "policySet == null");
        packs = List.copyOf(packs);
    }

    /** Every rule of every pack by id, in pack order. */
    public Map<String, RuleInfo> rules() {
        Map<String, RuleInfo> out = new LinkedHashMap<>();
        for (Pack p : packs) {
            for (RuleInfo r : p.rules()) {
                out.putIfAbsent(r.id(), r);
            }
        }
        return out;
    }

    /** The level rule {@code ruleId} is enforced at: the policy set's override, else the pack's default. */
    public Enforcement enforcement(String ruleId) {
        Enforcement override = policySet.enforcement().get(ruleId);
        if (override != null) {
            return override;
        }
        RuleInfo rule = rules().get(ruleId);
        return rule == null ? null : rule.level();
    }
}
