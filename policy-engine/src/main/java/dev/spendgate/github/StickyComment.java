package dev.spendgate.github;

import dev.spendgate.http.Rest;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Keeps one spendgate comment on a pull request up to date through the GitHub REST API: lists the
 * pull request's comments (following {@code Link} pagination), updates the one that carries the
 * marker, or creates it. A failure never changes the gate's verdict; it comes back as a
 * {@link Result} the caller reports.
 */
public final class StickyComment implements AutoCloseable {

    /** The hidden line that identifies spendgate's comment. */
    public static final String MARKER = "<!-- spendgate:sticky-comment -->";
    /** GitHub rejects comment bodies longer than this (422). */
    public static final int MAX_BODY = 65_536;

    private static final int ATTEMPTS = 3;

    /** What happened to the comment. */
    public enum Status { CREATED, UPDATED, NONE, READ_ONLY, FAILED }

    /** @param message one line for the log; never contains the token */
    public record Result(Status status, long commentId, String message) {
        public boolean ok() {
            return status == Status.CREATED || status == Status.UPDATED;
        }
    }

    private final Client client;
    private final String token;
    private final String userAgent;
    private final Duration backoff;
    private final dev.spendgate.input.Redactor redactor;

    public StickyComment(String token, String userAgent) {
        this(token, userAgent, Duration.ofSeconds(10), Duration.ofMillis(500));
    }

    /** @param backoff the first wait before retrying a 5xx or a broken connection; it doubles */
    public StickyComment(String token, String userAgent, Duration timeout, Duration backoff) {
        this.token = Objects.requireNonNull(token, "token == null");
        this.redactor = dev.spendgate.input.Redactor.of(token);
        this.userAgent = Objects.requireNonNull(userAgent, "userAgent == null");
        this.backoff = backoff;
        this.client = Rest.client(timeout);
    }

    /** {@code body} with the marker, cut with a note to fit GitHub's limit. */
    public static String withMarker(String body) {
        String marked = MARKER + "\n" + body;
        if (marked.length() <= MAX_BODY) {
            return marked;
        }
        String note = "\n\n_… cut to fit GitHub's comment limit; the job summary and the SARIF report have every finding._\n";
        int keep = MAX_BODY - note.length();
        int lineEnd = marked.lastIndexOf('\n', keep);
        return marked.substring(0, lineEnd > 0 ? lineEnd : keep) + note;
    }

    /** Creates or updates the comment on {@code pr} to {@code body} (marker added here). */
    public Result upsert(PullRequest pr, String body) {
        String text = withMarker(body);
        URI list = URI.create(pr.api() + "/repos/" + pr.owner() + "/" + pr.repo() + "/issues/" + pr.number()
                + "/comments?per_page=100");
        try {
            long existing = find(list);
            if (existing > 0) {
                URI one = URI.create(pr.api() + "/repos/" + pr.owner() + "/" + pr.repo() + "/issues/comments/" + existing);
                Reply r = send(request(one).build("PATCH", json(text)));
                if (r.status == 200) {
                    return new Result(Status.UPDATED, existing, "updated the spendgate comment on #" + pr.number());
                }
                if (r.status != 404) {
                    return failure(r, "update the comment on #" + pr.number());
                }
                // deleted since we listed it: create a new one
            }
            URI create = URI.create(pr.api() + "/repos/" + pr.owner() + "/" + pr.repo() + "/issues/" + pr.number() + "/comments");
            Reply r = send(request(create).buildPost(json(text)));
            if (r.status == 201) {
                return new Result(Status.CREATED, Rest.id(r.body), "created the spendgate comment on #" + pr.number());
            }
            return failure(r, "create a comment on #" + pr.number());
        } catch (Failure f) {
            return f.result;
        }
    }

    /**
     * Updates the comment on {@code pr} to {@code body} only when there is one already (a run that
     * has nothing to say must not leave an earlier report standing); {@link Status#NONE} when there
     * is none, and nothing is posted.
     */
    public Result updateExisting(PullRequest pr, String body) {
        URI list = URI.create(pr.api() + "/repos/" + pr.owner() + "/" + pr.repo() + "/issues/" + pr.number()
                + "/comments?per_page=100");
        try {
            long existing = find(list);
            if (existing <= 0) {
                return new Result(Status.NONE, 0, "no spendgate comment on #" + pr.number() + " to update");
            }
            URI one = URI.create(pr.api() + "/repos/" + pr.owner() + "/" + pr.repo() + "/issues/comments/" + existing);
            Reply r = send(request(one).build("PATCH", json(withMarker(body))));
            if (r.status == 200) {
                return new Result(Status.UPDATED, existing, "updated the spendgate comment on #" + pr.number());
            }
            if (r.status == 404) {
                return new Result(Status.NONE, 0, "the spendgate comment on #" + pr.number() + " was deleted meanwhile");
            }
            return failure(r, "update the comment on #" + pr.number());
        } catch (Failure f) {
            return f.result;
        }
    }

