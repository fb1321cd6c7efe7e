package dev.spendgate.report;

import dev.spendgate.cost.Estimate;
import dev.spendgate.cost.Saving;
import dev.spendgate.gate.CostDiff;
import dev.spendgate.gate.Finding;
import dev.spendgate.gate.GateReport;
import dev.spendgate.gate.ManifestReport;
import dev.spendgate.gate.Outcome;
import dev.spendgate.gate.Summary;
import dev.spendgate.gate.Verdict;
import dev.spendgate.git.ChangeSummary;
import dev.spendgate.input.Diagnostic;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The report as GitHub-flavoured Markdown, for a pull-request comment or a job summary: the verdict,
 * a table of manifests with estimate against budget, every blocking finding with its place, numbers
 * and fix, then warnings, waived findings and how to ask for a waiver.
 */
public final class MarkdownRenderer implements Renderer {

    private final String linkBase;

    /** Without links to files. */
    public MarkdownRenderer() {
        this(null);
    }

    /**
     * @param linkBase prefix that turns a repository-relative path into a link, e.g.
     *                 {@code https://github.com/acme/ml/blob/<head sha>/}; null for no links
     */
    public MarkdownRenderer(String linkBase) {
        this.linkBase = linkBase;
    }

    @Override
    public String id() {
        return "markdown";
    }

    @Override
    public String description() {
        return "GitHub-flavoured Markdown (pull-request comment, job summary)";
    }

    /** What a git-aware run judged against its base, and what of the policy waits for the merge. */
    private static void changes(ChangeSummary c, Appendable out) throws IOException {
        out.append("Judged against `").append(c.base()).append("` (merge base `").append(c.mergeBase(), 0, 7)
                .append("`) under the policy of the base revision, `").append(c.policySource()).append("`");
        if (c.all()) {
            out.append("; every manifest is gated");
        }
        if (c.newOnly()) {
            out.append("; only findings new since the merge base block");
        }
        out.append(".\n");
        List<String> parts = new java.util.ArrayList<>();
        for (String status : List.of("added", "modified", "moved", "deleted")) {
            List<ChangeSummary.ManifestChange> ms = c.manifests(status);
            if (!ms.isEmpty()) {
                parts.add(status + (status.equals("moved") ? " without change (not gated)" : "") + ": "
                        + String.join(", ", ms.stream().map(m -> "`" + m.name() + "`").toList()));
            }
        }
        out.append(parts.isEmpty() ? "No manifest changed since the merge base." : "Manifests " + String.join("; ", parts) + ".")
                .append("\n\n");
        if (!c.pendingPolicy().isEmpty()) {
            out.append("> **Policy changes pending until merge**: the policy of the base revision judges this change, not ")
                    .append("its own: ").append(String.join(", ", c.pendingPolicy().stream()
                            .map(p -> "`" + p.path() + "` (" + p.status() + ")").toList())).append(".\n\n");
        }
        if (!c.pendingWaivers().isEmpty()) {
            boolean applied = c.pendingWaivers().get(0).applied();
            out.append(applied ? "> **Waivers of this change, applied before approval** (`--allow-pr-waivers`): "
                    : "> **Waivers awaiting approval**: they apply once merged: ")
                    .append(String.join(", ", c.pendingWaivers().stream().map(w -> "`" + w.name() + "` ("
                            + w.rule() + " on `" + w.manifest() + "`, " + w.status() + ")").toList())).append(".\n\n");
        }
    }

    /**
     * The table {@code estimated cost: before → after (Δ)}, the largest move first, with the total;
     * and, when two or more manifests moved, a bar chart of before and after for each.
     */
    private static void costs(CostDiff c, Appendable out) throws IOException {
        out.append("**Estimated cost: before → after (Δ)**, ").append(c.currency())
                .append(", each over its own horizon (to expiry, or per budget period) and per 30-day month\n\n");
        out.append("| Manifest | Change | Before | After | Δ | Monthly before | Monthly after | Monthly Δ |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (CostDiff.Line l : c.manifests()) {
            out.append("| `").append(l.name()).append("` | ").append(l.status()).append(l.complete() ? "" : " (incomplete)")
                    .append(" | ").append(l.before().toPlainString()).append(" | ").append(l.after().toPlainString())
                    .append(" | ").append(delta(l.delta(), l.percent())).append(" | ")
                    .append(l.monthlyBefore().toPlainString()).append(" | ").append(l.monthlyAfter().toPlainString())
                    .append(" | ").append(delta(l.monthlyDelta(), CostDiff.percent(l.monthlyBefore(), l.monthlyDelta())))
                    .append(" |\n");
        }
        out.append("| **Total** | | **").append(c.before().toPlainString()).append("** | **")
                .append(c.after().toPlainString()).append("** | **").append(delta(c.delta(), c.percent())).append("** | **")
                .append(c.monthlyBefore().toPlainString()).append("** | **").append(c.monthlyAfter().toPlainString())
                .append("** | **").append(delta(c.monthlyDelta(), CostDiff.percent(c.monthlyBefore(), c.monthlyDelta())))
                .append("** |\n\n");
        List<CostDiff.Line> moved = c.moved();
        if (moved.size() >= 2) {
            List<String> labels = new java.util.ArrayList<>();
            List<String> values = new java.util.ArrayList<>();
            for (CostDiff.Line l : moved) {
                labels.add("\"" + l.name() + " before\"");
                labels.add("\"" + l.name() + " after\"");
                values.add(l.before().toPlainString());
                values.add(l.after().toPlainString());
            }
            out.append("```mermaid\nxychart-beta\n    title \"Estimated cost before and after the change (")
                    .append(c.currency()).append(")\"\n    x-axis [").append(String.join(", ", labels))
                    .append("]\n    y-axis \"").append(c.currency()).append("\"\n    bar [")
                    .append(String.join(", ", values)).append("]\n```\n\n");
        }
    }

