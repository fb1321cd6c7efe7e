package dev.spendgate.report.spend;

import dev.spendgate.spend.BadRow;
import dev.spendgate.spend.DailySpend;
import dev.spendgate.spend.ManifestSpend;
import dev.spendgate.spend.SpendSnapshot;
import dev.spendgate.spend.TeamSpend;
import dev.spendgate.spend.UnattributedSpend;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.spendgate.report.spend.Figures.NONE;
import static dev.spendgate.report.spend.Figures.money;
import static dev.spendgate.report.spend.Figures.percent;
import static dev.spendgate.report.spend.Figures.plain;

/**
 * The spend report as GitHub-flavoured Markdown (a job summary, a pull-request comment): tables of
 * teams and manifests, why each manifest that is not ok is not, unattributed spend and coverage,
 * bad rows, and a Mermaid {@code xychart-beta} of daily spend against the daily budget for each of
 * the largest manifests.
 */
public final class SpendMarkdownRenderer implements SpendRenderer {

    /** Charts at most this many manifests, the largest first. */
    static final int MAX_CHARTS = 10;
    /** A chart shows at most this many days, the last ones. */
    static final int MAX_CHART_DAYS = 31;

    @Override
    public String id() {
        return "markdown";
    }

    @Override
    public String description() {
        return "GitHub-flavoured Markdown with Mermaid charts (job summary, pull-request comment)";
    }

    @Override
    public void render(SpendReport r, Appendable out) throws IOException {
        SpendSnapshot s = r.spend();
        out.append("## spendgate: live spend — ").append(headline(r)).append("\n\n");
        out.append(code(s.source())).append(" · ").append(s.costColumn()).append(" in ").append(s.currency())
                .append(" · policy ").append(code(r.policy())).append(" · now ").append(s.now().toString())
                .append(" · ").append(Sentences.freshness(r)).append("\n\n");

        if (!r.teams().isEmpty()) {
            out.append("### Teams this month\n\n");
            Table teams = new Table("Team", ">This month", ">Limit", ">% of limit", ">Monthly budgets",
                    ">Commitments", "Status");
            for (SpendReport.TeamBurn t : r.teams()) {
                TeamSpend ts = t.spend();
                teams.row(t.name(), money(ts.monthToDate()), money(ts.limit()), percent(t.percentOfLimit()),
                        money(ts.monthlyBudgets()), money(ts.commitments()), t.status().wireName());
            }
            teams.markdown(out);
            out.append('\n');
        }

        if (!r.manifests().isEmpty()) {
            out.append("### Manifests\n\n");
            Table manifests = new Table("Manifest", "Team", "Period", ">Budget", ">Spent", ">% of budget",
                    ">Forecast", "Status");
            for (SpendReport.ManifestBurn m : r.manifests()) {
                ManifestSpend ms = m.spend();
                manifests.row("`" + m.name() + "`", m.team() == null ? NONE : m.team(), m.period(), money(m.budget()),
                        money(ms.spent()), percent(m.percentOfBudget()),
                        ms.forecast() == null ? NONE : money(ms.forecast().amount()),
                        m.status().wireName() + (m.anomaly() != null && m.anomaly().anomalous() ? ", anomaly" : ""));
            }
            manifests.markdown(out);
            boolean first = true;
            for (SpendReport.ManifestBurn m : r.manifests()) {
                for (String sentence : new String[] {Sentences.why(r, m), Sentences.anomaly(m)}) {
                    if (sentence != null) {
                        out.append(first ? "\n" : "").append("- `").append(m.name()).append("`: ")
                                .append(Table.cell(sentence)).append('\n');
                        first = false;
                    }
                }
            }
            out.append('\n');
        }

        out.append("### Attribution\n\n");
        out.append("Total ").append(money(s.total())).append(' ').append(s.currency()).append(" in ")
                .append(String.valueOf(s.rows())).append(s.rows() == 1 ? " row" : " rows").append(": ")
                .append(money(s.attributed())).append(" attributed to the manifests, ").append(money(s.unattributed()))
                .append(" unattributed; coverage **").append(percent(s.coverage())).append("**.\n\n");
        if (!s.unattributedBy().isEmpty()) {
            Table unattributed = new Table("Manifest tag", "Team tag", ">Cost", ">Rows");
            for (UnattributedSpend u : s.unattributedBy()) {
                unattributed.row(u.manifestTag() == null ? "(none)" : u.manifestTag(),
                        u.team() == null ? "(none)" : u.team(), money(u.cost()), String.valueOf(u.rows()));
            }
            unattributed.markdown(out);
            out.append('\n');
        }
        if (!s.otherCurrencies().isEmpty()) {
            out.append("Rows billed in ").append(String.join(", ", s.otherCurrencies()))
                    .append(" are not counted: spendgate does not convert currencies.\n\n");
        }
        if (s.badRowCount() > 0) {
            out.append("### Bad rows\n\n").append(String.valueOf(s.badRowCount()))
                    .append(s.badRowCount() == 1 ? " row was" : " rows were").append(" not counted")
                    .append(s.badRowCount() > s.badRows().size() ? " (the first " + s.badRows().size() + " are listed)" : "")
                    .append(":\n\n");
            for (BadRow b : s.badRows()) {
                out.append("- ").append(code(Sentences.location(b))).append(": ").append(Table.cell(b.problem()))
                        .append('\n');
            }
            out.append('\n');
        }
        charts(r, out);
    }

