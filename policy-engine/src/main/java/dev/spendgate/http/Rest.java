package dev.spendgate.http;

import jakarta.json.Json;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import org.glassfish.jersey.CommonProperties;
import org.glassfish.jersey.client.ClientConfig;
import org.glassfish.jersey.jnh.connector.JavaNetHttpConnectorProvider;

import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the clients of code hosts' REST APIs (the GitHub comment, the GitLab note) share. */
public final class Rest {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");

    private Rest() {
    }

    /**
     * A Jakarta REST client over {@code java.net.http} (the default HttpURLConnection connector
     * cannot send PATCH), with bodies as Strings (no default providers: one warns about javax
     * activation) and {@code timeout} to connect and to read.
     */
    public static Client client(Duration timeout) {
        return ClientBuilder.newBuilder()
                .withConfig(new ClientConfig().connectorProvider(new JavaNetHttpConnectorProvider())
                        .property(CommonProperties.PROVIDER_DEFAULT_DISABLE, "ALL"))
                .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .build();
    }

    /** The {@code id} of a JSON object answer, or 0 when the body has none. */
    public static long id(String body) {
        try {
            return Json.createReader(new StringReader(body)).readObject().getJsonNumber("id").longValue();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /**
     * The {@code rel="next"} page of a {@code Link} header (RFC 8288, as GitHub pages its lists),
     * or null when there is none (the last page, or no header).
     */
    public static URI nextPage(String link) {
        if (link == null) {
            return null;
        }
        Matcher m = NEXT.matcher(link);
        return m.find() ? URI.create(m.group(1)) : null;
    }

    /** The innermost cause, as {@code ConnectException: Connection refused}. */
    public static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /**
     * A {@code Retry-After} header as a wait from {@code now}: delay-seconds or an HTTP date (RFC 9110
     * 10.2.3), a date in the past as no wait; null when absent or unreadable.
     */
    public static Duration retryAfter(String value, java.time.Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return Duration.ofSeconds(Long.parseLong(v));
            } catch (NumberFormatException tooLong) {
                return Duration.ofDays(1);
            }
        }
        try {
            java.time.Instant when = java.time.ZonedDateTime.parse(v, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            Duration d = Duration.between(now, when);
            return d.isNegative() ? Duration.ZERO : d;
        } catch (java.time.format.DateTimeParseException unreadable) {
            return null;
        }
    }

    /** Waits {@code millis}; an interrupt ends the wait and is kept for the caller. */
    public static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
