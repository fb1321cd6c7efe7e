package dev.spendgate.policy;

import dev.spendgate.manifest.Environment;
import dev.spendgate.yaml.DidYouMean;
import dev.spendgate.yaml.Fields;
import dev.spendgate.yaml.Ttl;
import dev.spendgate.yaml.YamlNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads the policy set's {@code alerts:} section, checking every name against what it refers to:
 * channel types and their keys ({@link ChannelTypes}), channel names, rule ids of the loaded packs
 * and of the watch run, levels, environments and, when {@code intents.ownership.teams} lists them,
 * teams; each unknown name with a did-you-mean at its line and column.
 */
final class AlertsParser {

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern CHANNEL_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Map<String, Environment> ENVIRONMENTS = Fields.names(Environment.class);

    private AlertsParser() {
    }

    /**
     * The alerts of {@code f} ({@code null}: none).
     *
     * @param ruleIds the loaded packs' rule ids, or null when the packs did not load (rules are then not checked)
     * @param teams   {@code intents.ownership.teams}; empty when any team is allowed
     */
    static Alerts parse(Fields f, Set<String> ruleIds, List<String> teams) {
        if (f == null) {
            return Alerts.NONE;
        }
        Ttl renotify = f.duration("renotify");
        BigDecimal minSpend = Alerts.DEFAULT_ORPHAN_MIN_SPEND;
        BigDecimal unattributed = Alerts.DEFAULT_UNATTRIBUTED_ABOVE;
        Enforcement orphanLevel = Enforcement.SOFT_MANDATORY;
        Fields orphans = f.mapping("orphans");
        if (orphans != null) {
            BigDecimal m = orphans.number("minSpend", BigDecimal.ZERO, IntentsParser.MAX_AMOUNT);
            BigDecimal u = orphans.number("unattributedAbove", BigDecimal.ZERO, IntentsParser.MAX_AMOUNT);
            Enforcement l = orphans.oneOf("level", PackLoader.LEVELS);
            minSpend = m != null ? m : minSpend;
            unattributed = u != null ? u : unattributed;
            orphanLevel = l != null ? l : orphanLevel;
            orphans.rejectUnknown();
        }
        Map<String, ChannelConfig> channels = channels(f);
        // routes are checked against every channel written, so that a bad channel is reported once
        Fields written = f.mapping("channels");
        Set<String> names = written == null ? Set.of() : new LinkedHashSet<>(written.keys());
        List<Alerts.Route> routes = routes(f, names, ruleIds, teams);
        f.rejectUnknown();
        return new Alerts(renotify == null ? Alerts.DEFAULT_RENOTIFY : renotify.duration(), minSpend, unattributed,
                orphanLevel, channels, routes);
    }

    private static Map<String, ChannelConfig> channels(Fields f) {
        Map<String, ChannelConfig> out = new LinkedHashMap<>();
        Fields channels = f.mapping("channels");
        if (channels == null) {
            return out;
        }
        for (String name : channels.keys()) {
            YamlNode.Entry entry = channels.entry(name);
            if (!CHANNEL_NAME.matcher(name).matches()) {
                channels.problem(name, "a channel name is lower-case letters, digits, '.', '_' and '-'");
                continue;
            }
            Fields c = channels.mapping(name);
            if (c == null) {
                continue;
            }
            c.require("type");
            String type = c.string("type");
            if (type == null) {
                continue;
            }
            ChannelTypes.Keys keys = ChannelTypes.keys(type);
            if (keys == null) {
                c.problem("type", Fields.quote(type) + " is not a channel type"
                        + DidYouMean.suggest(type, ChannelTypes.names()).map(t -> ", did you mean " + t + "?")
                        .orElse(" (expected one of " + String.join(", ", ChannelTypes.names()) + ")"));
                continue;
            }
            Map<String, Object> settings = new LinkedHashMap<>();
            boolean ok = true;
            for (String key : keys.required()) {
                if (!c.has(key)) {
                    c.require(key);
                    ok = false;
                }
            }
            for (String key : sorted(keys.required(), keys.optional())) {
                if (!c.has(key)) {
                    c.known(key);
                    continue;
                }
                Object value = keys.lists().contains(key) ? stringOrList(c, key)
                        : key.endsWith("Port") ? port(c, key) : c.text(key);
                if (value != null && key.endsWith("Env") && !ENV_NAME.matcher((String) value).matches()) {
                    c.problem(key, Fields.quote((String) value) + " is not an environment variable name"
                            + " (the secret itself is never written here: name the variable that holds it)");
                    value = null;
                }
                if (value instanceof String text && !valid(c, key, text)) {
                    value = null;
                }
                if (value == null) {
                    ok = false;
                } else {
                    settings.put(key, value);
                }
            }
            c.rejectUnknown();
            if (ok) {
                out.put(name, new ChannelConfig(name, type, settings, entry.keyLocation()));
            }
        }
        return out;
    }

