package dev.spendgate.github;

import dev.spendgate.gate.Finding;
import dev.spendgate.gate.GateReport;
import dev.spendgate.gate.ManifestReport;
import dev.spendgate.gate.Outcome;
import dev.spendgate.input.Diagnostic;
import dev.spendgate.input.SourceRoot;
import dev.spendgate.policy.Enforcement;
import dev.spendgate.report.Renderer;
import dev.spendgate.report.TextRenderer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The report for a GitHub Actions log: the text report folded in a group, then annotations on the
 * lines that broke a guardrail, each file named from the report's source root (the repository's top
 * folder), as the runner places annotations. The runner keeps 10 annotations of each type per step, so at most
 * 10 are written per type, the most severe first, and a last notice says how many were left out.
 */
public final class GithubRenderer implements Renderer {

    /** The runner's limit of annotations per type and step. */
    public static final int PER_TYPE = 10;

    @Override
    public String id() {
        return "github";
    }

    @Override
    public String description() {
        return "GitHub Actions: the text report in a log group, and annotations on the manifest lines";
    }

    @Override
    public void render(GateReport report, Appendable out) throws IOException {
        out.append(WorkflowCommands.group("spendgate: " + report.verdict().wireName() + ", "
                + report.summary().manifests() + " manifests")).append('\n');
        new TextRenderer().render(report, out);
        out.append(WorkflowCommands.endGroup()).append('\n');
        for (String line : annotations(report)) {
            out.append(line).append('\n');
        }
    }

    /** The annotation lines for {@code report}, within the per-type limit. */
    public static List<String> annotations(GateReport report) {
        List<Annotation> errors = new ArrayList<>();
        List<Annotation> warnings = new ArrayList<>();
        List<Annotation> notices = new ArrayList<>();
        SourceRoot root = report.sourceRoot();
        for (ManifestReport m : report.manifests()) {
            for (Finding f : m.findings()) {
                add(f, m.name(), root, errors, warnings, notices);
            }
        }
        for (Finding f : report.policyFindings()) {
            add(f, String.valueOf(f.evidence().getOrDefault("waiver", "")), root, errors, warnings, notices);
        }
        for (Diagnostic d : report.diagnostics()) {
            notices.add(new Annotation("notice", 2, "spendgate: " + d.code(),
                    d.location() == null ? "" : root.display(d.location().file()), d.location() == null ? 0 : d.location().line(),
                    d.location() == null ? 0 : d.location().column(), d.message()));
        }
        // hard-mandatory before soft-mandatory, otherwise report order (the sort is stable)
        errors.sort(Comparator.comparingInt(Annotation::rank));
        List<String> lines = new ArrayList<>();
        int left = 0;
        left += take(errors, PER_TYPE, lines);
        left += take(warnings, PER_TYPE, lines);
        boolean overflow = left > 0 || notices.size() > PER_TYPE;
        int noticeRoom = overflow ? PER_TYPE - 1 : PER_TYPE;
        left += take(notices, noticeRoom, lines);
        if (left > 0) {
            lines.add(WorkflowCommands.command("notice", java.util.Map.of("title", "spendgate"),
                    left + " more finding" + (left == 1 ? " is" : "s are") + " not annotated (GitHub shows "
                            + PER_TYPE + " annotations of each kind per step); the job summary and the log list all of them"));
        }
        return lines;
    }

    private static void add(Finding f, String owner, SourceRoot root, List<Annotation> errors, List<Annotation> warnings,
                            List<Annotation> notices) {
        String title = f.rule() + " " + f.title() + " (" + owner + ")";
        String body = f.message() + "\nFix: " + f.remediation();
        String file = root.display(f.location().file());
        if (f.outcome() == Outcome.FAIL) {
            errors.add(new Annotation("error", f.enforcement() == Enforcement.HARD_MANDATORY ? 0 : 1, title,
                    file, f.location().line(), f.location().column(), body));
        } else if (f.outcome() == Outcome.WARN) {
            warnings.add(new Annotation("warning", 0, title, file, f.location().line(),
                    f.location().column(), body));
        } else {
            notices.add(new Annotation("notice", 1, title, file, f.location().line(),
                    f.location().column(), f.message() + "\nWaived by " + f.waiver()));
        }
    }

    private static int take(List<Annotation> from, int room, List<String> into) {
        int n = Math.min(room, from.size());
        for (int i = 0; i < n; i++) {
            Annotation a = from.get(i);
            into.add(WorkflowCommands.annotation(a.type, a.title, a.file, a.line, a.column, a.message));
        }
        return from.size() - n;
    }

    private record Annotation(String type, int rank, String title, String file, int line, int column, String message) {
    }
}
