package dev.spendgate.spend.opencost;

import dev.spendgate.spend.SpendData;
import dev.spendgate.spend.SpendException;
import dev.spendgate.spend.SpendQuery;
import dev.spendgate.spend.SpendSource;
import dev.spendgate.spend.SpendTally;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;

import javax.net.ssl.SSLException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Live spend from OpenCost's allocation API: one {@code GET /allocation/compute} for the last
 * {@value #WINDOW_DAYS} UTC days up to now, in daily steps, aggregated by the manifest and team
 * labels. Each allocation of each day is a row costing its {@code totalCost}: OpenCost has no
 * billed or effective cost, so both cost columns read {@code totalCost}, and the data names that
 * column. Not thread-safe; each {@link #read} asks the server again.
 */
final class OpenCostSource implements SpendSource {

    /** Days asked for, today included: the whole previous calendar month and this one. */
    static final int WINDOW_DAYS = 62;

    /** The largest answer read: a bigger one is refused rather than read into a long pause. */
    static final long MAX_BYTES = 256L * 1024 * 1024;

    /** The cost field every row sums, whichever cost column was asked for. */
    static final String COST_FIELD = "totalCost";

    private static final int MAX_ERROR_TEXT = 240;

    private final OpenCostEndpoint endpoint;
    private final Duration timeout;
    private final Clock clock;
    private final long maxBytes;

    OpenCostSource(OpenCostEndpoint endpoint, Duration timeout, Clock clock, long maxBytes) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint == null");
        this.timeout = Objects.requireNonNull(timeout, "timeout == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.maxBytes = maxBytes;
    }

    @Override
    public String display() {
        return endpoint.display();
    }

    @Override
    public SpendData read(SpendQuery query) throws SpendException {
        Objects.requireNonNull(query, "query == null");
        Attribution attribution = new Attribution(query.manifestTag(), query.teamTag());
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant start = now.truncatedTo(ChronoUnit.DAYS).minus(WINDOW_DAYS - 1, ChronoUnit.DAYS);
        URI uri = endpoint.request(start, now, attribution.aggregate());

        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(timeout)
                .header("Accept", "application/json");
        endpoint.authorization().ifPresent(value -> request.header("Authorization", value));
        // redirects are not followed: one could carry the token to another host
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<InputStream> response = send(client, request.build());

        SpendTally tally = new SpendTally(display());
        try (GuardedInputStream body = new GuardedInputStream(response.body(), maxBytes, timeout)) {
            if (response.statusCode() != 200) {
                throw httpError(response, body);
            }
            if (response.headers().firstValueAsLong("Content-Length").orElse(0) > maxBytes) {
                throw tooLarge();
            }
            AllocationParser.Envelope envelope = parse(body, attribution, tally);
            if (envelope.failed()) {
                throw new SpendException("spend_api_error", where() + ": OpenCost answered "
                        + (envelope.code() != null ? "code " + envelope.code() : "status " + envelope.status())
                        + (envelope.message() == null ? "" : ": " + endpoint.redactor().redact(oneLine(envelope.message()))));
            }
            if (!envelope.hasData()) {
                throw new SpendException("spend_unreadable", where() + ": the answer has no \"data\" "
                        + "(is this OpenCost's API, usually on port 9003?)");
            }
        } catch (IOException e) {
            // closing the body failed: everything was read by then
        }
        return tally.data(COST_FIELD);
    }

    private AllocationParser.Envelope parse(GuardedInputStream body, Attribution attribution, SpendTally tally)
            throws SpendException {
        try (JsonParser parser = Json.createParser(body)) {
            return new AllocationParser(parser, attribution, endpoint.currency(), tally, where()).parse();
        } catch (JsonException | NoSuchElementException | IllegalStateException e) {
            if (body.tooLarge()) {
                throw tooLarge();
            }
            if (body.stalled()) {
                throw new SpendException("spend_unreachable", where() + ": the answer stalled: no data for "
                        + human(timeout), e);
            }
            if (e instanceof JsonException && e.getCause() instanceof IOException io) {
                throw new SpendException("spend_unreachable", where() + ": reading the answer failed: "
                        + reason(io), e);
            }
            boolean atStart = e instanceof JsonParsingException p && p.getLocation() != null
                    && p.getLocation().getStreamOffset() == 0;
            throw new SpendException("spend_unreadable", where() + ": the answer is not valid JSON: "
                    + oneLine(String.valueOf(e.getMessage()))
                    + (atStart ? " (is this OpenCost's API, usually on port 9003?)" : ""), e);
        }
    }

    private HttpResponse<InputStream> send(HttpClient client, HttpRequest request) throws SpendException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw new SpendException("spend_unreachable", where() + ": no connection within " + human(timeout), e);
        } catch (HttpTimeoutException e) {
            throw new SpendException("spend_unreachable", where() + ": no answer within " + human(timeout), e);
        } catch (ConnectException e) {
            throw new SpendException("spend_unreachable", where() + ": cannot connect (" + reason(e) + ")", e);
        } catch (SSLException e) {
            throw new SpendException("spend_unreachable", where() + ": TLS failed (" + reason(e) + ")", e);
        } catch (IOException e) {
            throw new SpendException("spend_unreachable", where() + ": request failed (" + reason(e) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpendException("spend_unreachable", where() + ": interrupted while waiting for the answer", e);
        }
    }

    /** {@code HTTP 500: Error: ...}, with OpenCost's message when the body has one. */
    private SpendException httpError(HttpResponse<InputStream> response, InputStream body) {
        int status = response.statusCode();
        StringBuilder m = new StringBuilder(where()).append(": HTTP ").append(status);
        String text = errorText(body);
        if (!text.isEmpty()) {
            m.append(": ").append(text);
        }
        if (status == 401 || status == 403) {
            m.append(" (set SPENDGATE_SPEND_TOKEN, or user and password in the URL, for a server that wants them)");
        } else if (status == 404) {
            m.append(" (give OpenCost's API base URL, such as http://opencost.opencost:9003)");
        } else if (status >= 300 && status < 400) {
            response.headers().firstValue("Location").ifPresent(to -> m.append(" (redirected to ")
                    .append(OpenCostEndpoint.withoutUserInfo(to)).append("; give that URL)"));
        }
        return new SpendException(status == 404 ? "spend_unreadable" : "spend_api_error", endpoint.redactor().redact(m.toString()));
    }

    /** OpenCost's {@code message} from a JSON error body, or the start of a text one. */
    private static String errorText(InputStream body) {
        byte[] bytes;
        try {
            bytes = body.readNBytes(64 * 1024);
        } catch (IOException e) {
            return "";
        }
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(bytes))) {
            JsonObject o = reader.readObject();
            if (o.get("message") instanceof JsonString s) {
                return oneLine(s.getString());
            }
        } catch (JsonException | IllegalStateException e) {
            // not OpenCost's JSON error: show the text
        }
        return oneLine(new String(bytes, StandardCharsets.UTF_8));
    }

    private SpendException tooLarge() {
        return new SpendException("spend_too_large", where() + ": the answer is larger than "
                + (maxBytes >= 1024 * 1024 ? maxBytes / (1024 * 1024) + " MiB" : maxBytes + " bytes"));
    }

    private String where() {
        return endpoint.where();
    }

    /** The first message in the cause chain, or the exception's kind when none has one. */
    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "unknown host";
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return oneLine(t.getMessage());
            }
        }
        // the JDK's client says nothing more when the port is closed
        return e instanceof ConnectException ? "connection refused" : e.getClass().getSimpleName();
    }

    private static String oneLine(String s) {
        String t = s.replaceAll("\\s+", " ").strip();
        return t.length() > MAX_ERROR_TEXT ? t.substring(0, MAX_ERROR_TEXT - 3) + "..." : t;
    }

    /** {@code 30s}, {@code 250ms}. */
    static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
