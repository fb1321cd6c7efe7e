package dev.spendgate.engine.opa;

import dev.spendgate.engine.EngineException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.glassfish.jersey.CommonProperties;
import org.glassfish.jersey.client.ClientConfig;
import org.glassfish.jersey.client.ClientProperties;
import org.glassfish.jersey.client.JerseyClientBuilder;

import dev.spendgate.input.Redactor;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * OPA's REST API over a Jakarta REST (Jersey) client: {@code GET /health}, {@code GET} and
 * {@code POST /v1/data/<path>}. Connection errors and 5xx answers are retried a bounded number of
 * times with exponential backoff; a read timeout is not (the server got the request and is slow).
 * Every failure is an {@link EngineException} with one line of cause; the bearer token never
 * appears in one. Not thread-safe for {@link #close()}; requests may run concurrently.
 */
final class OpaClient implements AutoCloseable {

    private static final int MAX_ERROR_TEXT = 240;

    private final OpaSettings settings;
    private final Client client;
    private final String where;
    private final Redactor redactor;
    /** Set once the server has answered: a refusal after that means it went away during the run. */
    private volatile boolean answered;

    private OpaClient(OpaSettings settings, Client client) {
        this.settings = settings;
        this.client = client;
        this.where = "OPA at " + settings.url();
        this.redactor = Redactor.of(settings.token(), settings.trustStorePassword());
    }

    /** A client for {@code settings}; reads the trust store, contacts nothing yet. */
    static OpaClient open(OpaSettings settings) throws EngineException {
        ClientConfig config = new ClientConfig()
                .property(ClientProperties.CONNECT_TIMEOUT, millis(settings.connectTimeout()))
                .property(ClientProperties.READ_TIMEOUT, millis(settings.readTimeout()))
                // a redirect could carry the bearer token elsewhere: an OPA URL is given exactly
                .property(ClientProperties.FOLLOW_REDIRECTS, false)
                // bodies are bytes read with JSON-P: none of the optional providers (DataSource, XML
                // sources, images) is needed, and looking for them logs warnings on stderr
                .property(CommonProperties.PROVIDER_DEFAULT_DISABLE, "ALL");
        JerseyClientBuilder builder = new JerseyClientBuilder().withConfig(config);
        if (settings.trustStore() != null) {
            builder.sslContext(sslContext(settings));
        }
        return new OpaClient(settings, builder.build());
    }

    /**
     * Loads and initialises the HTTP client's classes on a daemon thread, so that {@link #open}
     * a little later finds them ready: a first Jersey client costs a cold JVM some 150 ms.
     */
    static void preload() {
        Thread t = new Thread(OpaClient::initialise, "spendgate-opa-preload");
        t.setDaemon(true);
        t.start();
    }

    /** What {@link #preload} does, on the calling thread. */
    static void initialise() {
        try {
            // a request that a filter answers at once: the client runtime (injection, providers,
            // filter chains) is built as for a real one, and nothing goes on the network
            ClientRequestFilter answer = request -> request.abortWith(Response.ok(new byte[] {'{', '}'}).build());
            Client c = new JerseyClientBuilder().withConfig(new ClientConfig()
                    .property(CommonProperties.PROVIDER_DEFAULT_DISABLE, "ALL")).register(answer).build();
            try {
                Response r = c.target("http://127.0.0.1/v1/data").request(MediaType.APPLICATION_JSON_TYPE)
                        .header("Authorization", "Bearer -")
                        .post(Entity.entity(new byte[] {'{', '}'}, MediaType.APPLICATION_JSON_TYPE));
                try (JsonReader reader = Json.createReader(new ByteArrayInputStream(r.readEntity(byte[].class)))) {
                    reader.readObject();
                }
            } finally {
                c.close();
            }
        } catch (RuntimeException | LinkageError e) {
            // the run itself builds its client and reports any problem
        }
    }

    /** Who answers, for messages: {@code OPA at http://127.0.0.1:8181}. */
    String where() {
        return where;
    }

    /** {@code GET /health?bundles}: the server is up and has activated its bundles. */
    void health() throws EngineException {
        URI uri = URI.create(settings.healthUri() + "?bundles");
        Answer a = send(uri, "GET /health", c -> c.get());
        if (a.status == 401 || a.status == 403) {
            throw unauthorized(where, a);
        }
        if (a.status != 200) {
            throw new EngineException("engine_unhealthy", where + " is not ready: GET /health?bundles answered "
                    + a.describe(redactor) + " (bundles not activated yet?)");
        }
    }

    /** {@code GET /v1/data/<dataPath>}: the document at that path, evaluated without input. */
    JsonObject get(String dataPath) throws EngineException {
        return json(send(settings.dataUri(dataPath), "GET /v1/data/" + dataPath, c -> c.get()), dataPath);
    }

    /**
     * {@code GET /v1/policies}: the modules the server has. A server that forbids reading them
     * is told how to allow it, or how to opt out.
     */
    JsonObject policies() throws EngineException {
        Answer a = send(settings.policiesUri(), "GET /v1/policies", c -> c.get());
        if (a.status == 401 || a.status == 403) {
            throw new EngineException("engine_unauthorized", where + " refused GET /v1/policies: " + a.describe(redactor)
                    + ": spendgate verifies the modules the server has against the selected packs; allow the token read "
                    + "access to /v1/policies, or opt out with --opa-skip-policy-verification (the report then says so)");
        }
        return json(a, "/v1/policies");
    }

    /** {@code POST /v1/data/<dataPath>?provenance} with {@code body} ({@code {"input": ...}}). */
    JsonObject post(String dataPath, byte[] body) throws EngineException {
        URI uri = URI.create(settings.dataUri(dataPath) + "?provenance");
        return json(send(uri, "POST /v1/data/" + dataPath, c -> c.post(Entity.entity(body, MediaType.APPLICATION_JSON_TYPE))),
                dataPath);
    }

    @Override
    public void close() {
        client.close();
    }

    /** An HTTP answer read whole, and how many attempts it took. */
    private record Answer(int status, byte[] body, int attempts) {

        /** {@code HTTP 500 internal_error: message}, from OPA's error body when it sent one, secrets hidden. */
        String describe(Redactor redactor) {
            return redactor.redact(describe());
        }

        private String describe() {
            StringBuilder b = new StringBuilder("HTTP ").append(status);
            try (JsonReader r = Json.createReader(new ByteArrayInputStream(body))) {
                JsonObject error = r.readObject();
                if (error.get("code") instanceof JsonString code) {
                    b.append(' ').append(code.getString());
                }
                if (error.get("message") instanceof JsonString message) {
                    b.append(": ").append(oneLine(message.getString()));
                }
            } catch (JsonException | IllegalStateException e) {
                String text = oneLine(new String(body, StandardCharsets.UTF_8));
                if (!text.isEmpty()) {
                    b.append(": ").append(text);
                }
            }
            if (attempts > 1) {
                b.append(" (").append(attempts).append(" attempts)");
            }
            return b.toString();
        }
    }

    private JsonObject json(Answer a, String dataPath) throws EngineException {
        String what = where + " (" + dataPath + ")";
        if (a.status == 401 || a.status == 403) {
            throw unauthorized(what, a);
        }
        if (a.status != 200) {
            throw new EngineException("engine_error", what + " answered " + a.describe(redactor));
        }
        try (JsonReader r = Json.createReader(new ByteArrayInputStream(a.body))) {
            return r.readObject();
        } catch (JsonException e) {
            throw DecisionReader.malformed(what, e);
        } catch (IllegalStateException | NumberFormatException | ArithmeticException e) {
            throw new EngineException("engine_invalid_result", what + " answered malformed JSON: " + oneLine(e.getMessage()), e);
        }
    }

    private EngineException unauthorized(String what, Answer a) {
        return new EngineException("engine_unauthorized", what + " refused the request: " + a.describe(redactor)
                + (settings.token() == null ? " (no bearer token was sent)" : " (check the bearer token)"));
    }

    /**
     * Sends a request, retrying connection errors and 5xx answers up to {@code retries} times
     * with backoff {@code retryBackoff}, doubled after each attempt.
     */
    private Answer send(URI uri, String what, Function<Invocation.Builder, Response> call) throws EngineException {
        int attempts = settings.retries() + 1;
        Duration backoff = settings.retryBackoff();
        Failure brokeOff = null; // a server that died mid-request is refused afterwards: say both
        for (int attempt = 1; ; attempt++) {
            try {
                Invocation.Builder request = client.target(uri).request(MediaType.APPLICATION_JSON_TYPE);
                if (settings.token() != null) {
                    request.header("Authorization", "Bearer " + settings.token());
                }
                Answer answer;
                Response response = call.apply(request);
                try {
                    answer = new Answer(response.getStatus(),
                            response.hasEntity() ? response.readEntity(byte[].class) : new byte[0], attempt);
                    int declared = response.getLength();
                    if (declared >= 0 && answer.body.length < declared) {
                        // the server died while it answered: a cut answer is no answer
                        throw new ProcessingException(new IOException("the answer ended after " + answer.body.length
                                + " of its " + declared + " bytes"));
                    }
                } finally {
                    response.close();
                }
                answered = true;
                if (answer.status < 500 || attempt >= attempts) {
                    return answer;
                }
            } catch (ProcessingException e) {
                Failure f = classify(e, what);
                if (brokeOff == null && f.message.startsWith(where + " broke off")) {
                    brokeOff = f;
                }
                if (!f.retry || attempt >= attempts) {
                    String message = brokeOff != null && brokeOff != f ? brokeOff.message + "; then " + f.message : f.message;
                    throw new EngineException(f.code, message + (attempt > 1 ? " (" + attempt + " attempts)" : ""), e);
                }
            }
            sleep(backoff);
            backoff = backoff.multipliedBy(2);
        }
    }

    private record Failure(String code, String message, boolean retry) {
    }

    private Failure classify(ProcessingException e, String what) {
        Failure f = classifyRaw(e, what);
        return new Failure(f.code, redactor.redact(f.message), f.retry);
    }

    private Failure classifyRaw(ProcessingException e, String what) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause && !(cause instanceof IOException)) {
            cause = cause.getCause();
        }
        if (cause instanceof ConnectException) {
            String refused = lower(cause.getMessage(), "connection refused");
            if (answered) {
                // the JDK retries a POST whose connection broke once, silently: the refusal is what is left of a kill
                return new Failure("engine_unreachable", where + " stopped answering during the run (it answered before; "
                        + "killed or restarted mid-request?): " + what + ": " + refused, true);
            }
            return new Failure("engine_unreachable", "cannot connect to " + where + ": " + refused, true);
        }
        if (cause instanceof UnknownHostException) {
            return new Failure("engine_unreachable", "cannot connect to " + where + ": unknown host " + settings.url().getHost(), true);
        }
        if (cause instanceof SocketTimeoutException) {
            String m = String.valueOf(cause.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (m.contains("connect")) {
                return new Failure("engine_unreachable", "cannot connect to " + where + ": no connection within "
                        + OpaSettings.show(settings.connectTimeout()) + " (connect timeout)", true);
            }
            return new Failure("engine_timeout", where + " did not answer " + what + " within "
                    + OpaSettings.show(settings.readTimeout()) + " (read timeout)", false);
        }
        if (cause instanceof SSLException) {
            return new Failure("engine_unreachable", "TLS with " + where + " failed: " + oneLine(cause.getMessage())
                    + " (is the server's certificate in the trust store?)", false);
        }
        if (cause instanceof IOException) {
            return new Failure("engine_unreachable", where + " broke off " + what + ": " + oneLine(String.valueOf(cause.getMessage())), true);
        }
        return new Failure("engine_error", what + " to " + where + " failed: " + oneLine(String.valueOf(cause)), false);
    }

    private static SSLContext sslContext(OpaSettings settings) throws EngineException {
        String file = settings.trustStore().toString();
        try {
            KeyStore store = trustStore(settings);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new EngineException("engine_settings", "trust store " + file + " does not load: " + oneLine(String.valueOf(e.getMessage())), e);
        }
    }

    /** A PKCS#12 or JKS key store, or a PEM file of certificates. */
    private static KeyStore trustStore(OpaSettings settings) throws IOException, GeneralSecurityException {
        byte[] bytes = Files.readAllBytes(settings.trustStore());
        String head = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1);
        if (head.contains("-----BEGIN CERTIFICATE-----")) {
            Collection<? extends Certificate> certs;
            try (InputStream in = new ByteArrayInputStream(bytes)) {
                certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                store.setCertificateEntry("pem-" + i++, c);
            }
            return store;
        }
        char[] password = settings.trustStorePassword() == null ? null : settings.trustStorePassword().toCharArray();
        return KeyStore.getInstance(settings.trustStore().toFile(), password);
    }

    private static void sleep(Duration d) throws EngineException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("engine_error", "interrupted while waiting to retry OPA", e);
        }
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }

    private static String lower(String message, String fallback) {
        return message == null || message.isBlank() ? fallback : oneLine(message).toLowerCase(java.util.Locale.ROOT);
    }

    /** Text from a server or an exception as one short line. */
    static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("[\\r\\n\\t]+", " ").replaceAll(" {2,}", " ").strip();
        StringBuilder clean = new StringBuilder(line.length());
        line.codePoints().filter(c -> !Character.isISOControl(c)).forEach(clean::appendCodePoint);
        return clean.length() > MAX_ERROR_TEXT ? clean.substring(0, MAX_ERROR_TEXT) + "..." : clean.toString();
    }
}
