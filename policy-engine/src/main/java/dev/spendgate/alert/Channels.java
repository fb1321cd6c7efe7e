package dev.spendgate.alert;

import dev.spendgate.error.InvalidInputException;
import dev.spendgate.input.Problem;
import dev.spendgate.input.Redactor;
import dev.spendgate.input.SourceLocation;
import dev.spendgate.policy.ChannelConfig;
import dev.spendgate.policy.ChannelTypes;
import jakarta.mail.internet.InternetAddress;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Opens the channel an {@code alerts.channels} entry describes, with its secrets read from the
 * environment; an unset secret or an invalid setting is bad input (exit 3) at the entry's place.
 */
public final class Channels {

    /** Where the GitHub issues go when neither {@code apiUrl} nor {@code GITHUB_API_URL} says otherwise. */
    public static final String GITHUB_API = "https://api.github.com";

    private Channels() {
    }

    /**
     * The channel of {@code config}.
     *
     * @param env the process environment (tests pass their own)
     * @throws InvalidInputException when a secret's variable is unset or empty, or a setting is invalid;
     *                               the message names the variable, never its value
     */
    public static AlertChannel open(ChannelConfig config, Map<String, String> env, ChannelOptions options)
            throws InvalidInputException {
        Objects.requireNonNull(options, "options == null");
        Settings s = new Settings(config, env);
        // the written settings by the policy set reader's own rules (a configuration made elsewhere gets them too)
        for (Map.Entry<String, Object> e : new java.util.TreeMap<>(config.settings()).entrySet()) {
            if (e.getValue() instanceof String value) {
                String problem = ChannelTypes.problem(e.getKey(), value);
                if (problem != null) {
                    s.problem(e.getKey(), problem);
                }
            }
        }
        Redactor redactor = Redactor.of(secrets(config, env));
        HttpSender sender = new HttpSender(options, redactor);
        AlertChannel channel = switch (config.type()) {
            case "slack" -> {
                URI url = s.url("webhookEnv", s.secret("webhookEnv"), true);
                yield s.ok() ? new SlackChannel(config.name(), url, sender, redactor) : null;
            }
            case "teams" -> {
                URI url = s.url("webhookEnv", s.secret("webhookEnv"), true);
                yield s.ok() ? new TeamsChannel(config.name(), url, sender, redactor) : null;
            }
            case "pagerduty" -> {
                String key = s.secret("routingKeyEnv");
                URI url = config.string("url") == null ? PagerDutyChannel.DEFAULT_URL : written(config, "url");
                yield s.ok() ? new PagerDutyChannel(config.name(), url, key, sender, redactor) : null;
            }
            case "webhook" -> {
                URI url = s.url("urlEnv", s.secret("urlEnv"), true);
                String token = config.string("tokenEnv") == null ? null : s.secret("tokenEnv");
                String source = config.string("source", CloudEventsChannel.DEFAULT_SOURCE);
                yield s.ok() ? new CloudEventsChannel(config.name(), url, source, token, sender, redactor) : null;
            }
            case "github-issues" -> {
                String repository = config.string("repository", "");
                String token = s.secretOrDefault("tokenEnv", "GITHUB_TOKEN");
                String api = config.string("apiUrl");
                URI apiUrl = api != null ? written(config, "apiUrl")
                        : s.url("apiUrl", nonEmpty(env.get("GITHUB_API_URL"), GITHUB_API), false);
                GitHubIssuesChannel.Per p = "team".equals(config.string("per")) ? GitHubIssuesChannel.Per.TEAM
                        : GitHubIssuesChannel.Per.MANIFEST;
                yield s.ok() ? new GitHubIssuesChannel(config.name(), stripSlash(apiUrl), repository, token, p,
                        config.list("labels"), sender, redactor) : null;
            }
            case "email" -> email(config, s, options, redactor);
            default -> {
                s.problem("type", "\"" + config.type() + "\" is not a channel type (" + String.join(", ",
                        ChannelTypes.names()) + ")");
                yield null;
            }
        };
        s.throwIfAny();
        return channel;
    }

