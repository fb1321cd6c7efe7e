package dev.spendgate.http;

import jakarta.json.Json;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import org.glassfish.jersey.CommonProperties;
import org.glassfish.jersey.client.ClientConfig;
import org.glassfish.jersey.jnh.connector.JavaNetHttpConnectorProvider;

import java.io.StringReader;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** What the clients of code hosts' REST APIs (the GitHub comment, the GitLab note) share. */
public final class Rest {

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

    /** The innermost cause, as {@code ConnectException: Connection refused}. */
    public static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
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
