package dev.spendgate.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The channel types and the keys each takes in the policy set; the policy set's reader checks an
 * entry against them (unknown key with did-you-mean, missing required key). A key ending in
 * {@code Env} names an environment variable holding a secret: secrets are never written in the
 * policy set.
 */
public final class ChannelTypes {

    /** The keys of one type; {@code lists} are the keys written as a YAML list. */
    public record Keys(Set<String> required, Set<String> optional, Set<String> lists) {
    }

    private static final Map<String, Keys> TYPES = types();

    private ChannelTypes() {
    }

    private static Map<String, Keys> types() {
        Map<String, Keys> m = new LinkedHashMap<>();
        m.put("slack", new Keys(Set.of("webhookEnv"), Set.of(), Set.of()));
        m.put("teams", new Keys(Set.of("webhookEnv"), Set.of(), Set.of()));
        m.put("pagerduty", new Keys(Set.of("routingKeyEnv"), Set.of("url"), Set.of()));
        m.put("webhook", new Keys(Set.of("urlEnv"), Set.of("source", "tokenEnv"), Set.of()));
        m.put("github-issues", new Keys(Set.of("repository"), Set.of("tokenEnv", "per", "labels", "apiUrl"),
                Set.of("labels")));
        m.put("email", new Keys(Set.of("smtpHost", "from"), Set.of("smtpPort", "tls", "usernameEnv", "passwordEnv"),
                Set.of()));
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The keys of {@code type}, or null for an unknown type. */
    public static Keys keys(String type) {
        return TYPES.get(type);
    }

    /** The type names, in order. */
    public static List<String> names() {
        return List.copyOf(TYPES.keySet());
    }
}