    private static String delta(java.math.BigDecimal amount, java.math.BigDecimal percent) {
        return CostDiff.signed(amount) + " (" + CostDiff.signedPercent(percent) + ")";
    }

    @Override
    public void render(GateReport report, Appendable out) throws IOException {
        Summary s = report.summary();
        out.append("## spendgate: ").append(headline(report.verdict())).append("\n\n");
        out.append(String.valueOf(s.manifests())).append(s.manifests() == 1 ? " manifest" : " manifests")
                .append(": ").append(String.valueOf(s.passed())).append(" passed, ")
                .append(String.valueOf(s.warned())).append(" warned, ")
                .append(String.valueOf(s.failed())).append(" failed · ")
                .append(String.valueOf(s.findings())).append(s.findings() == 1 ? " finding" : " findings");
        if (s.waived() > 0) {
            out.append(" (").append(String.valueOf(s.waived())).append(" waived)");
        }
        if (s.skipped() > 0) {
            out.append(" · ").append(String.valueOf(s.skipped())).append(s.skipped() == 1 ? " file" : " files")
                    .append(" skipped");
        }
        out.append(" · engine `").append(report.engine()).append("` · policy `").append(report.policy()).append("`\n\n");
        if (report.manifests().isEmpty() && report.changes() == null) {
            out.append("> [!WARNING]\n> **No manifests found**: nothing was gated.\n\n");
        }
        if (report.changes() != null) {
            changes(report.changes(), out);
        }
        if (report.costs() != null) {
            costs(report.costs(), out);
        }

        if (!report.manifests().isEmpty()) {
            out.append("| | Manifest | Kind | Team | Estimate | Budget | Findings |\n");
            out.append("|---|---|---|---|---:|---:|---|\n");
            for (ManifestReport m : report.manifests()) {
                out.append("| ").append(icon(m.verdict())).append(" | ")
                        .append(link(report, "`" + m.name() + "`", m.file(), 0)).append(" | ")
                        .append(m.kind()).append(" | ").append(m.team() == null ? "" : cell(m.team())).append(" | ")
                        .append(estimate(m.estimate())).append(" | ").append(budget(m)).append(" | ")
                        .append(rules(m.findings())).append(" |\n");
            }
            out.append('\n');
            savings(report, out);
        }

        List<Located> all = Located.all(report);
        section(report, out, "Blocking findings", all, Outcome.FAIL, true);
        section(report, out, "Warnings", all, Outcome.WARN, false);
        section(report, out, "Waived", all, Outcome.WAIVED, false);

        if (!report.prices().isEmpty()) {
            out.append("Prices: ").append(cell(PriceDates.line(report))).append("\n\n");
        }
        if (!report.diagnostics().isEmpty()) {
            out.append("### Notes\n\n");
            for (Diagnostic d : report.diagnostics()) {
                out.append("- ").append(d.location() == null ? "" : link(report, "`" + d.location() + "`", d.location().file(),
                        d.location().line()) + ": ").append(cell(d.message())).append('\n');
            }
            out.append('\n');
        }

        if (all.stream().anyMatch(l -> l.finding().outcome() == Outcome.FAIL)) {
            out.append("<details><summary>How to ask for a waiver</summary>\n\n")
                    .append("Soft-mandatory findings can be waived for a while by the policy owners; hard-mandatory ones ")
                    .append("cannot. Propose a `Waiver` in the policy repository (it takes effect once merged there):\n\n")
                    .append("```yaml\napiVersion: spendgate.dev/v1\nkind: Waiver\nmetadata:\n  name: <short-name>\n")
                    .append("spec:\n  rule: <rule id, e.g. SG-GPU-001>\n  manifest: <manifest name or glob>\n")
                    .append("  reason: \"<why the guardrail does not fit this workload>\"\n")
                    .append("  approver: <who approves the spend>\n  ticket: <tracking ticket>\n")
                    .append("  expires: <YYYY-MM-DD, at most 90 days ahead>\n```\n\n</details>\n");
        }
    }

