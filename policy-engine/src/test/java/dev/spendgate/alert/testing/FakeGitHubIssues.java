package dev.spendgate.alert.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.spendgate.http.testing.JsonHttp;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A local server speaking the part of GitHub's issues REST API the channel uses: the repository's
 * issues listed newest first and paged with {@code Link} (a small page size, so lists span pages),
 * filtered by state and labels, with pull requests among them as GitHub lists them; create and
 * update. A scripted refusal answers every request while it is set.
 */
public final class FakeGitHubIssues implements AutoCloseable {

    /** One issue as the server keeps it. */
    public static final class Issue {
        public final long number;
        public String title;
        public String body;
        public String state = "open";
        public String stateReason;
        public final List<String> labels;
        public final boolean pullRequest;

        Issue(long number, String title, String body, List<String> labels, boolean pullRequest) {
            this.number = number;
            this.title = title;
            this.body = body;
            this.labels = labels;
            this.pullRequest = pullRequest;
        }
    }

    public record Call(String method, String path, Map<String, String> headers, String body) {
    }

    private final HttpServer server;
    private final String repository;
    private final int pageSize;
    private final List<Issue> issues = Collections.synchronizedList(new ArrayList<>());
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    private volatile FakeService.Answer refusal;
    private volatile String refusedMethod;

    public FakeGitHubIssues(String repository, int pageSize) {
        this.repository = repository;
        this.pageSize = pageSize;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/repos/" + repository + "/issues", this::handle);
        server.start();
    }

    public URI api() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Adds an issue (or a pull request, which the issues list includes) someone else opened. */
    public synchronized Issue seed(String title, String body, List<String> labels, boolean pullRequest) {
        Issue i = new Issue(issues.size() + 1, title, body, labels, pullRequest);
        issues.add(i);
        return i;
    }

    /** Every request of {@code method} (null: of any) answered with {@code answer} from now on; null to stop. */
    public void refuse(String method, FakeService.Answer answer) {
        this.refusedMethod = method;
        this.refusal = answer;
    }

    public List<Issue> issues() {
        return List.copyOf(issues);
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
        String path = ex.getRequestURI().getRawPath();
        calls.add(new Call(ex.getRequestMethod(), ex.getRequestURI().toString(), headers, body));
        FakeService.Answer refused = refusal;
        if (refused != null && (refusedMethod == null || refusedMethod.equals(ex.getRequestMethod()))) {
            refused.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            JsonHttp.reply(ex, refused.status(), refused.body());
            return;
        }
        String base = "/repos/" + repository + "/issues";
        synchronized (this) {
            if (ex.getRequestMethod().equals("GET") && path.equals(base)) {
                list(ex);
            } else if (ex.getRequestMethod().equals("POST") && path.equals(base)) {
                JsonObject o = Json.createReader(new StringReader(body)).readObject();
                List<String> labels = o.containsKey("labels")
                        ? o.getJsonArray("labels").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList()
                        : List.of();
                Issue i = seed(o.getString("title"), o.getString("body", null), labels, false);
                JsonHttp.reply(ex, 201, json(i).toString());
            } else if (ex.getRequestMethod().equals("PATCH") && path.startsWith(base + "/")) {
                int n = Integer.parseInt(path.substring(base.length() + 1));
                if (n < 1 || n > issues.size()) {
                    JsonHttp.reply(ex, 404, "{\"message\":\"Not Found\"}");
                    return;
                }
                Issue i = issues.get(n - 1);
                JsonObject o = Json.createReader(new StringReader(body)).readObject();
                if (o.containsKey("title")) {
                    i.title = o.getString("title");
                }
                if (o.containsKey("body")) {
                    i.body = o.getString("body");
                }
                if (o.containsKey("state")) {
                    i.state = o.getString("state");
                    i.stateReason = o.getString("state_reason", null);
                }
                JsonHttp.reply(ex, 200, json(i).toString());
            } else {
                JsonHttp.reply(ex, 404, "{\"message\":\"Not Found\"}");
            }
        }
    }

    private void list(HttpExchange ex) throws IOException {
        Map<String, String> q = new LinkedHashMap<>();
        String raw = ex.getRequestURI().getRawQuery();
        for (String kv : raw == null ? new String[0] : raw.split("&")) {
            int eq = kv.indexOf('=');
            q.put(kv.substring(0, eq), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
        }
        List<String> wanted = q.containsKey("labels") ? List.of(q.get("labels").split(",")) : List.of();
        List<Issue> matching = new ArrayList<>();
        for (int k = issues.size() - 1; k >= 0; k--) { // newest first
            Issue i = issues.get(k);
            if (i.state.equals(q.getOrDefault("state", "open")) && i.labels.containsAll(wanted)) {
                matching.add(i);
            }
        }
        int size = Math.min(pageSize, Integer.parseInt(q.getOrDefault("per_page", "30")));
        int page = Integer.parseInt(q.getOrDefault("page", "1"));
        int from = (page - 1) * size;
        JsonArrayBuilder a = Json.createArrayBuilder();
        for (int k = from; k < Math.min(matching.size(), from + size); k++) {
            a.add(json(matching.get(k)));
        }
        int last = Math.max(1, (matching.size() + size - 1) / size);
        if (page < last) {
            Map<String, String> next = new LinkedHashMap<>(q);
            next.put("page", Integer.toString(page + 1));
            Map<String, String> end = new LinkedHashMap<>(q);
            end.put("page", Integer.toString(last));
            ex.getResponseHeaders().add("Link", "<" + link(next) + ">; rel=\"next\", <" + link(end) + ">; rel=\"last\"");
        }
        JsonHttp.reply(ex, 200, a.build().toString());
    }

    private String link(Map<String, String> q) {
        StringBuilder b = new StringBuilder(api() + "/repos/" + repository + "/issues?");
        q.forEach((k, v) -> b.append(k).append('=').append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
        return b.substring(0, b.length() - 1);
    }

    private JsonObject json(Issue i) {
        JsonArrayBuilder labels = Json.createArrayBuilder();
        i.labels.forEach(l -> labels.add(Json.createObjectBuilder().add("name", l)));
        JsonObjectBuilder o = Json.createObjectBuilder().add("number", i.number).add("id", 1000 + i.number)
                .add("title", i.title).add("state", i.state).add("labels", labels)
                .add("html_url", "https://github.com/" + repository + "/issues/" + i.number);
        if (i.body == null) {
            o.addNull("body");
        } else {
            o.add("body", i.body);
        }
        if (i.pullRequest) {
            o.add("pull_request", Json.createObjectBuilder().add("url", api() + "/repos/" + repository + "/pulls/" + i.number));
        }
        return o.build();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
