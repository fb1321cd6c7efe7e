package dev.spendgate.spend.opencost;

import dev.spendgate.spend.SpendException;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where an OpenCost API answers and how to ask it: the base URL of a {@code --spend} value without
 * its credentials, the query parameters the user added, the currency costs are in, and the
 * {@code Authorization} header. Its {@link #toString()} never shows the header.
 */
final class OpenCostEndpoint {

    /** The allocation API, relative to the base URL. */
    static final String ALLOCATION_PATH = "/allocation/compute";

    /** Query parameters spendgate sets itself; a {@code --spend} URL may not carry them. */
    private static final Set<String> RESERVED = Set.of("window", "aggregate", "step", "accumulate");

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private final String display;
    private final String base;
    private final List<String> extraQuery;
    private final boolean userSetsIdle;
    private final String currency;
    private final String authorization;

    private OpenCostEndpoint(String display, String base, List<String> extraQuery, boolean userSetsIdle,
                             String currency, String authorization) {
        this.display = display;
        this.base = base;
        this.extraQuery = List.copyOf(extraQuery);
        this.userSetsIdle = userSetsIdle;
        this.currency = currency;
        this.authorization = authorization;
    }

    /**
     * Reads {@code spec}: {@code http(s)://[user:password@]host[:port][/prefix][?currency=EUR&...]}.
     * The bearer token comes from {@code SPENDGATE_SPEND_TOKEN} and wins over user and password; the
     * currency from the {@code currency} parameter, else {@code SPENDGATE_SPEND_CURRENCY}, else USD.
     */
    static OpenCostEndpoint parse(String spec, Map<String, String> env) throws SpendException {
        String trimmed = spec.strip();
        String display = withoutUserInfo(trimmed);
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            // the reason only: the exception's message repeats the input, credentials and all
            throw new SpendException("spend_unreadable", display + ": not a valid URL (" + e.getReason()
                    + " at index " + e.getIndex() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new SpendException("spend_unreadable", display + ": an OpenCost URL starts with http:// or https://");
        }
        if (uri.getHost() == null) {
            throw new SpendException("spend_unreadable", display + ": the URL has no host");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String base = scheme + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + path;

        String currency = null;
        boolean userSetsIdle = false;
        List<String> extra = new ArrayList<>();
        if (uri.getRawQuery() != null) {
            for (String param : uri.getRawQuery().split("&")) {
                if (param.isEmpty()) {
                    continue;
                }
                int eq = param.indexOf('=');
                String name = decode(eq < 0 ? param : param.substring(0, eq));
                String value = eq < 0 ? "" : decode(param.substring(eq + 1));
                if (name.equals("currency")) {
                    currency = value;
                } else if (RESERVED.contains(name)) {
                    throw new SpendException("spend_unreadable", display + ": query parameter " + name
                            + " is set by spendgate (window, aggregate, step, accumulate); remove it");
                } else {
                    userSetsIdle |= name.equals("includeIdle");
                    extra.add(param);
                }
            }
        }
        if (currency == null) {
            currency = env.getOrDefault("SPENDGATE_SPEND_CURRENCY", "USD");
        }
        String code = currency.strip().toUpperCase(Locale.ROOT);
        if (!CURRENCY.matcher(code).matches()) {
            throw new SpendException("spend_unreadable", display + ": currency \"" + currency
                    + "\" is not a three-letter ISO 4217 code (USD, EUR, ...)");
        }
        return new OpenCostEndpoint(display, base, extra, userSetsIdle, code, authorization(uri, env));
    }

    /** The URL as the user gave it, without user and password. */
    String display() {
        return display;
    }

    /** The allocation API's URL, without credentials or query: where messages say a failure happened. */
    String where() {
        return base + ALLOCATION_PATH;
    }

    /** The currency OpenCost reports in. */
    String currency() {
        return currency;
    }

    /** The {@code Authorization} header to send, if any; never to be printed. */
    Optional<String> authorization() {
        return Optional.ofNullable(authorization);
    }

    /**
     * The request for daily allocations from {@code start} to {@code end}, aggregated by
     * {@code aggregate}. Idle cost is included (as {@code __idle__} allocations) unless the user's
     * URL decides with its own {@code includeIdle}.
     */
    URI request(Instant start, Instant end, String aggregate) {
        StringBuilder q = new StringBuilder()
                .append("window=").append(encode(start + "," + end))
                .append("&aggregate=").append(encode(aggregate))
                .append("&step=1d&accumulate=false");
        if (!userSetsIdle) {
            q.append("&includeIdle=true");
        }
        extraQuery.forEach(p -> q.append('&').append(p));
        return URI.create(where() + "?" + q);
    }

    /** Removes the user-information part ({@code user:password@}) of a URL, however malformed the rest is. */
    static String withoutUserInfo(String url) {
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return url;
        }
        int from = scheme + 3;
        int to = from;
        while (to < url.length() && "/?#".indexOf(url.charAt(to)) < 0) {
            to++;
        }
        int at = url.lastIndexOf('@', to - 1);
        return at < from ? url : url.substring(0, from) + url.substring(at + 1);
    }

    @Override
    public String toString() {
        return display;
    }

    /** Hides this endpoint's credentials (token, user-info password, their header value) in text a server sent. */
    dev.spendgate.input.Redactor redactor() {
        if (authorization == null) {
            return dev.spendgate.input.Redactor.none();
        }
        String credential = authorization.substring(authorization.indexOf(' ') + 1);
        List<String> secrets = new java.util.ArrayList<>(List.of(credential));
        if (authorization.startsWith("Basic ")) {
            String pair = new String(Base64.getDecoder().decode(credential), StandardCharsets.UTF_8);
            secrets.add(pair);
            if (pair.indexOf(':') >= 0) {
                secrets.add(pair.substring(pair.indexOf(':') + 1));
            }
        }
        return dev.spendgate.input.Redactor.of(secrets);
    }

    private static String authorization(URI uri, Map<String, String> env) throws SpendException {
        String token = env.get("SPENDGATE_SPEND_TOKEN");
        if (token != null && !token.isBlank()) {
            token = token.strip();
            if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw new SpendException("spend_unreadable",
                        "SPENDGATE_SPEND_TOKEN: has characters an HTTP header cannot carry (spaces, line breaks, non-ASCII)");
            }
            return "Bearer " + token;
        }
        if (uri.getUserInfo() != null) {
            byte[] pair = uri.getUserInfo().getBytes(StandardCharsets.UTF_8);
            return "Basic " + Base64.getEncoder().encodeToString(pair);
        }
        return null;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
