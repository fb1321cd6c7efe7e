package dev.spendgate.cli;

import dev.spendgate.gate.GateReport;
import dev.spendgate.gitlab.MergeRequest;
import dev.spendgate.gitlab.MergeRequestNote;
import dev.spendgate.report.CommentCondition;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;

/**
 * {@code check --gitlab-note}: in a merge request pipeline, keeps one spendgate note on the merge
 * request up to date, as the GitHub comment does, under the same {@code --comment-when}. Messages go
 * to standard error (the job log); nothing here changes the verdict or the exit code.
 */
final class GitlabNote {

    private GitlabNote() {
    }

    static void publish(GateReport report, GitlabOptions options, CommentCondition when, Map<String, String> env,
                        PrintWriter err) {
        Optional<MergeRequest> mr = MergeRequest.fromEnvironment(env);
        if (mr.isEmpty()) {
            err.println("spendgate: --gitlab-note: not a merge request pipeline (no CI_MERGE_REQUEST_IID), so no note");
            return;
        }
        String token = env.getOrDefault(options.tokenEnv, "").strip();
        if (token.isEmpty()) {
            err.println("spendgate: --gitlab-note: the variable " + options.tokenEnv + " holds no token, so no note on !"
                    + mr.get().iid() + "; the report is in the job's artifacts");
            return;
        }
        String markdown = GithubActions.markdown(report, linkBase(env));
        try (MergeRequestNote note = new MergeRequestNote(token)) {
            MergeRequestNote.Result r = when.met(report) ? note.upsert(mr.get(), markdown)
                    : note.updateExisting(mr.get(), GithubActions.resolved(report, when) + markdown);
            String condition = when.met(report) ? "" : " (comment-when " + when + ": " + when.unmet(report) + ")";
            err.println("spendgate: " + (r.status() == MergeRequestNote.Status.FAILED ? "warning: " : "") + r.message()
                    + condition);
        }
        err.flush();
    }

    /** {@code $CI_PROJECT_URL/-/blob/$CI_COMMIT_SHA/}, so findings link to the file at the commit judged. */
    private static String linkBase(Map<String, String> env) {
        String project = env.getOrDefault("CI_PROJECT_URL", "").strip();
        String sha = env.getOrDefault("CI_COMMIT_SHA", "").strip();
        if (project.isEmpty() || !sha.matches("[0-9a-fA-F]{6,64}")) {
            return null;
        }
        return (project.endsWith("/") ? project : project + "/") + "-/blob/" + sha + "/";
    }
}
