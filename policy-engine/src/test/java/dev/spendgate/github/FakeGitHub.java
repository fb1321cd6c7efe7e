package dev.spendgate.github;

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
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local server speaking the part of the GitHub REST API a sticky comment uses: issue comments
 * listed 100 a page with {@code Link} headers, created with POST and updated with PATCH. Tests can
 * queue error answers (status, body, headers) that are served before the real handling.
 */
public final class FakeGitHub implements AutoCloseable {

    public record Request(String method, String path, String query, Map<String, String> headers, String body) {
    }

    public record Canned(int status, String body, Map<String, String> headers) {
    }

    public final Map<Long, String> comments = Collections.synchronizedMap(new TreeMap<>());
    public final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    public final Deque<Canned> canned = new ConcurrentLinkedDeque<>();
    private final AtomicLong ids = new AtomicLong(1000);
    private final HttpServer server;
    final String owner = "acme";
    final String repo = "ml";
    final int number = 7;

    public FakeGitHub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI api() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public PullRequest pullRequest() {
        return new PullRequest(api(), URI.create("https://github.example"), owner, repo, number, "abc123", false);
    }

    public long add(String body) {
        long id = ids.incrementAndGet();
        comments.put(id, body);
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
        if (!("Bearer secret-token").equals(headers.get("Authorization"))) {
            JsonHttp.reply(ex, 401, "{\"message\":\"Bad credentials\"}");
            return;
        }
        String path = ex.getRequestURI().getPath();
        String list = "/repos/" + owner + "/" + repo + "/issues/" + number + "/comments";
        String one = "/repos/" + owner + "/" + repo + "/issues/comments/";
        if (ex.getRequestMethod().equals("GET") && path.equals(list)) {
            int page = 1;
            String q = ex.getRequestURI().getQuery();
            for (String param : q == null ? new String[0] : q.split("&")) {
                if (param.startsWith("page=")) {
                    page = Integer.parseInt(param.substring("page=".length()));
                }
            }
            List<Map.Entry<Long, String>> all;
            synchronized (comments) {
                all = new ArrayList<>(comments.entrySet());
            }
            int from = (page - 1) * 100;
            JsonArrayBuilder arr = Json.createArrayBuilder();
            for (int i = from; i < Math.min(all.size(), from + 100); i++) {
                arr.add(Json.createObjectBuilder().add("id", all.get(i).getKey()).add("body", all.get(i).getValue())
                        .add("user", Json.createObjectBuilder().add("login", "github-actions[bot]")));
            }
            if (from + 100 < all.size()) {
                ex.getResponseHeaders().add("Link", "<" + api() + list + "?per_page=100&page=" + (page + 1)
                        + ">; rel=\"next\", <" + api() + list + "?per_page=100&page=1>; rel=\"first\"");
            }
            JsonHttp.reply(ex, 200, arr.build().toString());
        } else if (ex.getRequestMethod().equals("POST") && path.equals(list)) {
            long id = add(JsonHttp.body(body));
            JsonHttp.reply(ex, 201, "{\"id\":" + id + ",\"body\":\"...\"}");
        } else if (ex.getRequestMethod().equals("PATCH") && path.startsWith(one)) {
            long id = Long.parseLong(path.substring(one.length()));
            if (!comments.containsKey(id)) {
                JsonHttp.reply(ex, 404, "{\"message\":\"Not Found\"}");
                return;
            }
            comments.put(id, JsonHttp.body(body));
            JsonHttp.reply(ex, 200, "{\"id\":" + id + "}");
        } else {
            JsonHttp.reply(ex, 404, "{\"message\":\"Not Found\"}");
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
