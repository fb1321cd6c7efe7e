package dev.spendgate.git;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The base revision a change is judged against: given ({@code --base REV}) or detected from the
 * CI, as revisions to try in order (the first that names a commit wins) and where it came from.
 * Reading it needs no git: detection is cheap, and loads no JGit class.
 *
 * @param candidates revisions to try, e.g. {@code [main, origin/main]}
 * @param source     how it was chosen, for the report: {@code --base}, {@code GITHUB_BASE_REF}, ...
 */
public record BaseRevision(List<String> candidates, String source) {

    public BaseRevision {
        candidates = List.copyOf(candidates);
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("candidates is empty");
        }
    }

    /** {@code --base REV}: {@code REV}, then {@code origin/REV} for a branch that is only fetched. */
    public static BaseRevision given(String rev) {
        List<String> c = new ArrayList<>(List.of(rev));
        if (!rev.startsWith("origin/") && !rev.startsWith("refs/") && !rev.matches("[0-9a-fA-F]{40}")) {
            c.add("origin/" + rev);
        }
        return new BaseRevision(c, "--base");
    }

    /**
     * The base of the pull or merge request the CI builds, or empty when it builds none:
     * GitHub Actions ({@code pull_request.base.sha} of the event at {@code GITHUB_EVENT_PATH}, else
     * {@code GITHUB_BASE_REF}), Jenkins multibranch ({@code CHANGE_TARGET}), GitLab merge request
     * pipelines ({@code CI_MERGE_REQUEST_DIFF_BASE_SHA}).
     */
    public static Optional<BaseRevision> detect(Map<String, String> env) {
        String baseRef = env.get("GITHUB_BASE_REF");
        if (present(baseRef)) {
            List<String> c = new ArrayList<>();
            eventBaseSha(env.get("GITHUB_EVENT_PATH")).ifPresent(c::add);
            c.add("origin/" + baseRef);
            c.add(baseRef);
            return Optional.of(new BaseRevision(c, c.size() == 3 ? "pull request event (GITHUB_EVENT_PATH)" : "GITHUB_BASE_REF"));
        }
        String target = env.get("CHANGE_TARGET");
        if (present(target)) {
            return Optional.of(new BaseRevision(List.of("origin/" + target, target), "CHANGE_TARGET"));
        }
        String sha = env.get("CI_MERGE_REQUEST_DIFF_BASE_SHA");
        if (present(sha)) {
            return Optional.of(new BaseRevision(List.of(sha), "CI_MERGE_REQUEST_DIFF_BASE_SHA"));
        }
        return Optional.empty();
    }

    /** How a person names it: the first candidate. */
    public String display() {
        return candidates.get(0);
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    /** {@code pull_request.base.sha} of a GitHub event payload, when it is one with it. */
    private static Optional<String> eventBaseSha(String eventPath) {
        if (!present(eventPath)) {
            return Optional.empty();
        }
        try (Reader r = Files.newBufferedReader(Path.of(eventPath), StandardCharsets.UTF_8)) {
            JsonObject event = Json.createReader(r).readObject();
            JsonObject pr = event.getJsonObject("pull_request");
            String sha = pr == null ? null : pr.getJsonObject("base").getString("sha", null);
            return sha != null && sha.matches("[0-9a-f]{40}") ? Optional.of(sha) : Optional.empty();
        } catch (IOException | JsonException | ClassCastException | NullPointerException e) {
            return Optional.empty(); // GITHUB_BASE_REF still names the base
        }
    }
}
