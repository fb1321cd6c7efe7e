package dev.spendgate.policy;

import dev.spendgate.input.SourceLocation;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The policy set's {@code alerts:}: where a watch run sends what it finds. Routes are matched in
 * order and every matching route's channels get the alert (each channel once).
 *
 * @param renotify           how long an open alert stays quiet before it is sent again
 * @param orphanMinSpend     orphaned spend (tagged with a manifest no manifest declares) alerts from this amount on
 * @param unattributedAbove  spend without a manifest tag alerts above this amount
 * @param orphanLevel        the enforcement level orphaned and unattributed spend alerts carry
 * @param channels           by name, in the order written
 */
public record Alerts(Duration renotify, BigDecimal orphanMinSpend, BigDecimal unattributedAbove,
                     Enforcement orphanLevel, Map<String, ChannelConfig> channels, List<Route> routes) {

    /** The id alerts about orphaned spend carry: spend tagged with a manifest no manifest declares. */
    public static final String ORPHANED_SPEND = "SG-WATCH-001";
    /** The id alerts about unattributed spend carry: spend without a manifest tag. */
    public static final String UNATTRIBUTED_SPEND = "SG-WATCH-002";

    /** {@code alerts.renotify} when the policy set does not say. */
    public static final Duration DEFAULT_RENOTIFY = Duration.ofHours(24);
    /** {@code alerts.orphans.minSpend} when the policy set does not say. */
    public static final BigDecimal DEFAULT_ORPHAN_MIN_SPEND = new BigDecimal("0.01");
    /** {@code alerts.orphans.unattributedAbove} when the policy set does not say. */
    public static final BigDecimal DEFAULT_UNATTRIBUTED_ABOVE = new BigDecimal("100");

    /** No alerts section: nothing is routed anywhere. */
    public static final Alerts NONE = new Alerts(DEFAULT_RENOTIFY, DEFAULT_ORPHAN_MIN_SPEND,
            DEFAULT_UNATTRIBUTED_ABOVE, Enforcement.SOFT_MANDATORY, Map.of(), List.of());

    /**
     * One entry of {@code alerts.routes}: an alert matches when every criterion given matches (a
     * criterion matches when any of its values does); an empty criterion matches everything.
     *
     * @param rules    rule ids, or prefixes ending in {@code *} ({@code SG-SPD-*})
     * @param levels   enforcement levels ({@code severity:} in the policy set)
     * @param channels channel names, each defined in {@code alerts.channels}
     */
    public record Route(Set<String> teams, Set<String> environments, List<String> rules, Set<Enforcement> levels,
                        List<String> channels, SourceLocation location) {

        public Route {
            teams = Set.copyOf(teams);
            environments = Set.copyOf(environments);
            rules = List.copyOf(rules);
            levels = Set.copyOf(levels);
            channels = List.copyOf(channels);
            Objects.requireNonNull(location, "location == null");
        }

        /** True when an alert with these properties goes this route; a null property matches only an empty criterion. */
        public boolean matches(String team, String environment, String rule, Enforcement level) {
            // immutable sets throw on contains(null): a missing property matches only an empty criterion
            return (teams.isEmpty() || team != null && teams.contains(team))
                    && (environments.isEmpty() || environment != null && environments.contains(environment))
                    && (rules.isEmpty() || rules.stream().anyMatch(r -> ruleMatches(r, rule)))
                    && (levels.isEmpty() || level != null && levels.contains(level));
        }

        private static boolean ruleMatches(String pattern, String rule) {
            return pattern.endsWith("*") ? rule.startsWith(pattern.substring(0, pattern.length() - 1))
                    : pattern.equals(rule);
        }
    }

    public Alerts {
        Objects.requireNonNull(renotify, "renotify == null");
        Objects.requireNonNull(orphanMinSpend, "orphanMinSpend == null");
        Objects.requireNonNull(unattributedAbove, "unattributedAbove == null");
        Objects.requireNonNull(orphanLevel, "orphanLevel == null");
        channels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(channels));
        routes = List.copyOf(routes);
    }

    /** The channels an alert goes to: every matching route's, each once, in route order. */
    public List<String> route(String team, String environment, String rule, Enforcement level) {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        for (Route r : routes) {
            if (r.matches(team, environment, rule, level)) {
                out.addAll(r.channels());
            }
        }
        return List.copyOf(out);
    }
}
