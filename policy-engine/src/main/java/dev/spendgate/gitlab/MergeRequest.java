package dev.spendgate.gitlab;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The merge request a GitLab CI job runs for, from the job's predefined variables:
 * {@code CI_API_V4_URL}, {@code CI_PROJECT_ID} and {@code CI_MERGE_REQUEST_IID} (set only in merge
 * request pipelines).
 *
 * @param api     the REST API v4 root, e.g. {@code https://gitlab.example.com/api/v4}
 * @param project the numeric project id (or the URL-encoded path)
 * @param iid     the merge request's number within the project
 */
public record MergeRequest(URI api, String project, long iid) {

    public MergeRequest {
        Objects.requireNonNull(api, "api == null");
        Objects.requireNonNull(project, "project == null");
    }

    /** The merge request of this job, or empty outside a merge request pipeline. */
    public static Optional<MergeRequest> fromEnvironment(Map<String, String> env) {
        String api = env.getOrDefault("CI_API_V4_URL", "").strip();
        String project = env.getOrDefault("CI_PROJECT_ID", "").strip();
        String iid = env.getOrDefault("CI_MERGE_REQUEST_IID", "").strip();
        if (api.isEmpty() || project.isEmpty() || !iid.matches("\\d{1,18}")) {
            return Optional.empty();
        }
        URI root;
        try {
            root = URI.create(api.endsWith("/") ? api.substring(0, api.length() - 1) : api);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(new MergeRequest(root, project, Long.parseLong(iid)));
    }

    /** {@code <api>/projects/<project>/merge_requests/<iid>/notes}. */
    URI notes() {
        return URI.create(api + "/projects/" + project + "/merge_requests/" + iid + "/notes");
    }
}