    /**
     * {@code **Potential savings**: 3,082.24 USD}, and a line per manifest with a priced alternative,
     * the largest first: what its findings' alternatives would save taken together.
     */
    private void savings(GateReport report, Appendable out) throws IOException {
        if (report.potentialSavings() == null) {
            return;
        }
        List<ManifestReport> with = report.manifests().stream().filter(m -> m.potentialSavings() != null)
                .sorted(java.util.Comparator.comparing((ManifestReport m) -> m.potentialSavings().saves()).reversed()
                        .thenComparing(ManifestReport::name))
                .toList();
        String currency = with.get(0).potentialSavings().currency();
        out.append("**Potential savings**: ").append(Saving.grouped(report.potentialSavings())).append(' ')
                .append(currency).append(", priced with the catalog\n\n");
        out.append("| Manifest | Estimate | With the fixes | Saves | Alternatives |\n");
        out.append("|---|---:|---:|---:|---|\n");
        for (ManifestReport m : with) {
            Saving p = m.potentialSavings();
            out.append("| ").append(link(report, "`" + m.name() + "`", m.file(), 0)).append(" | ")
                    .append(Saving.grouped(p.current())).append(" | ").append(Saving.grouped(p.cost())).append(" | ")
                    .append(Saving.grouped(p.saves())).append(" (").append(p.percent().toPlainString()).append(" %) | ")
                    .append(cell(p.alternative())).append(" |\n");
        }
        out.append('\n');
    }

    private void section(GateReport report, Appendable out, String title, List<Located> all, Outcome outcome, boolean detailed)
            throws IOException {
        List<Located> these = all.stream().filter(l -> l.finding().outcome() == outcome).toList();
        if (these.isEmpty()) {
            return;
        }
        out.append("### ").append(title).append("\n\n");
        for (Located l : these) {
            Finding f = l.finding();
            String where = link(report, "`" + f.location().file() + ":" + f.location().line() + "`", f.location().file(),
                    f.location().line());
            if (detailed) {
                out.append("#### ").append(icon(outcome)).append(" `").append(l.owner()).append("` — ")
                        .append(f.rule()).append(": ").append(cell(f.title())).append("\n\n");
                out.append(where).append(" · ").append(f.enforcement().wireName()).append("\n\n");
                out.append("> ").append(cell(f.message())).append("\n\n");
                out.append("**Fix:** ").append(cell(f.remediation())).append("\n\n");
                if (!f.savings().isEmpty()) {
                    out.append("<details><summary>How the savings are priced</summary>\n\n");
                    for (Saving saving : f.savings()) {
                        out.append("- ").append(cell(saving.alternative())).append(": ").append(cell(saving.arithmetic()))
                                .append('\n');
                    }
                    out.append("\n</details>\n\n");
                }
            } else {
                out.append("- ").append(icon(outcome)).append(" `").append(l.owner()).append("` ").append(f.rule())
                        .append(" (").append(where).append("): ").append(cell(f.message()));
                if (outcome == Outcome.WAIVED) {
                    out.append(" — waived by `").append(f.waiver()).append('`');
                }
                out.append('\n');
            }
        }
        if (!detailed) {
            out.append('\n');
        }
    }

    /** {@code text} linked to {@code file} at the head commit, named from the report's source root; unlinked outside it. */
    private String link(GateReport report, String text, String file, int line) {
        java.util.Optional<String> uri = linkBase == null || file == null ? java.util.Optional.empty()
                : report.sourceRoot().relative(file).flatMap(p -> report.sourceRoot().uri(file));
        if (uri.isEmpty()) {
            return text;
        }
        return "[" + text + "](" + linkBase + uri.get() + (line > 0 ? "#L" + line : "") + ")";
    }

    static String headline(Verdict v) {
        return switch (v) {
            case PASS -> "✅ passed";
            case WARN -> "⚠️ passed with warnings";
            case FAIL -> "❌ blocked";
        };
    }

    private static String icon(Verdict v) {
        return switch (v) {
            case PASS -> "✅";
            case WARN -> "⚠️";
            case FAIL -> "❌";
        };
    }

    private static String icon(Outcome o) {
        return switch (o) {
            case FAIL -> "❌";
            case WARN -> "⚠️";
            case WAIVED -> "➖";
        };
    }

    private static String estimate(Estimate e) {
        String s = TextRenderer.money(e.total()) + " " + e.currency();
        return e.complete() ? s : s + " (incomplete)";
    }

    private static String budget(ManifestReport m) {
        if (m.budget() == null || m.budget().amount() == null) {
            return "—";
        }
        return m.budget().amount().toPlainString() + " " + m.budget().currency()
                + (m.budget().period().name().equals("monthly") ? "/month" : "");
    }

    private static String rules(List<Finding> findings) {
        Set<String> ids = new LinkedHashSet<>();
        for (Finding f : findings) {
            ids.add(f.outcome() == Outcome.WAIVED ? "~~" + f.rule() + "~~" : f.rule());
        }
        return String.join(", ", ids);
    }

    /** Text inside a table cell or a line: no pipes or line breaks to break the layout. */
    static String cell(String text) {
        return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
