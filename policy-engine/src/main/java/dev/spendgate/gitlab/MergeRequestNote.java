package dev.spendgate.gitlab;

import dev.spendgate.http.Rest;
import dev.spendgate.input.Redactor;
import jakarta.json.Json;
import jakarta.json.JsonArray;
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
 * Keeps one spendgate note on a GitLab merge request up to date through the REST API v4: lists the
 * merge request's notes page by page ({@code X-Next-Page}), updates the one that carries the marker
 * ({@code PUT .../notes/:id}) or creates it ({@code POST .../notes}). The token goes in the
 * {@code PRIVATE-TOKEN} header (a project or personal access token with the {@code api} scope; a
 * job token cannot write notes). A failure never changes the gate's verdict; it comes back as a
 * {@link Result} the caller reports, without the token.
 */
public final class MergeRequestNote implements AutoCloseable {

    /** The hidden line that identifies spendgate's note. */
    public static final String MARKER = "<!-- spendgate:merge-request-note -->";
    /** GitLab refuses notes longer than this. */
    public static final int MAX_BODY = 1_000_000;

    private static final int ATTEMPTS = 3;
    private static final int MAX_PAGES = 100;

    /** What happened to the note. */
    public enum Status { CREATED, UPDATED, NONE, READ_ONLY, FAILED }

    /** @param message one line for the log; never contains the token */
    public record Result(Status status, long noteId, String message) {
    }

    private final Client client;
    private final String token;
    private final Duration backoff;
    private final Redactor redactor;

    public MergeRequestNote(String token) {
        this(token, Duration.ofSeconds(20), Duration.ofSeconds(1));
    }

    /** @param backoff the first wait before retrying a 429, a 5xx or a broken connection; it doubles */
    public MergeRequestNote(String token, Duration timeout, Duration backoff) {
        this.token = Objects.requireNonNull(token, "token == null");
        this.backoff = backoff;
        this.redactor = Redactor.of(token);
        this.client = Rest.client(timeout);
    }

    /** {@code body} with the marker, cut with a note to fit GitLab's limit. */
    public static String withMarker(String body) {
        String marked = MARKER + "\n" + body;
        if (marked.length() <= MAX_BODY) {
            return marked;
        }
        String note = "\n\n_… cut to fit GitLab's note limit; the job's reports have every finding._\n";
        int keep = MAX_BODY - note.length();
        int lineEnd = marked.lastIndexOf('\n', keep);
        return marked.substring(0, lineEnd > 0 ? lineEnd : keep) + note;
    }

    /** Creates or updates the note on {@code mr} to {@code body} (marker added here). */
    public Result upsert(MergeRequest mr, String body) {
        return write(mr, body, true);
    }

    /** Updates the note only when there is one already; {@link Status#NONE}, and nothing posted, otherwise. */
    public Result updateExisting(MergeRequest mr, String body) {
        return write(mr, body, false);
    }

    private Result write(MergeRequest mr, String body, boolean create) {
        String text = withMarker(body);
        String where = "!" + mr.iid();
        try {
            long existing = find(mr);
            if (existing > 0) {
                Reply r = send(request(URI.create(mr.notes() + "/" + existing)).buildPut(json(text)));
                if (r.status == 200) {
                    return new Result(Status.UPDATED, existing, "updated the spendgate note on " + where);
                }
                if (r.status != 404) {
                    return failure(r, "update the note on " + where);
                }
                // deleted since it was listed
            }
            if (!create) {
                return new Result(Status.NONE, 0, "no spendgate note on " + where + " to update");
            }
            Reply r = send(request(mr.notes()).buildPost(json(text)));
            if (r.status == 201) {
                return new Result(Status.CREATED, Rest.id(r.body), "created the spendgate note on " + where);
            }
            return failure(r, "create a note on " + where);
        } catch (Failure f) {
            return f.result;
        }
    }

