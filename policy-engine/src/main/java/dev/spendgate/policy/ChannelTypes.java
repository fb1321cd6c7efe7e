package dev.spendgate.policy;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

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
    /** Settings that take one of a few words. */
    private static final Map<String, List<String>> CHOICES = Map.of("per", List.of("manifest", "team"),
            "tls", List.of("starttls", "ssl", "none"));
    /** GitHub's owner (at most 39 characters) and repository names. */
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}");

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

    /** The words setting {@code key} takes ({@code per}, {@code tls}), or an empty list when it takes any text. */
    public static List<String> choices(String key) {
        return CHOICES.getOrDefault(key, List.of());
    }

    /**
     * What is wrong with the value written for setting {@code key}, or null: the one set of rules
     * the policy set's reader applies at load and {@code Channels.open} applies to a configuration
     * made elsewhere. Secrets are not written, so they are not judged here.
     */
    public static String problem(String key, String value) {
        String quoted = "\"" + value + "\"";
        switch (key) {
            case "per" -> {
                return choices(key).contains(value) ? null : quoted + " is not manifest or team";
            }
            case "tls" -> {
                return choices(key).contains(value) ? null : quoted + " is not starttls, ssl or none";
            }
            case "repository" -> {
                return REPOSITORY.matcher(value).matches() ? null : quoted + " is not a repository (write owner/name)";
            }
            case "url", "apiUrl" -> {
                return httpUrl(value) ? null : quoted + " is not an http(s) URL";
            }
            case "source" -> {
                return uriReference(value) ? null
                        : quoted + " is not a URI-reference (for example /spendgate or urn:spendgate:ci)";
            }
            case "smtpHost" -> {
                String host = value.strip();
                return host.isEmpty() || host.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/' || c == '@')
                        ? quoted + " is not a host name" : null;
            }
            case "smtpPort" -> {
                try {
                    int port = Integer.parseInt(value.strip());
                    return port >= 1 && port <= 65_535 ? null : quoted + " is not a port (1 to 65535)";
                } catch (NumberFormatException e) {
                    return quoted + " is not a port (1 to 65535)";
                }
            }
            default -> {
                return null;
            }
        }
    }

    /** True when {@code value} is an absolute http(s) URL with a host. */
    public static boolean httpUrl(String value) {
        try {
            URI u = new URI(value.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && u.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean uriReference(String value) {
        try {
            new URI(value);
            return !value.isBlank();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The type names, in order. */
    public static List<String> names() {
        return List.copyOf(TYPES.keySet());
    }
}
