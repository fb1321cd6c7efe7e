package dev.spendgate.alert;

import dev.spendgate.http.Rest;
import dev.spendgate.input.Redactor;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.List;

/**
 * The one way the HTTP channels send a request: retried on 5xx, on 429 (waiting what
 * {@code Retry-After} asks, in seconds or as an HTTP date, up to the run's limit) and on a broken
 * connection, with a backoff that doubles; any other answer is final. Used by one run on one thread.
 */
final class HttpSender {

    /** One request: method, address, headers and body (null for none). */
    record Request(String method, URI uri, Map<String, String> headers, String body) {
    }

    /**
     * The last answer: {@code status} 0 when no answer came (then {@code body} says why).
     *
     * @param attempts how many tries it took
     * @param refused  why a retry was given up early, or null
     */
    record Reply(int status, String body, Map<String, List<String>> headers, int attempts, String refused) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        /**
         * One line for a failed delivery: {@code 404 no_service}, {@code 429 Too Many Requests after
         * 3 attempts}, {@code cannot connect: ConnectException after 3 attempts}; {@code why} is what
         * the service said, used for an answer that was not retried.
         */
        String failure(String why) {
            String after = attempts > 1 ? " after " + attempts + " attempts" : "";
            if (status == 0) {
                return body + after;
            }
            boolean retried = status == 429 || status >= 500;
            String what = retried || why == null || why.isBlank() ? reason(status) : why;
            return status + " " + what + after + (refused == null ? "" : " (" + refused + ")");
        }
    }

    private final HttpClient client;
    private final ChannelOptions options;
    private final Redactor redactor;

    HttpSender(ChannelOptions options, Redactor redactor) {
        this.options = options;
        this.redactor = redactor;
        this.client = HttpClient.newBuilder().connectTimeout(options.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    Reply send(Request request) {
        Duration wait = options.backoff();
        Reply last = null;
        for (int attempt = 1; attempt <= options.attempts(); attempt++) {
            last = once(request, attempt);
            boolean retry = last.status == 0 || last.status == 429 || last.status >= 500;
            if (!retry || attempt == options.attempts()) {
                return last;
            }
            Duration pause = wait;
            if (last.status == 429) {
                Duration asked = Rest.retryAfter(last.header("Retry-After"), options.clock().instant());
                if (asked != null) {
                    if (asked.compareTo(options.maxRetryAfter()) > 0) {
                        return new Reply(last.status, last.body, last.headers, attempt,
                                "Retry-After " + asked.toSeconds() + " s is longer than the "
                                        + options.maxRetryAfter().toSeconds() + " s a run waits; the next run tries again");
                    }
                    pause = asked;
                }
            }
            options.sleeper().sleep(pause);
            wait = wait.multipliedBy(2);
        }
        return last;
    }

    private Reply once(Request request, int attempt) {
        HttpRequest.Builder b = HttpRequest.newBuilder(request.uri()).timeout(options.timeout());
        request.headers().forEach(b::header);
        b.method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), redactor.redact(r.body()), r.headers().map(), attempt, null);
        } catch (IOException e) {
            return new Reply(0, "cannot reach " + request.uri().getHost() + ": " + redactor.redact(Rest.rootCause(e)),
                    Map.of(), attempt, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(0, "interrupted", Map.of(), attempt, null);
        }
    }

    /** The reason phrase of a status (RFC 9110), as java.net.http gives none. */
    static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 410 -> "Gone";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> status >= 500 ? "Server Error" : status >= 400 ? "Client Error" : "HTTP " + status;
        };
    }
}