    /** The id of the first note carrying the marker, following every page; 0 when none. */
    private long find(MergeRequest mr) throws Failure {
        String page = "1";
        for (int pages = 0; page != null && !page.isBlank() && pages < MAX_PAGES; pages++) {
            Reply r = send(request(URI.create(mr.notes() + "?sort=asc&order_by=created_at&per_page=100&page=" + page))
                    .buildGet());
            if (r.status != 200) {
                throw new Failure(failure(r, "list the merge request's notes"));
            }
            JsonArray notes;
            try {
                notes = Json.createReader(new StringReader(r.body)).readArray();
            } catch (RuntimeException e) {
                throw new Failure(new Result(Status.FAILED, 0,
                        "GitLab answered the note list with something that is not a JSON array"));
            }
            for (JsonValue v : notes) {
                if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                    continue;
                }
                JsonObject n = v.asJsonObject();
                if (!n.getBoolean("system", false) && n.get("body") instanceof jakarta.json.JsonString s
                        && s.getString().contains(MARKER) && n.get("id") instanceof jakarta.json.JsonNumber id) {
                    return id.longValue();
                }
            }
            page = r.nextPage;
        }
        return 0;
    }

    private Invocation.Builder request(URI uri) {
        return client.target(uri).request()
                .header("PRIVATE-TOKEN", token)
                .header("Accept", "application/json")
                .header("User-Agent", "spendgate");
    }

    private static Entity<String> json(String body) {
        return Entity.entity(Json.createObjectBuilder().add("body", body).build().toString(), MediaType.APPLICATION_JSON_TYPE);
    }

    private record Reply(int status, String body, String nextPage, String retryAfter, String message) {
    }

    /** Sends with bounded retries on 429 (after its Retry-After, at most 60 s), 5xx and broken connections. */
    private Reply send(Invocation call) throws Failure {
        long wait = backoff.toMillis();
        String last = "";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            long pause = wait;
            try (Response response = call.invoke()) {
                String body = response.hasEntity() ? response.readEntity(String.class) : "";
                Reply r = new Reply(response.getStatus(), body, response.getHeaderString("X-Next-Page"),
                        response.getHeaderString("Retry-After"), redactor.redact(message(body)));
                if (r.status != 429 && r.status < 500) {
                    return r;
                }
                last = "HTTP " + r.status + (r.message.isEmpty() ? "" : ": " + r.message);
                java.time.Duration asked = r.status == 429 ? Rest.retryAfter(r.retryAfter, java.time.Instant.now()) : null;
                if (asked != null) {
                    pause = Math.min(60_000, asked.toMillis());
                }
            } catch (ProcessingException e) {
                last = "cannot reach GitLab: " + redactor.redact(Rest.rootCause(e));
            }
            if (attempt < ATTEMPTS) {
                Rest.sleep(pause);
                wait *= 2;
            }
        }
        throw new Failure(new Result(Status.FAILED, 0, last + " (after " + ATTEMPTS + " attempts)"));
    }

    private static Result failure(Reply r, String what) {
        String why = r.message.isEmpty() ? "" : ": " + r.message;
        return switch (r.status) {
            case 401 -> new Result(Status.FAILED, 0, "cannot " + what + ": the token was rejected (HTTP 401)" + why);
            case 403 -> new Result(Status.READ_ONLY, 0, "cannot " + what + ": the token may not write notes (HTTP 403"
                    + why + "); give it the api scope and at least the Reporter role, the report is in the job's artifacts");
            case 404 -> new Result(Status.FAILED, 0, "cannot " + what + ": not found (HTTP 404); does the token have"
                    + " access to the project?" + why);
            default -> new Result(Status.FAILED, 0, "cannot " + what + ": HTTP " + r.status + why);
        };
    }

    /** GitLab's error body: {@code {"message": "..."}} (a string or an object of field errors) or {@code {"error": "..."}}. */
    private static String message(String body) {
        try {
            JsonObject o = Json.createReader(new StringReader(body)).readObject();
            JsonValue m = o.containsKey("message") ? o.get("message") : o.get("error");
            String text = m == null ? "" : m instanceof jakarta.json.JsonString s ? s.getString() : m.toString();
            return text.replaceAll("[\\r\\n]+", " ");
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
