package dev.spendgate.alert;

import dev.spendgate.http.Rest;
import dev.spendgate.input.Redactor;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GitHub issues: one issue per manifest or per team, found again among the repository's open
 * issues by a hidden marker in its body, created when there is none, updated in place while
 * alerts are open, and closed (as completed) when the last one resolves. The issue always shows
 * every open alert of its manifest or team ({@link Batch#open()}), not only this run's changes.
 */
final class GitHubIssuesChannel implements AlertChannel {

    /** What one issue is about. */
    enum Per {
        MANIFEST, TEAM;

        String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static final String MARKER_START = "<!-- spendgate-alert: ";
    /** GitHub's limit of an issue body (characters); longer bodies are cut with a note. */
    static final int MAX_BODY = 65_536;
    private static final int MAX_PAGES = 100;

    private final String name;
    private final URI api;
    private final String repository;
    private final String token;
    private final Per per;
    private final List<String> labels;
    private final HttpSender sender;
    private final Redactor redactor;

    GitHubIssuesChannel(String name, URI api, String repository, String token, Per per, List<String> labels,
                        HttpSender sender, Redactor redactor) {
        this.name = name;
        this.api = api;
        this.repository = repository;
        this.token = token;
        this.per = per;
        this.labels = List.copyOf(labels);
        this.sender = sender;
        this.redactor = redactor;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "github-issues";
    }

    /** The manifest or team an alert's issue is about. */
    String key(Alert a) {
        if (per == Per.MANIFEST) {
            return a.manifest();
        }
        return a.team() == null ? "" : a.team();
    }

    /** The hidden line that finds the issue of {@code key} again. */
    String marker(String key) {
        String safe = URLEncoder.encode(key, StandardCharsets.UTF_8).replace("-", "%2D");
        return MARKER_START + per.word() + "=" + safe + " -->";
    }

    private Map<String, List<Alert>> groups(List<Alert> alerts) {
        Map<String, List<Alert>> m = new LinkedHashMap<>();
        for (Alert a : alerts) {
            m.computeIfAbsent(key(a), k -> new ArrayList<>()).add(a);
        }
        return m;
    }

    @Override
    public List<Delivery> deliver(Batch batch) {
        Map<String, List<Alert>> changes = groups(batch.changes());
        if (changes.isEmpty()) {
            return List.of();
        }
        Map<String, List<Alert>> open = groups(batch.open());
        Map<String, Long> issues = new LinkedHashMap<>();
        String listFailure = list(issues);
        Map<Alert, Delivery> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<Alert>> g : changes.entrySet()) {
            Delivery.Outcome outcome;
            String detail;
            if (listFailure != null) {
                outcome = Delivery.Outcome.FAILED;
                detail = listFailure;
            } else {
                String[] result = apply(g.getKey(), g.getValue(), open.getOrDefault(g.getKey(), List.of()),
                        issues.get(marker(g.getKey())));
                outcome = result[0] == null ? Delivery.Outcome.DELIVERED : Delivery.Outcome.FAILED;
                detail = result[0] == null ? result[1] : result[0];
            }
            for (Alert a : g.getValue()) {
                out.put(a, new Delivery(a, outcome, redactor.redact(detail)));
            }
        }
        List<Delivery> ordered = new ArrayList<>();
        for (Alert a : batch.changes()) {
            ordered.add(out.get(a));
        }
        return ordered;
    }

    /** Fills {@code issues} (marker → number) from every page of open issues; the failure, or null. */
    private String list(Map<String, Long> issues) {
        StringBuilder q = new StringBuilder("/issues?state=open&per_page=100");
        if (!labels.isEmpty()) {
            q.append("&labels=").append(URLEncoder.encode(String.join(",", labels), StandardCharsets.UTF_8));
        }
        URI next = URI.create(repo() + q);
        for (int page = 0; next != null && page < MAX_PAGES; page++) {
            HttpSender.Reply r = sender.send(new HttpSender.Request("GET", next, headers(false), null));
            if (r.status() != 200) {
                return failure("list the open issues of " + repository, r);
            }
            JsonArray items;
            try {
                items = Json.createReader(new StringReader(r.body())).readArray();
            } catch (RuntimeException e) {
                return "cannot list the open issues of " + repository + ": GitHub answered with something that is not a JSON array";
            }
            for (JsonValue v : items) {
                JsonObject issue = v.asJsonObject();
                if (issue.containsKey("pull_request") || issue.isNull("body") || !issue.containsKey("body")) {
                    continue;
                }
                String body = issue.getString("body", "");
                int at = body.indexOf(MARKER_START);
                if (at >= 0) {
                    int end = body.indexOf("-->", at);
                    if (end > 0) {
                        issues.putIfAbsent(body.substring(at, end + 3), issue.getJsonNumber("number").longValue());
                    }
                }
            }
            next = Rest.nextPage(r.header("Link"));
        }
        return null;
    }

    /** Brings the issue of {@code key} up to date: {@code {failure, null}} or {@code {null, detail}}. */
    private String[] apply(String key, List<Alert> changes, List<Alert> open, Long number) {
        if (open.isEmpty()) {
            if (number == null) {
                return new String[]{null, "no open issue to close"};
            }
            JsonObject patch = Json.createObjectBuilder().add("title", title(key, open)).add("body", body(key, open, changes))
                    .add("state", "closed").add("state_reason", "completed").build();
            HttpSender.Reply r = sender.send(new HttpSender.Request("PATCH", issue(number), headers(true), patch.toString()));
            return r.status() == 200 ? new String[]{null, "issue #" + number + " closed"}
                    : new String[]{failure("close issue #" + number + " of " + repository, r), null};
        }
        if (number != null) {
            JsonObject patch = Json.createObjectBuilder().add("title", title(key, open)).add("body", body(key, open, changes))
                    .build();
            HttpSender.Reply r = sender.send(new HttpSender.Request("PATCH", issue(number), headers(true), patch.toString()));
            if (r.status() == 200) {
                return new String[]{null, "issue #" + number + " updated"};
            }
            if (r.status() != 404 && r.status() != 410) {
                return new String[]{failure("update issue #" + number + " of " + repository, r), null};
            }
            // deleted or transferred since it was listed: open a new one
        }
        HttpSender.Reply r = sender.send(new HttpSender.Request("POST", URI.create(repo() + "/issues"), headers(true),
                create(key, open, changes).toString()));
        if (r.status() == 201) {
            return new String[]{null, "issue #" + number(r.body()) + " created"};
        }
        return new String[]{failure("create an issue in " + repository, r), null};
    }

    private JsonObject create(String key, List<Alert> open, List<Alert> changes) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("title", title(key, open)).add("body", body(key, open, changes));
        if (!labels.isEmpty()) {
            JsonArrayBuilder l = Json.createArrayBuilder();
            labels.forEach(l::add);
            b.add("labels", l);
        }
        return b.build();
    }

    @Override
    public List<String> preview(Batch batch) {
        Map<String, List<Alert>> open = groups(batch.open());
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<Alert>> g : groups(batch.changes()).entrySet()) {
            List<Alert> still = open.getOrDefault(g.getKey(), List.of());
            String marker = marker(g.getKey());
            if (still.isEmpty()) {
                JsonObject patch = Json.createObjectBuilder().add("title", title(g.getKey(), still))
                        .add("body", body(g.getKey(), still, g.getValue()))
                        .add("state", "closed").add("state_reason", "completed").build();
                out.add("PATCH " + redactor.redact(repo()) + "/issues/{the open issue marked " + marker + ", if any}\n"
                        + redactor.redact(patch.toString()));
            } else {
                out.add("POST " + redactor.redact(repo()) + "/issues (or PATCH the open issue marked " + marker + ")\n"
                        + redactor.redact(create(g.getKey(), still, g.getValue()).toString()));
            }
        }
        return out;
    }

    private String what(String key) {
        if (per == Per.MANIFEST) {
            return key;
        }
        return key.isEmpty() ? "spend of no team" : "team " + key;
    }

    String title(String key, List<Alert> open) {
        if (open.isEmpty()) {
            return "[spendgate] " + what(key) + ": resolved";
        }
        return "[spendgate] " + what(key) + ": " + open.size() + (open.size() == 1 ? " open alert" : " open alerts");
    }

    /** The issue's Markdown: the marker, every open alert with its numbers, and what this run resolved. */
    String body(String key, List<Alert> open, List<Alert> changes) {
        StringBuilder b = new StringBuilder();
        b.append(marker(key)).append('\n');
        b.append("## spendgate: ").append(md(what(key))).append("\n\n");
        Alert any = changes.get(0);
        if (open.isEmpty()) {
            b.append("Every alert is resolved as of ").append(any.at()).append('.');
        } else {
            b.append(open.size()).append(open.size() == 1 ? " open alert" : " open alerts").append(" as of ").append(any.at())
                    .append('.');
        }
        if (any.runUrl() != null) {
            b.append(" [The run](").append(any.runUrl()).append(')');
        }
        b.append("\n\n");
        for (Alert a : open) {
            b.append("### ").append(md(a.ruleId() + " " + a.ruleTitle())).append(" (").append(a.level()).append(")\n\n");
            if (per == Per.TEAM) {
                b.append("Manifest `").append(a.manifest()).append("`. ");
            }
            b.append(md(a.message())).append("\n\n");
            if (!a.numbers().isEmpty()) {
                b.append("| | |\n|---|---|\n");
                a.numbers().forEach((k, v) -> b.append("| ").append(cell(k)).append(" | ").append(cell(v)).append(" |\n"));
                b.append('\n');
            }
            List<String> facts = new ArrayList<>();
            String where = AlertText.where(a);
            facts.add(where == null ? "no manifest declares `" + a.manifest() + "`" : "File: `" + where + "`");
            addFact(facts, "team", a.team());
            addFact(facts, "environment", a.environment());
            addFact(facts, "owner", a.owner());
            b.append(String.join(" · ", facts)).append("\n\n");
        }
        List<Alert> resolved = changes.stream().filter(Alert::resolved).toList();
        if (!resolved.isEmpty()) {
            b.append("### Resolved in this run\n\n");
            for (Alert a : resolved) {
                b.append("- ").append(md(a.ruleId() + " " + a.ruleTitle())).append(" (").append(a.level()).append(")");
                if (per == Per.TEAM) {
                    b.append(", manifest `").append(a.manifest()).append('`');
                }
                b.append(": ").append(md(a.message())).append('\n');
            }
            b.append('\n');
        }
        b.append("_Kept up to date by `spendgate watch`; closed when no alert remains._\n");
        return b.length() <= MAX_BODY ? b.toString()
                : b.substring(0, MAX_BODY - 80) + "\n\n_… cut to fit GitHub's issue limit; the run's report has every alert._\n";
    }

    private static void addFact(List<String> facts, String label, String value) {
        if (value != null) {
            facts.add(label + " " + md(value));
        }
    }

    private static String md(String s) {
        return s.replace("\r", " ").replace("\n", " ");
    }

    private static String cell(String s) {
        return md(s).replace("|", "\\|");
    }

    private String repo() {
        return api + "/repos/" + repository;
    }

    private URI issue(long number) {
        return URI.create(repo() + "/issues/" + number);
    }

    private Map<String, String> headers(boolean body) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Accept", "application/vnd.github+json");
        h.put("X-GitHub-Api-Version", "2022-11-28");
        h.put("Authorization", "Bearer " + token);
        h.put("User-Agent", "spendgate");
        if (body) {
            h.put("Content-Type", "application/json; charset=utf-8");
        }
        return h;
    }

    private static long number(String body) {
        try {
            return Json.createReader(new StringReader(body)).readObject().getJsonNumber("number").longValue();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** One line for a refused request, with GitHub's message: what was tried, the status, why. */
    private String failure(String what, HttpSender.Reply r) {
        String message = "";
        String errors = "";
        try {
            JsonObject o = Json.createReader(new StringReader(r.body())).readObject();
            message = o.getString("message", "");
            if (o.get("errors") instanceof JsonArray list) {
                List<String> parts = new ArrayList<>();
                for (JsonValue e : list) {
                    if (e.getValueType() == JsonValue.ValueType.OBJECT) {
                        JsonObject eo = e.asJsonObject();
                        parts.add(eo.containsKey("message") ? eo.getString("message", "")
                                : eo.getString("resource", "") + "." + eo.getString("field", "") + " " + eo.getString("code", ""));
                    } else if (e.getValueType() == JsonValue.ValueType.STRING) {
                        parts.add(((jakarta.json.JsonString) e).getString());
                    }
                }
                errors = String.join("; ", parts);
            }
        } catch (RuntimeException notJson) {
            message = PostChannel.firstLine(r.body());
        }
        String why = switch (r.status()) {
            case 0 -> r.failure(null);
            case 401 -> "401 the token was rejected";
            case 403 -> "0".equals(r.header("X-RateLimit-Remaining")) || message.toLowerCase(java.util.Locale.ROOT).contains("rate limit")
                    ? "403 GitHub's rate limit is used up" + (message.isEmpty() ? "" : " (" + message + ")")
                    : "403 the token may not do this" + (message.isEmpty() ? "" : " (" + message + ")")
                            + "; it needs issues: write on " + repository;
            case 404 -> "404 not found: does " + repository + " exist and may the token see it?";
            case 410 -> "410 issues are disabled in " + repository;
            case 422 -> "422 GitHub refused it: " + (message.isEmpty() ? "Validation Failed" : message)
                    + (errors.isEmpty() ? "" : ": " + errors);
            default -> r.failure(message);
        };
        return ("cannot " + what + ": " + why).replaceAll("[\\r\\n]+", " ");
    }
}