    private static String headline(SpendReport r) {
        Map<SpendReport.Status, Integer> counts = new TreeMap<>();
        int anomalies = 0;
        for (SpendReport.ManifestBurn m : r.manifests()) {
            counts.merge(m.status(), 1, Integer::sum);
            if (m.anomaly() != null && m.anomaly().anomalous()) {
                anomalies++;
            }
        }
        List<String> parts = new ArrayList<>();
        add(parts, counts.getOrDefault(SpendReport.Status.OVER, 0), "over budget");
        add(parts, counts.getOrDefault(SpendReport.Status.FORECAST_OVER, 0), "forecast over budget");
        add(parts, counts.getOrDefault(SpendReport.Status.WARN, 0), "past the warning");
        if (anomalies > 0) {
            parts.add(anomalies + (anomalies == 1 ? " anomaly" : " anomalies"));
        }
        if (r.stale()) {
            parts.add("stale data");
        }
        return parts.isEmpty() ? "within budget" : String.join(", ", parts);
    }

    private static void add(List<String> parts, int n, String what) {
        if (n > 0) {
            parts.add(n + " " + what);
        }
    }

    /** A Mermaid chart per manifest with spend, the {@link #MAX_CHARTS} largest, largest first. */
    private static void charts(SpendReport r, Appendable out) throws IOException {
        List<SpendReport.ManifestBurn> withSpend = new ArrayList<>();
        for (SpendReport.ManifestBurn m : r.manifests()) {
            if (total(m.spend().daily()).signum() > 0) {
                withSpend.add(m);
            }
        }
        if (withSpend.isEmpty()) {
            return;
        }
        withSpend.sort(Comparator.comparing((SpendReport.ManifestBurn m) -> total(m.spend().daily())).reversed()
                .thenComparing(SpendReport.ManifestBurn::name));
        out.append("### Daily spend\n\n");
        if (withSpend.size() > MAX_CHARTS) {
            out.append("The ").append(String.valueOf(MAX_CHARTS)).append(" manifests with the most spend of the ")
                    .append(String.valueOf(withSpend.size())).append(" with any; the others are in the table above.\n\n");
        }
        for (SpendReport.ManifestBurn m : withSpend.subList(0, Math.min(MAX_CHARTS, withSpend.size()))) {
            chart(m, r.spend().currency(), out);
        }
    }

    private static void chart(SpendReport.ManifestBurn m, String currency, Appendable out) throws IOException {
        List<DailySpend> daily = m.spend().daily();
        List<DailySpend> days = daily.subList(Math.max(0, daily.size() - MAX_CHART_DAYS), daily.size());
        List<String> labels = new ArrayList<>();
        List<String> bars = new ArrayList<>();
        List<String> line = new ArrayList<>();
        BigDecimal max = BigDecimal.ZERO;
        for (DailySpend d : days) {
            labels.add("\"" + d.day().toString().substring(5) + "\"");
            bars.add(plain(d.cost()));
            max = max.max(d.cost());
            BigDecimal budget = m.dailyBudget(d.day());
            if (budget != null) {
                line.add(plain(budget));
                max = max.max(budget);
            }
        }
        out.append("```mermaid\nxychart-beta\n");
        out.append("    title \"").append(mermaidText(m.name() + ": daily spend (" + currency + ")")).append("\"\n");
        out.append("    x-axis [").append(String.join(", ", labels)).append("]\n");
        out.append("    y-axis \"").append(mermaidText(currency)).append("\" 0 --> ").append(plain(roundUp(max))).append('\n');
        out.append("    bar [").append(String.join(", ", bars)).append("]\n");
        if (line.size() == days.size()) {
            out.append("    line [").append(String.join(", ", line)).append("]\n");
        }
        out.append("```\n\n");
        out.append("Bars: the daily spend of `").append(m.name()).append("`, ").append(days.get(0).day().toString())
                .append(" to ").append(days.get(days.size() - 1).day().toString())
                .append(daily.size() > days.size() ? " (the last " + MAX_CHART_DAYS + " days)" : "").append(". ")
                .append(lineSentence(m, line.size() == days.size())).append("\n\n");
    }

    private static String lineSentence(SpendReport.ManifestBurn m, boolean hasLine) {
        if (!hasLine) {
            return m.budget() == null || m.budget().signum() <= 0 ? "No line: the manifest has no budget."
                    : "No line: a total budget without a TTL has no daily rate.";
        }
        if (m.period().equals("monthly")) {
            return "Line: the monthly budget of " + money(m.budget()) + " spread evenly over the days of each month.";
        }
        return "Line: the total budget of " + money(m.budget()) + " spread evenly over the " + plain(m.ttlDays())
                + (m.ttlDays().compareTo(BigDecimal.ONE) == 0 ? " day" : " days") + " of its TTL.";
    }

    private static BigDecimal total(List<DailySpend> days) {
        BigDecimal t = BigDecimal.ZERO;
        for (DailySpend d : days) {
            t = t.add(d.cost());
        }
        return t;
    }

    /**
     * {@code max} rounded up to a multiple of half its order of magnitude (412.5 to 450, 30 to 30,
     * 7.2 to 7.5), so the axis ends just above the highest bar; 1 when {@code max} is 0.
     */
    static BigDecimal roundUp(BigDecimal max) {
        if (max.signum() <= 0) {
            return BigDecimal.ONE;
        }
        int exponent = max.precision() - max.scale() - 1;
        BigDecimal step = BigDecimal.valueOf(5).scaleByPowerOfTen(exponent - 1);
        return max.divide(step, 0, RoundingMode.CEILING).multiply(step);
    }

    /** Text inside a quoted Mermaid string: a double quote becomes Mermaid's entity {@code #quot;}. */
    static String mermaidText(String text) {
        return text.replace("\"", "#quot;").replace("\r", " ").replace("\n", " ");
    }

    private static String code(String text) {
        return text.contains("`") ? "`` " + text + " ``" : "`" + text + "`";
    }
}
