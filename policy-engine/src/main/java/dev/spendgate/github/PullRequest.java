package dev.spendgate.github;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The pull request a workflow run is about, read as {@code @actions/github} reads it: the event
 * payload at {@code $GITHUB_EVENT_PATH}, the repository from {@code $GITHUB_REPOSITORY}, the API from
 * {@code $GITHUB_API_URL} and the web from {@code $GITHUB_SERVER_URL}.
 *
 * @param headSha the pull request's head commit (not {@code $GITHUB_SHA}, which is the merge commit)
 * @param fork    true when the head is in another repository: its token is read-only
 */
public record PullRequest(URI api, URI server, String owner, String repo, int number, String headSha, boolean fork) {

    /** The pull request of this run, or empty when the event is not about one. */
    public static Optional<PullRequest> fromEnvironment(Map<String, String> env) throws IOException {
        String eventPath = env.get("GITHUB_EVENT_PATH");
        String repository = env.get("GITHUB_REPOSITORY");
        if (eventPath == null || eventPath.isBlank() || repository == null || !repository.contains("/")) {
            return Optional.empty();
        }
        JsonObject event;
        try (Reader r = Files.newBufferedReader(Path.of(eventPath), StandardCharsets.UTF_8)) {
            event = Json.createReader(r).readObject();
        } catch (JsonException | ClassCastException e) {
            throw new IOException("GITHUB_EVENT_PATH " + eventPath + " is not a JSON object: " + e.getMessage(), e);
        }
        JsonObject pr = event.containsKey("pull_request") && !event.isNull("pull_request")
                ? event.getJsonObject("pull_request") : null;
        if (pr == null) {
            return Optional.empty();
        }
        int number = event.containsKey("number") ? event.getInt("number") : pr.getInt("number");
        JsonObject head = pr.getJsonObject("head");
        JsonObject base = pr.getJsonObject("base");
        String headRepo = repoName(head);
        String baseRepo = repoName(base);
        boolean fork = headRepo != null && baseRepo != null && !headRepo.equals(baseRepo);
        int slash = repository.indexOf('/');
        return Optional.of(new PullRequest(
                URI.create(strip(env.getOrDefault("GITHUB_API_URL", "https://api.github.com"))),
                URI.create(strip(env.getOrDefault("GITHUB_SERVER_URL", "https://github.com"))),
                repository.substring(0, slash), repository.substring(slash + 1), number,
                head.getString("sha"), fork));
    }

    /** Where a file at the head commit is shown: {@code <server>/<owner>/<repo>/blob/<sha>/}. */
    public String blobBase() {
        return server + "/" + owner + "/" + repo + "/blob/" + headSha + "/";
    }

    private static String repoName(JsonObject side) {
        if (side == null || !side.containsKey("repo") || side.isNull("repo")) {
            return null;
        }
        JsonObject repo = side.getJsonObject("repo");
        return repo.containsKey("full_name") ? repo.getString("full_name") : null;
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
