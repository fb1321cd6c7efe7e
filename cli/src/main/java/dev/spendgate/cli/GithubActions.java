package dev.spendgate.cli;

import dev.spendgate.gate.GateReport;
import dev.spendgate.gate.Summary;
import dev.spendgate.github.FileCommands;
import dev.spendgate.github.PullRequest;
import dev.spendgate.github.StickyComment;
import dev.spendgate.github.WorkflowCommands;
import dev.spendgate.report.CommentCondition;
import dev.spendgate.report.MarkdownRenderer;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code spendgate check} does besides its report when it runs in a GitHub Actions step
 * ({@code GITHUB_ACTIONS=true}): masks the token before anything is printed, then writes the step's
 * outputs, appends the Markdown report to the step summary and keeps one comment on the pull request
 * up to date. None of it changes the verdict or the exit code; a failure is reported as a warning.
 */
final class GithubActions {

    private final Map<String, String> env;
    private final PrintWriter out;
    private final String token;
    private final PrintWriter raw;
    private final dev.spendgate.input.Redactor redactor;

    /**
     * @param out      standard output, through the run's redactor
     * @param raw      standard output itself: only the {@code ::add-mask::} commands go there, which
     *                 must name the secret for the runner to hide it in the rest of the job
     */
    GithubActions(Map<String, String> env, PrintWriter out, PrintWriter raw, dev.spendgate.input.Redactor redactor) {
        this.env = env;
        this.out = out;
        this.raw = raw;
        this.redactor = redactor;
        String t = env.getOrDefault("INPUT_GITHUB-TOKEN", "").strip();
        this.token = t.isEmpty() ? env.getOrDefault("GITHUB_TOKEN", "").strip() : t;
    }

    /** Must come first: the runner hides the token from the log from then on. */
    void maskSecrets() {
        out.flush();
        if (!token.isEmpty()) {
            raw.println(WorkflowCommands.mask(token));
        }
        String opa = env.getOrDefault("SPENDGATE_OPA_TOKEN", "").strip();
        if (!opa.isEmpty()) {
            raw.println(WorkflowCommands.mask(opa));
        }
        raw.flush();
    }

    void publish(GateReport report, Path jsonReport, boolean comment, CommentCondition when, String version) {
        Optional<PullRequest> pr;
        try {
            pr = PullRequest.fromEnvironment(env);
        } catch (IOException e) {
            warn("cannot read the event payload: " + e.getMessage());
            pr = Optional.empty();
        }
        FileCommands files = new FileCommands();
        Summary s = report.summary();
        String outputs = env.get("GITHUB_OUTPUT");
        if (outputs != null && !outputs.isBlank()) {
            try {
                Path file = Path.of(outputs);
                files.setOutput(file, "verdict", report.verdict().wireName());
                files.setOutput(file, "failed", String.valueOf(s.failed()));
                files.setOutput(file, "warned", String.valueOf(s.warned()));
                files.setOutput(file, "report", jsonReport == null ? "" : jsonReport.toString());
                if (report.costs() != null) {
                    // what the change does to the estimates, in the catalog's currency; unset without a base revision
                    files.setOutput(file, "cost-delta", report.costs().delta().toPlainString());
                }
            } catch (IOException | RuntimeException e) {
                warn("cannot write the step outputs to GITHUB_OUTPUT: " + e.getMessage());
            }
        }
        String markdown = redactor.redact(markdown(report, pr.map(PullRequest::blobBase).orElse(null)));
        String summary = env.get("GITHUB_STEP_SUMMARY");
        if (summary != null && !summary.isBlank()) {
            try {
                if (!files.appendSummary(Path.of(summary), markdown)) {
                    notice("the step summary was cut to stay within GitHub's 1 MiB limit");
                }
            } catch (IOException e) {
                warn("cannot append to the step summary: " + e.getMessage());
            }
        }
        if (comment && pr.isPresent()) {
            if (token.isEmpty()) {
                warn("no token (GITHUB_TOKEN or the github-token input), so no pull-request comment; "
                        + "the report is in the job summary and the annotations");
            } else {
                try (StickyComment sticky = new StickyComment(token, "spendgate/" + version)) {
                    StickyComment.Result r;
                    if (when.met(report)) {
                        r = sticky.upsert(pr.get(), markdown);
                    } else {
                        // nothing worth a new comment; an earlier one must not be left standing
                        r = sticky.updateExisting(pr.get(), resolved(report, when) + markdown);
                    }
                    switch (r.status()) {
                        case CREATED, UPDATED, NONE -> out.println("spendgate: " + r.message()
                                + (when.met(report) ? "" : " (comment-when " + when + ": " + when.unmet(report) + ")"));
                        case READ_ONLY -> notice(r.message());
                        case FAILED -> warn(r.message());
                    }
                }
            }
        }
        out.flush();
    }

    /** The line that heads a comment kept only to say that what it reported is resolved. */
    static String resolved(GateReport report, CommentCondition when) {
        return "> ✅ **Nothing to report any more**: " + when.unmet(report) + " (comment-when: `" + when
                + "`). The report of this run follows, so an earlier one is not left standing.\n\n";
    }

    /** The Markdown report, with links to the files under {@code linkBase} (null: no links). */
    static String markdown(GateReport report, String linkBase) {
        StringBuilder b = new StringBuilder();
        try {
            new MarkdownRenderer(linkBase).render(report, b);
        } catch (IOException e) {
            throw new IllegalStateException("a StringBuilder does not fail", e);
        }
        return b.toString();
    }

    private void warn(String message) {
        out.println(WorkflowCommands.command("warning", Map.of("title", "spendgate"), message));
    }

    private void notice(String message) {
        out.println(WorkflowCommands.command("notice", Map.of("title", "spendgate"), message));
    }
}
