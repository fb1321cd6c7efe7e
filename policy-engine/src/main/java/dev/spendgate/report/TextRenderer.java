package dev.spendgate.report;

import dev.spendgate.cost.Estimate;
import dev.spendgate.cost.Saving;
import dev.spendgate.gate.CostDiff;
import dev.spendgate.gate.Finding;
import dev.spendgate.gate.GateReport;
import dev.spendgate.gate.ManifestReport;
import dev.spendgate.gate.Outcome;
import dev.spendgate.gate.Summary;
import dev.spendgate.git.ChangeSummary;
import dev.spendgate.input.Diagnostic;

import dev.spendgate.spend.ManifestSpend;
import dev.spendgate.spend.SpendSnapshot;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * The report for a person scanning a CI log: per manifest its verdict, then each finding with its
 * rule, place, message and fix; a one-line summary last.
 */
public final class TextRenderer implements Renderer {

    @Override
    public String id() {
        return "text";
    }

    @Override
    public String description() {
        return "for people reading a CI log (default)";
    }

    @Override
    public void render(GateReport report, Appendable out) throws IOException {
        if (report.manifests().isEmpty() && report.changes() == null) {
            out.append("NO MANIFESTS FOUND: nothing was gated").append(report.skipped().isEmpty() ? ""
                    : " (" + plural(report.skipped().size(), "file") + " skipped, listed below)").append('\n');
        }
        if (report.changes() != null) {
            changes(report.changes(), out);
        }
        if (report.costs() != null) {
            costs(report.costs(), out);
        }
        for (ManifestReport m : report.manifests()) {
            out.append(pad(m.verdict().wireName().toUpperCase(java.util.Locale.ROOT))).append(m.name())
                    .append("  (").append(m.kind());
            if (m.team() != null) {
                out.append(", team ").append(m.team());
            }
            out.append(")  ").append(m.file()).append('\n');
            out.append("      estimate ").append(estimate(m.estimate())).append('\n');
            if (m.potentialSavings() != null) {
                Saving p = m.potentialSavings();
                out.append("      potential savings ").append(Saving.grouped(p.saves())).append(' ').append(p.currency())
                        .append(" (").append(p.percent().toPlainString()).append(" %): ").append(p.alternative())
                        .append('\n');
            }
            ManifestSpend live = report.spend() == null ? null : report.spend().manifests().get(m.name());
            if (live != null) {
                out.append("      spent ").append(live.spent().toPlainString()).append(' ').append(live.currency())
                        .append(live.period().equals("monthly") ? " this month" : " to date");
                if (live.forecast() != null) {
                    out.append(", forecast ").append(live.forecast().amount().toPlainString()).append(" by ")
                            .append(live.forecast().end().toString());
                }
                out.append('\n');
            }
            for (Finding f : m.findings()) {
                finding(f, out);
            }
        }
        if (!report.policyFindings().isEmpty()) {
            out.append("WAIVERS\n");
            for (Finding f : report.policyFindings()) {
                finding(f, out);
            }
        }
        if (report.spend() != null) {
            SpendSnapshot sp = report.spend();
            out.append("SPEND ").append(sp.source()).append(": ").append(sp.costColumn()).append(", ")
                    .append(String.valueOf(sp.rows())).append(" rows counted, ").append(String.valueOf(sp.badRowCount()))
                    .append(" bad, newest row ").append(sp.newestRow() == null ? "none" : sp.newestRow().toString())
                    .append(", ").append(sp.attributed().toPlainString()).append(" of ").append(sp.total().toPlainString())
                    .append(' ').append(sp.currency()).append(" attributed")
                    .append(sp.coverage() == null ? "" : " (" + sp.coverage().toPlainString() + "%)").append('\n');
        }
        if (!report.prices().isEmpty()) {
            out.append("PRICES ").append(PriceDates.line(report)).append('\n');
        }
        for (Diagnostic d : report.diagnostics()) {
            out.append("note: ").append(d.toString()).append('\n');
        }
        Summary s = report.summary();
        out.append('\n').append(report.verdict().wireName().toUpperCase(java.util.Locale.ROOT)).append(": ")
                .append(plural(s.manifests(), "manifest")).append(" (")
                .append(String.valueOf(s.passed())).append(" passed, ")
                .append(String.valueOf(s.warned())).append(" warned, ")
                .append(String.valueOf(s.failed())).append(" failed), ")
                .append(plural(s.findings(), "finding"));
        if (s.waived() > 0) {
            out.append(", ").append(String.valueOf(s.waived())).append(" waived");
        }
        if (s.skipped() > 0) {
            out.append(", ").append(plural(s.skipped(), "file")).append(" skipped");
        }
        if (report.potentialSavings() != null) {
            out.append(", potential savings ").append(Saving.grouped(report.potentialSavings())).append(' ')
                    .append(report.manifests().get(0).estimate().currency());
        }
        out.append(" [engine ").append(report.engine());
        // what the engine asked to report (OPA: decision id, bundle revision), in key order
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(report.engineMetadata()).entrySet()) {
            out.append(", ").append(e.getKey().replace('_', ' ')).append(' ').append(e.getValue());
        }
        out.append(", policy ").append(report.policy()).append(", exit ")
                .append(String.valueOf(report.exitCode())).append("]\n");
    }

    /** What a git-aware run judged: the base, the manifests changed, what waits for the merge. */
    private static void changes(ChangeSummary c, Appendable out) throws IOException {
        out.append("BASE ").append(c.base()).append(" (").append(c.baseSource()).append("): merge base ")
                .append(abbreviate(c.mergeBase())).append(", HEAD ").append(abbreviate(c.head()))
                .append("; policy ").append(c.policySource()).append('\n');
        if (c.manifests().isEmpty()) {
            out.append("      no manifest changed since the merge base\n");
        }
        for (ChangeSummary.ManifestChange m : c.manifests()) {
            out.append("  ").append(pad(m.status(), 9)).append(m.name());
            if (m.file() != null) {
                out.append("  ").append(m.file());
            }
            if (m.baseFile() != null && !m.status().equals("modified")) {
                out.append(m.file() == null ? "  was " : " (was ").append(m.baseFile()).append(m.file() == null ? "" : ")");
            }
            if (m.status().equals("moved")) {
                out.append(", unchanged: not gated");
            }
            out.append('\n');
        }
        if (c.all()) {
            out.append("      --all: every manifest is gated, changed or not\n");
        }
        if (c.newOnly()) {
            out.append("      --new-only: only findings that did not exist at the merge base block\n");
        }
        for (ChangeSummary.PathChange p : c.pendingPolicy()) {
            out.append("  pending until merge: ").append(p.path()).append(" (").append(p.status());
            if (p.oldPath() != null) {
                out.append(" from ").append(p.oldPath());
            }
            out.append("): the policy of the base revision judges this change\n");
        }
        for (ChangeSummary.PendingWaiver w : c.pendingWaivers()) {
            out.append("  waiver ").append(w.name()).append(" (").append(w.status());
            if (w.file() != null) {
                out.append(", ").append(w.file());
            }
            out.append(w.applied() ? "): applied by --allow-pr-waivers before approval\n"
                    : "): awaiting approval, applies after merge\n");
        }
        out.append('\n');
    }

    /** {@code COST estimated: before -> after (delta)}, a line a manifest, the largest move first, and the total. */
    private static void costs(CostDiff c, Appendable out) throws IOException {
        out.append("COST estimated, ").append(c.currency()).append(": before -> after (delta), and per month\n");
        for (CostDiff.Line l : c.manifests()) {
            out.append("  ").append(pad(l.status(), 10)).append(l.name()).append("  ").append(move(l.before(), l.after(),
                    l.delta(), l.percent())).append("; monthly ").append(move(l.monthlyBefore(), l.monthlyAfter(),
                    l.monthlyDelta(), CostDiff.percent(l.monthlyBefore(), l.monthlyDelta())))
                    .append(l.complete() ? "" : " (incomplete estimate)").append('\n');
        }
        out.append("  ").append(pad("total", 10)).append(move(c.before(), c.after(), c.delta(), c.percent()))
                .append("; monthly ").append(move(c.monthlyBefore(), c.monthlyAfter(), c.monthlyDelta(),
                        CostDiff.percent(c.monthlyBefore(), c.monthlyDelta()))).append("\n\n");
    }

    private static String move(BigDecimal before, BigDecimal after, BigDecimal delta, BigDecimal percent) {
        return before.toPlainString() + " -> " + after.toPlainString() + " (" + CostDiff.signed(delta)
                + ", " + CostDiff.signedPercent(percent) + ")";
    }

    private static String abbreviate(String sha) {
        return sha.length() > 7 ? sha.substring(0, 7) : sha;
    }

    private static void finding(Finding f, Appendable out) throws IOException {
        String mark = switch (f.outcome()) {
            case FAIL -> "  x ";
            case WARN -> "  ! ";
            case WAIVED -> "  ~ ";
        };
        out.append(mark).append(f.rule()).append(' ').append(f.outcome().wireName().toUpperCase(java.util.Locale.ROOT))
                .append(" [").append(f.enforcement().wireName()).append("] ")
                .append(f.location().toString()).append('\n');
        out.append("      ").append(f.message()).append('\n');
        if (f.preexisting()) {
            out.append("      existed at the merge base already: does not block with --new-only\n");
        }
        if (f.outcome() == Outcome.WAIVED) {
            out.append("      waived by ").append(f.waiver()).append('\n');
        } else {
            out.append("      fix: ").append(f.remediation()).append('\n');
        }
    }

    static String estimate(Estimate e) {
        StringBuilder b = new StringBuilder(money(e.total())).append(' ').append(e.currency())
                .append(" (").append(e.basis()).append(')');
        if (!e.complete()) {
            b.append(", incomplete: not priced ").append(String.join(", ", e.unpriced()));
        }
        return b.toString();
    }

    static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static String pad(String verdict) {
        return pad(verdict, 6);
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text + " " : (text + " ".repeat(width)).substring(0, width);
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