    /** The id of the first comment carrying the marker, following every page; 0 when none. */
    private long find(URI first) throws Failure {
        URI next = first;
        int pages = 0;
        while (next != null && pages++ < 100) {
            Reply r = send(request(next).buildGet());
            if (r.status != 200) {
                throw new Failure(failure(r, "list the pull request's comments"));
            }
            JsonArray comments;
            try {
                comments = Json.createReader(new StringReader(r.body)).readArray();
            } catch (JsonException | ClassCastException e) {
                throw new Failure(new Result(Status.FAILED, 0, "GitHub answered the comment list with something that is not a JSON array"));
            }
            for (JsonValue v : comments) {
                JsonObject c = v.asJsonObject();
                if (!c.isNull("body") && c.getString("body", "").contains(MARKER)) {
                    return c.getJsonNumber("id").longValue();
                }
            }
            next = Rest.nextPage(r.link);
        }
        return 0;
    }

    private Invocation.Builder request(URI uri) {
        return client.target(uri).request()
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28")
                .header("User-Agent", userAgent);
    }

    private static Entity<String> json(String body) {
        return Entity.entity(Json.createObjectBuilder().add("body", body).build().toString(), MediaType.APPLICATION_JSON_TYPE);
    }

    private record Reply(int status, String body, String link, String rateRemaining, String message) {
    }

    /** Sends with bounded retries on 5xx and broken connections. */
    private Reply send(Invocation call) throws Failure {
        long wait = backoff.toMillis();
        String last = "";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try (Response response = call.invoke()) {
                String body = response.hasEntity() ? response.readEntity(String.class) : "";
                Reply r = new Reply(response.getStatus(), body, response.getHeaderString("Link"),
                        response.getHeaderString("X-RateLimit-Remaining"), redactor.redact(message(body)));
                if (r.status < 500) {
                    return r;
                }
                last = "HTTP " + r.status + (r.message.isEmpty() ? "" : ": " + r.message);
            } catch (ProcessingException e) {
                last = "cannot reach GitHub: " + redactor.redact(Rest.rootCause(e));
            }
            if (attempt < ATTEMPTS) {
                Rest.sleep(wait);
                wait *= 2;
            }
        }
        throw new Failure(new Result(Status.FAILED, 0, last + " (after " + ATTEMPTS + " attempts)"));
    }

    private static Result failure(Reply r, String what) {
        String why = r.message.isEmpty() ? "" : ": " + r.message;
        return switch (r.status) {
            case 401 -> new Result(Status.FAILED, 0, "cannot " + what + ": the token was rejected (HTTP 401)" + why);
            case 403 -> "0".equals(r.rateRemaining)
                    ? new Result(Status.FAILED, 0, "cannot " + what + ": GitHub's rate limit is used up (HTTP 403)" + why)
                    : new Result(Status.READ_ONLY, 0, "cannot " + what + ": the token may not write comments (HTTP 403"
                            + why + "); pull requests from forks get a read-only token, so the report is in the job summary and annotations");
            case 404 -> new Result(Status.FAILED, 0, "cannot " + what + ": not found (HTTP 404); does the token have access to the repository?" + why);
            case 422 -> new Result(Status.FAILED, 0, "cannot " + what + ": GitHub refused the request (HTTP 422)" + why);
            case 429 -> new Result(Status.FAILED, 0, "cannot " + what + ": rate limited (HTTP 429)" + why);
            default -> new Result(Status.FAILED, 0, "cannot " + what + ": HTTP " + r.status + why);
        };
    }

    private static String message(String body) {
        try {
            JsonObject o = Json.createReader(new StringReader(body)).readObject();
            return o.getString("message", "").replaceAll("[\\r\\n]+", " ");
        } catch (RuntimeException notJson) {
            return "";
        }
    }

    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final transient Result result;

        Failure(Result result) {
            super(result.message(), null, false, false);
            this.result = result;
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
