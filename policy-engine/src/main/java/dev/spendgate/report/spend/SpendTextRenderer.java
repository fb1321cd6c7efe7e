package dev.spendgate.report.spend;

import dev.spendgate.spend.BadRow;
import dev.spendgate.spend.ManifestSpend;
import dev.spendgate.spend.SpendSnapshot;
import dev.spendgate.spend.TeamSpend;
import dev.spendgate.spend.UnattributedSpend;

import java.io.IOException;

import static dev.spendgate.report.spend.Figures.NONE;
import static dev.spendgate.report.spend.Figures.money;
import static dev.spendgate.report.spend.Figures.percent;

/**
 * The spend report for a person reading a terminal or a CI log: where the data comes from and how
 * fresh it is, a table of teams and one of manifests, why each manifest that is not ok is not, the
 * anomalies, the unattributed spend and the bad rows.
 */
public final class SpendTextRenderer implements SpendRenderer {

    @Override
    public String id() {
        return "text";
    }

    @Override
    public String description() {
        return "for people reading a terminal or CI log (default)";
    }

    @Override
    public void render(SpendReport r, Appendable out) throws IOException {
        SpendSnapshot s = r.spend();
        out.append("Live spend from ").append(s.source()).append(": ").append(s.costColumn()).append(" in ")
                .append(s.currency()).append(", policy ").append(r.policy()).append('\n');
        out.append("now ").append(s.now().toString()).append("; ").append(Sentences.freshness(r));
        if (s.lastFullDay() != null) {
            out.append("; last full day ").append(s.lastFullDay().toString());
        }
        out.append("\n\n");

        if (!r.teams().isEmpty()) {
            Table teams = new Table("TEAM", ">THIS MONTH", ">LIMIT", ">% OF LIMIT", ">MONTHLY BUDGETS",
                    ">COMMITMENTS", "STATUS");
            for (SpendReport.TeamBurn t : r.teams()) {
                TeamSpend ts = t.spend();
                teams.row(t.name(), money(ts.monthToDate()), money(ts.limit()), percent(t.percentOfLimit()),
                        money(ts.monthlyBudgets()), money(ts.commitments()), t.status().wireName());
            }
            teams.text(out, "");
            out.append('\n');
        }

        if (!r.manifests().isEmpty()) {
            Table manifests = new Table("MANIFEST", "TEAM", "PERIOD", ">BUDGET", ">SPENT", ">% OF BUDGET",
                    ">FORECAST", "STATUS");
            for (SpendReport.ManifestBurn m : r.manifests()) {
                ManifestSpend ms = m.spend();
                manifests.row(m.name(), m.team() == null ? NONE : m.team(), m.period(), money(m.budget()),
                        money(ms.spent()), percent(m.percentOfBudget()),
                        ms.forecast() == null ? NONE : money(ms.forecast().amount()),
                        m.status().wireName() + (m.anomaly() != null && m.anomaly().anomalous() ? ", anomaly" : ""));
            }
            manifests.text(out, "");
            boolean first = true;
            for (SpendReport.ManifestBurn m : r.manifests()) {
                for (String sentence : new String[] {Sentences.why(r, m), Sentences.anomaly(m)}) {
                    if (sentence != null) {
                        out.append(first ? "\n" : "").append(m.name()).append(": ").append(sentence).append('\n');
                        first = false;
                    }
                }
            }
            out.append('\n');
        }

        out.append("Total ").append(money(s.total())).append(' ').append(s.currency()).append(" in ")
                .append(String.valueOf(s.rows())).append(s.rows() == 1 ? " row" : " rows").append(": attributed ")
                .append(money(s.attributed())).append(", unattributed ").append(money(s.unattributed()))
                .append("; coverage ").append(percent(s.coverage())).append('\n');
        if (!s.unattributedBy().isEmpty()) {
            out.append('\n');
            Table unattributed = new Table("UNATTRIBUTED: MANIFEST TAG", "TEAM TAG", ">COST", ">ROWS");
            for (UnattributedSpend u : s.unattributedBy()) {
                unattributed.row(u.manifestTag() == null ? "(none)" : u.manifestTag(),
                        u.team() == null ? "(none)" : u.team(), money(u.cost()), String.valueOf(u.rows()));
            }
            unattributed.text(out, "");
        }
        if (!s.otherCurrencies().isEmpty()) {
            out.append("\nRows billed in ").append(String.join(", ", s.otherCurrencies()))
                    .append(" are not counted: spendgate does not convert currencies.\n");
        }
        if (s.badRowCount() > 0) {
            out.append('\n').append(String.valueOf(s.badRowCount())).append(s.badRowCount() == 1 ? " bad row" : " bad rows")
                    .append(" not counted").append(s.badRowCount() > s.badRows().size()
                            ? " (the first " + s.badRows().size() + " are listed)" : "").append(":\n");
            for (BadRow b : s.badRows()) {
                out.append("  ").append(Sentences.location(b)).append(": ").append(b.problem()).append('\n');
            }
        }
    }
}
