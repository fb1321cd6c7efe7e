package dev.spendgate.engine.opa;

import dev.spendgate.engine.EngineSettings;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OPA engine's load-time settings, read from {@link EngineSettings} keys {@code opa.*} (see
 * {@link OpaEngine}) with their defaults filled in. The token and the trust-store password are
 * never shown by {@link #toString()}.
 */
record OpaSettings(
        URI url,
        String path,
        String token,
        Path trustStore,
        String trustStorePassword,
        Duration connectTimeout,
        Duration readTimeout,
        int retries,
        Duration retryBackoff,
        int batch,
        Path dumpInput,
        boolean verifyPolicies) {

    static final String DEFAULT_URL = "http://127.0.0.1:8181";
    static final String DEFAULT_PATH = "spendgate/decision";
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    static final int DEFAULT_RETRIES = 2;
    static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(250);
    static final int DEFAULT_BATCH = 5000;

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");
    private static final int MAX_RETRIES = 10;

    OpaSettings {
        Objects.requireNonNull(url, "url == null");
        Objects.requireNonNull(path, "path == null");
        Objects.requireNonNull(connectTimeout, "connectTimeout == null");
        Objects.requireNonNull(readTimeout, "readTimeout == null");
        Objects.requireNonNull(retryBackoff, "retryBackoff == null");
    }

    /**
     * The settings in {@code settings}, defaults for absent keys.
     *
     * @throws IllegalArgumentException naming the key and the value that does not parse
     */
    static OpaSettings of(EngineSettings settings) {
        URI url = url(settings.get(OpaEngine.URL).orElse(DEFAULT_URL));
        String path = decisionPath(settings.get(OpaEngine.PATH).orElse(DEFAULT_PATH));
        String token = settings.get(OpaEngine.TOKEN).filter(t -> !t.isBlank()).orElse(null);
        if (token != null && (token.indexOf('\n') >= 0 || token.indexOf('\r') >= 0)) {
            throw new IllegalArgumentException(OpaEngine.TOKEN + ": the token contains a line break");
        }
        Path trustStore = settings.get(OpaEngine.TRUST_STORE).filter(t -> !t.isBlank()).map(Path::of).orElse(null);
        String password = settings.get(OpaEngine.TRUST_STORE_PASSWORD).orElse(null);
        Duration connect = duration(settings, OpaEngine.CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT);
        Duration read = duration(settings, OpaEngine.READ_TIMEOUT, DEFAULT_READ_TIMEOUT);
        int retries = integer(settings, OpaEngine.RETRIES, DEFAULT_RETRIES, 0, MAX_RETRIES);
        Duration backoff = duration(settings, OpaEngine.RETRY_BACKOFF, DEFAULT_RETRY_BACKOFF);
        int batch = integer(settings, OpaEngine.BATCH, DEFAULT_BATCH, 1, 1_000_000);
        Path dump = settings.get(OpaEngine.DUMP_INPUT).filter(t -> !t.isBlank()).map(Path::of).orElse(null);
        String verify = settings.get(OpaEngine.VERIFY_POLICIES).orElse("true").strip();
        if (!verify.equals("true") && !verify.equals("false")) {
            throw new IllegalArgumentException(OpaEngine.VERIFY_POLICIES + ": '" + verify + "' is not true or false");
        }
        return new OpaSettings(url, path, token, trustStore, password, connect, read, retries, backoff, batch, dump,
                verify.equals("true"));
    }

    /** The server's base URL: http or https, a host, no query; a path prefix is kept. */
    static URI url(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(OpaEngine.URL + ": '" + text + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(OpaEngine.URL + ": '" + text + "' is not an http:// or https:// URL");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(OpaEngine.URL + ": '" + text + "' names no host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(OpaEngine.URL + ": '" + text
                    + "' must be the server's address only (no user, query or fragment; the token goes in its own setting)");
        }
        String p = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return URI.create(scheme + "://" + uri.getRawAuthority() + p);
    }

    /**
     * A decision path as OPA's Data API takes it ({@code spendgate/decision}); the Rego spellings
     * {@code spendgate.decision} and {@code data.spendgate.decision} are accepted too.
     */
    static String decisionPath(String text) {
        String p = text.strip();
        if (p.startsWith("/v1/data/")) {
            p = p.substring("/v1/data/".length());
        }
        if (!p.contains("/")) {
            p = p.replace('.', '/');
            if (p.startsWith("data/")) {
                p = p.substring("data/".length());
            }
        }
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.isEmpty()) {
            throw new IllegalArgumentException(OpaEngine.PATH + ": the decision path is empty");
        }
        for (String segment : p.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException(OpaEngine.PATH + ": '" + text
                        + "' is not a decision path like spendgate/decision (letters, digits, _ and - between slashes)");
            }
        }
        return p;
    }

    /** {@code 500ms}, {@code 2s}, {@code 1m}. */
    static Duration duration(String key, String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(key + ": '" + text + "' is not a duration like 500ms, 2s or 1m");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
        if (d.isZero() || d.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException(key + ": '" + text + "' must be more than 0 and at most 1 hour");
        }
        return d;
    }

    private static Duration duration(EngineSettings settings, String key, Duration fallback) {
        return settings.get(key).map(t -> duration(key, t)).orElse(fallback);
    }

    private static int integer(EngineSettings settings, String key, int fallback, int min, int max) {
        String text = settings.get(key).orElse(null);
        if (text == null) {
            return fallback;
        }
        int n;
        try {
            n = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + text + "' is not a whole number");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(key + ": " + n + " is not between " + min + " and " + max);
        }
        return n;
    }

    /** {@code <url>/v1/data/<path>}. */
    URI dataUri(String dataPath) {
        return URI.create(url + "/v1/data/" + dataPath);
    }

    /** {@code GET /v1/policies}: every module the server has, with its text. */
    URI policiesUri() {
        return URI.create(url + "/v1/policies");
    }

    URI healthUri() {
        return URI.create(url + "/health");
    }

    @Override
    public String toString() {
        return "OpaSettings[url=" + url + ", path=" + path + ", token=" + (token == null ? "none" : "***")
                + ", trustStore=" + trustStore + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", retries=" + retries + ", retryBackoff=" + retryBackoff + ", batch=" + batch + "]";
    }

    /** A duration as users write it: {@code 500ms}, {@code 2s}. */
    static String show(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
