package dev.spendgate.gitlab;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.spendgate.http.testing.JsonHttp;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local server speaking the part of GitLab's REST API v4 a merge-request note uses: the notes of
 * merge request 7 of project 42, listed {@code per_page} at a time with GitLab's paging headers
 * ({@code X-Page}, {@code X-Next-Page}, {@code X-Total}), created with POST (201), updated with PUT
 * (200), authenticated by the {@code PRIVATE-TOKEN} header. Tests can queue answers (status, body,
 * headers) that are served before the real handling, and mark notes as system notes.
 */
public final class FakeGitLab implements AutoCloseable {

    public static final String TOKEN = "glpat-secret-token";

    public record Request(String method, String path, String query, Map<String, String> headers, String body) {
    }

    public record Canned(int status, String body, Map<String, String> headers) {
    }

    public final Map<Long, String> notes = Collections.synchronizedMap(new TreeMap<>());
    public final Set<Long> system = Collections.synchronizedSet(new java.util.HashSet<>());
    public final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    public final Deque<Canned> canned = new ConcurrentLinkedDeque<>();
    private final AtomicLong ids = new AtomicLong(500);
    private final HttpServer server;
    private final String list = "/api/v4/projects/42/merge_requests/7/notes";

    public FakeGitLab() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code CI_API_V4_URL}. */
    public URI api() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v4");
    }

    public MergeRequest mergeRequest() {
        return new MergeRequest(api(), "42", 7);
    }

    /** The variables of a merge request pipeline of project 42, merge request !7. */
    public Map<String, String> environment() {
        return Map.of("GITLAB_CI", "true", "CI_API_V4_URL", api().toString(), "CI_PROJECT_ID", "42",
                "CI_MERGE_REQUEST_IID", "7", "CI_PROJECT_URL", "https://gitlab.example/acme/ml", "CI_COMMIT_SHA", "abc123");
    }

    public long add(String body) {
        long id = ids.incrementAndGet();
        notes.put(id, body);
        return id;
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
        requests.add(new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(), ex.getRequestURI().getQuery(), headers, body));
        Canned c = canned.poll();
        if (c != null) {
            c.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            JsonHttp.reply(ex, c.status(), c.body());
            return;
        }
        if (!TOKEN.equals(headers.get("PRIVATE-TOKEN"))) {
            JsonHttp.reply(ex, 401, "{\"message\":\"401 Unauthorized\"}");
            return;
        }
        String path = ex.getRequestURI().getPath();
        if (ex.getRequestMethod().equals("GET") && path.equals(list)) {
            int page = 1;
            int perPage = 20;
            String q = ex.getRequestURI().getQuery();
            for (String param : q == null ? new String[0] : q.split("&")) {
                if (param.startsWith("page=")) {
                    page = Integer.parseInt(param.substring("page=".length()));
                } else if (param.startsWith("per_page=")) {
                    perPage = Math.min(100, Integer.parseInt(param.substring("per_page=".length())));
                }
            }
            List<Map.Entry<Long, String>> all;
            synchronized (notes) {
                all = new ArrayList<>(notes.entrySet());
            }
            int from = (page - 1) * perPage;
            JsonArrayBuilder arr = Json.createArrayBuilder();
            for (int i = from; i < Math.min(all.size(), from + perPage); i++) {
                long id = all.get(i).getKey();
                arr.add(Json.createObjectBuilder().add("id", id).add("body", all.get(i).getValue())
                        .add("system", system.contains(id)).add("noteable_iid", 7)
                        .add("author", Json.createObjectBuilder().add("username", "project_42_bot")));
            }
            ex.getResponseHeaders().add("X-Page", String.valueOf(page));
            ex.getResponseHeaders().add("X-Per-Page", String.valueOf(perPage));
            ex.getResponseHeaders().add("X-Total", String.valueOf(all.size()));
            ex.getResponseHeaders().add("X-Next-Page", from + perPage < all.size() ? String.valueOf(page + 1) : "");
            JsonHttp.reply(ex, 200, arr.build().toString());
        } else if (ex.getRequestMethod().equals("POST") && path.equals(list)) {
            long id = add(JsonHttp.body(body));
            JsonHttp.reply(ex, 201, "{\"id\":" + id + ",\"body\":\"...\",\"system\":false}");
        } else if (ex.getRequestMethod().equals("PUT") && path.startsWith(list + "/")) {
            long id = Long.parseLong(path.substring(list.length() + 1));
            if (!notes.containsKey(id)) {
                JsonHttp.reply(ex, 404, "{\"message\":\"404 Not found\"}");
                return;
            }
            notes.put(id, JsonHttp.body(body));
            JsonHttp.reply(ex, 200, "{\"id\":" + id + "}");
        } else {
            JsonHttp.reply(ex, 404, "{\"message\":\"404 Not found\"}");
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
