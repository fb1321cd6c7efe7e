package dev.spendgate.report.spend;

import dev.spendgate.spend.BadRow;
import dev.spendgate.spend.Forecast;
import dev.spendgate.spend.ManifestSpend;
import dev.spendgate.spend.SpendSnapshot;

import static dev.spendgate.report.spend.Figures.money;
import static dev.spendgate.report.spend.Figures.percent;
import static dev.spendgate.report.spend.Figures.plain;

/** The sentences the text and Markdown spend reports share, so both say the same thing. */
final class Sentences {

    private Sentences() {
    }

    /** Where a bad row is: {@code spend.csv:14}, or {@code t.parquet: row 14} where there are no lines. */
    static String location(BadRow b) {
        return "line".equals(b.unit()) ? b.source() + ":" + b.line() : b.source() + ": row " + b.line();
    }

    /** How fresh the data is: {@code newest row 2026-11-22T00:00:00Z, 12 hours old (max 36)}. */
    static String freshness(SpendReport r) {
        SpendSnapshot s = r.spend();
        if (s.newestRow() == null) {
            return "no spend rows";
        }
        return "newest row " + s.newestRow() + ", " + Figures.hours(s.stalenessHours()) + " old"
                + (r.stale() ? ", STALE: more than the policy's maxStaleness of " + plain(r.maxStaleness())
                + " hours (SG-SPD-005)" : " (at most " + plain(r.maxStaleness()) + " allowed)");
    }

    /** The spend a budget is judged against: {@code this month}, {@code since 2026-11-01}, {@code to date}. */
    static String period(SpendReport.ManifestBurn m) {
        if (m.period().equals("monthly")) {
            return "this month";
        }
        return m.startDay() == null ? "to date" : "since " + m.startDay();
    }

    /**
     * Why a manifest is not ok, in one sentence without its name; null when it is ok or has no
     * budget.
     */
    static String why(SpendReport r, SpendReport.ManifestBurn m) {
        ManifestSpend s = m.spend();
        String cur = s.currency();
        return switch (m.status()) {
            case OVER -> "over budget: spent " + money(s.spent()) + " " + cur + " " + period(m) + ", "
                    + percent(m.percentOfBudget()) + " of the " + money(m.budget()) + " budget (block at "
                    + percent(r.blockAt().movePointRight(2)) + ")";
            case FORECAST_OVER -> {
                Forecast f = s.forecast();
                yield "forecast over budget: " + money(f.amount()) + " " + cur + " by " + f.end() + " against a budget of "
                        + money(m.budget()) + " (" + f.method() + ")";
            }
            case WARN -> "past the warning: spent " + money(s.spent()) + " " + cur + " " + period(m) + ", "
                    + percent(m.percentOfBudget()) + " of the " + money(m.budget()) + " budget (warn at "
                    + percent(r.warnAt().movePointRight(2)) + ")";
            case OK, NO_BUDGET -> null;
        };
    }

    /** The anomaly sentence without the manifest's name; null when the last full day is not anomalous. */
    static String anomaly(SpendReport.ManifestBurn m) {
        SpendReport.AnomalyCheck a = m.anomaly();
        if (a == null || !a.anomalous()) {
            return null;
        }
        return "anomaly on " + a.day() + ": spent " + money(a.spend()) + " " + m.spend().currency()
                + (a.factor() == null ? " after 7 days without spend"
                : ", " + plain(a.factor()) + " x the median " + money(a.median()) + " of the 7 days before")
                + " (anomaly at more than " + plain(a.threshold()) + " x)";
    }
}
