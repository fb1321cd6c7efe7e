package dev.spendgate.policy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A loaded rule pack: its rules' text and where its engine sources are.
 *
 * @param origin   {@code shipped} for the packs in the spendgate jar, else the folder it came from
 * @param sources  per engine id ({@code drools}, {@code opa}), the source files of the pack for
 *                 that engine: file name to text
 */
public record Pack(String id, String version, String origin, List<RuleInfo> rules, Map<String, Map<String, String>> sources) {

    public Pack {
        Objects.requireNonNull(id, "id == null");
        Objects.requireNonNull(version, "version == null");
        Objects.requireNonNull(origin, "origin == null");
        rules = List.copyOf(rules);
        sources = Map.copyOf(sources);
    }

    public boolean shipped() {
        return "shipped".equals(origin);
    }

    public Optional<RuleInfo> rule(String ruleId) {
        return rules.stream().filter(r -> r.id().equals(ruleId)).findFirst();
    }

    public Map<String, RuleInfo> rulesById() {
        return rules.stream().collect(Collectors.toMap(RuleInfo::id, Function.identity()));
    }
}