    private static List<Alerts.Route> routes(Fields f, Set<String> channelNames, Set<String> ruleIds,
                                             List<String> teams) {
        List<Alerts.Route> out = new ArrayList<>();
        YamlNode.Entry e = f.entry("routes");
        if (e == null) {
            return out;
        }
        if (!(e.value() instanceof YamlNode.Sequence seq)) {
            f.problem("routes", "expected a list of routes ({match: {...}, channels: [...]})");
            return out;
        }
        Set<String> knownRules = new TreeSet<>(ruleIds == null ? Set.of() : ruleIds);
        knownRules.add(Alerts.ORPHANED_SPEND);
        knownRules.add(Alerts.UNATTRIBUTED_SPEND);
        for (int i = 0; i < seq.items().size(); i++) {
            YamlNode item = seq.items().get(i);
            String path = f.path("routes") + "[" + i + "]";
            Fields r = Fields.of(item, path, item.location(), f.problems());
            if (r == null) {
                continue;
            }
            r.require("channels");
            Set<String> teamSet = new LinkedHashSet<>();
            Set<String> environments = new LinkedHashSet<>();
            List<String> rules = new ArrayList<>();
            Set<Enforcement> levels = new LinkedHashSet<>();
            Fields match = r.mapping("match");
            if (match != null) {
                for (String team : values(match, "team")) {
                    if (!teams.isEmpty() && !teams.contains(team)) {
                        match.problem("team", Fields.quote(team) + " is not in intents.ownership.teams"
                                + DidYouMean.suggest(team, teams).map(t -> ", did you mean " + t + "?").orElse(""));
                    }
                    teamSet.add(team);
                }
                for (String env : values(match, "environment")) {
                    if (!ENVIRONMENTS.containsKey(env)) {
                        match.problem("environment", Fields.quote(env) + " is not an environment"
                                + DidYouMean.suggest(env, ENVIRONMENTS.keySet()).map(t -> ", did you mean " + t + "?")
                                .orElse(" (expected one of " + String.join(", ", ENVIRONMENTS.keySet()) + ")"));
                    }
                    environments.add(env);
                }
                for (String rule : values(match, "rule")) {
                    boolean prefix = rule.endsWith("*");
                    String stem = prefix ? rule.substring(0, rule.length() - 1) : rule;
                    boolean known = prefix ? knownRules.stream().anyMatch(k -> k.startsWith(stem))
                            : knownRules.contains(rule);
                    if (ruleIds != null && !known) {
                        match.problem("rule", prefix ? Fields.quote(rule) + " matches no rule of the loaded packs"
                                : "no loaded pack defines rule " + rule + DidYouMean.suggest(rule, knownRules)
                                .map(k -> ", did you mean " + k + "?").orElse(""));
                    }
                    rules.add(rule);
                }
                for (String level : values(match, "severity")) {
                    Enforcement l = PackLoader.LEVELS.get(level);
                    if (l == null) {
                        match.problem("severity", Fields.quote(level) + " is not a level"
                                + DidYouMean.suggest(level, PackLoader.LEVELS.keySet())
                                .map(t -> ", did you mean " + t + "?")
                                .orElse(" (expected one of " + String.join(", ", PackLoader.LEVELS.keySet()) + ")"));
                    } else {
                        levels.add(l);
                    }
                }
                match.rejectUnknown();
            }
            List<String> names = values(r, "channels");
            if (r.has("channels") && names.isEmpty()) {
                r.problem("channels", "names no channel");
            }
            for (String name : names) {
                if (!channelNames.contains(name)) {
                    r.problem("channels", "no channel named " + Fields.quote(name) + " in alerts.channels"
                            + DidYouMean.suggest(name, channelNames).map(t -> ", did you mean " + t + "?").orElse(""));
                }
            }
            r.rejectUnknown();
            out.add(new Alerts.Route(teamSet, environments, rules, levels, names, item.location()));
        }
        return out;
    }

    /** A key written as one text or a list of texts; empty when absent or wrong (the problem is added). */
    private static List<String> values(Fields f, String key) {
        Object v = stringOrList(f, key);
        if (v instanceof List<?> l) {
            return l.stream().map(String.class::cast).toList();
        }
        return v instanceof String s ? List.of(s) : List.of();
    }

    private static boolean valid(Fields c, String key, String value) {
        String problem = ChannelTypes.problem(key, value);
        if (problem != null) {
            c.problem(key, problem + DidYouMean.suggest(value, ChannelTypes.choices(key))
                    .map(t -> " (did you mean " + t + "?)").orElse(""));
        }
        return problem == null;
    }

    private static String port(Fields f, String key) {
        Long port = f.integer(key, 1, 65535);
        return port == null ? null : port.toString();
    }

    private static Object stringOrList(Fields f, String key) {
        YamlNode node = f.node(key);
        if (node == null) {
            return null;
        }
        return node instanceof YamlNode.Sequence ? f.strings(key) : f.text(key);
    }

    private static List<String> sorted(Set<String> a, Set<String> b) {
        TreeSet<String> all = new TreeSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