    private static AlertChannel email(ChannelConfig config, Settings s, ChannelOptions options, Redactor redactor) {
        String host = config.string("smtpHost", "").strip();
        EmailChannel.Tls tls = switch (config.string("tls", "starttls")) {
            case "ssl" -> EmailChannel.Tls.SSL;
            case "none" -> EmailChannel.Tls.NONE;
            default -> EmailChannel.Tls.STARTTLS;
        };
        String portText = config.string("smtpPort");
        int port = !s.ok() ? 0 : portText != null ? Integer.parseInt(portText.strip())
                : tls == EmailChannel.Tls.SSL ? 465 : 587;
        String fromText = config.string("from", "");
        InternetAddress from = EmailChannel.address(fromText);
        if (from == null) {
            s.problem("from", "\"" + fromText + "\" is not an e-mail address");
        }
        String username = config.string("usernameEnv") == null ? null : s.secret("usernameEnv");
        String password = config.string("passwordEnv") == null ? null : s.secret("passwordEnv");
        if ((username == null) != (password == null) && s.ok()) {
            s.problem(username == null ? "passwordEnv" : "usernameEnv",
                    "usernameEnv and passwordEnv go together: give both or neither");
        }
        return s.ok() ? new EmailChannel(config.name(), host, port, tls, from, username, password, options, redactor)
                : null;
    }

    /**
     * The secret values {@code config} reads from {@code env} (webhook URLs, routing keys, tokens,
     * passwords, but not a user name), for the run's {@code Redactor}; unset ones are left out.
     */
    public static List<String> secrets(ChannelConfig config, Map<String, String> env) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : config.settings().entrySet()) {
            if (!e.getKey().endsWith("Env") || e.getKey().equals("usernameEnv") || !(e.getValue() instanceof String var)) {
                continue;
            }
            addSecret(out, env.get(var));
        }
        if (config.type().equals("github-issues") && config.string("tokenEnv") == null) {
            addSecret(out, env.get("GITHUB_TOKEN"));
        }
        return out;
    }

    private static void addSecret(List<String> out, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        out.add(value.strip());
        try {
            URI u = new URI(value.strip());
            // the part of a webhook URL that is the secret, should it be shown without its host
            String rest = u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
            if (u.getHost() != null && rest.length() >= 8) {
                out.add(rest);
            }
        } catch (URISyntaxException notUrl) {
            // a token, not a URL
        }
    }

    /** A URL written in the policy set, already judged by {@link ChannelTypes#problem}; null when it was refused. */
    private static URI written(ChannelConfig config, String key) {
        String value = config.string(key);
        return ChannelTypes.problem(key, value) == null ? URI.create(value.strip()) : null;
    }

    private static String nonEmpty(String v, String otherwise) {
        return v == null || v.isBlank() ? otherwise : v.strip();
    }

    private static URI stripSlash(URI u) {
        String s = u.toString();
        return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : u;
    }

    /** The checks of one entry, collected so that every problem is said at once. */
    private static final class Settings {
        private final ChannelConfig config;
        private final Map<String, String> env;
        private final SourceLocation location;
        private final List<Problem> problems = new ArrayList<>();

        Settings(ChannelConfig config, Map<String, String> env) {
            this.config = config;
            this.env = env;
            this.location = config.location() != null ? config.location() : new SourceLocation("policy set", 1, 1);
        }

        boolean ok() {
            return problems.isEmpty();
        }

        void problem(String key, String message) {
            problems.add(new Problem(location, "alerts.channels." + config.name() + "." + key + ": " + message));
        }

        /** The value of the variable {@code key} names; a problem when it is unset or empty. */
        String secret(String key) {
            String var = config.string(key);
            if (var == null || var.isBlank()) {
                problem(key, "name the environment variable that holds the secret");
                return null;
            }
            String value = env.get(var);
            if (value == null || value.isBlank()) {
                problem(key, "environment variable " + var + " is " + (value == null ? "not set" : "empty"));
                return null;
            }
            return value.strip();
        }

        String secretOrDefault(String key, String variable) {
            if (config.string(key) != null) {
                return secret(key);
            }
            String value = env.get(variable);
            if (value == null || value.isBlank()) {
                problem(key, "environment variable " + variable + " (the default of " + key + ") is "
                        + (value == null ? "not set" : "empty"));
                return null;
            }
            return value.strip();
        }

        /** An absolute http(s) address from the environment; a secret one is never repeated in the message. */
        URI url(String key, String value, boolean secret) {
            if (value == null) {
                return null;
            }
            if (ChannelTypes.httpUrl(value)) {
                return URI.create(value.strip());
            }
            problem(key, (secret ? "the value of " + config.string(key) : "\"" + value + "\"") + " is not an http(s) URL");
            return null;
        }

        void throwIfAny() throws InvalidInputException {
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
        }
    }
}
