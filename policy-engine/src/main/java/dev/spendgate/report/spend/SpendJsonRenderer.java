package dev.spendgate.report.spend;

import dev.spendgate.report.Json;
import dev.spendgate.spend.BadRow;
import dev.spendgate.spend.DailySpend;
import dev.spendgate.spend.ManifestSpend;
import dev.spendgate.spend.SpendSnapshot;
import dev.spendgate.spend.TeamSpend;
import dev.spendgate.spend.UnattributedSpend;
import jakarta.json.stream.JsonGenerator;

import java.io.IOException;
import java.util.List;

/**
 * The spend report for machines ({@code schemaVersion} 1): fields may be added, never renamed.
 * Keys come in a fixed order, money in plain decimals of the report's currency, so the same
 * report gives the same bytes.
 */
public final class SpendJsonRenderer implements SpendRenderer {

    @Override
    public String id() {
        return "json";
    }

    @Override
    public String description() {
        return "machine-readable report (schemaVersion 1)";
    }

    @Override
    public void render(SpendReport report, Appendable out) throws IOException {
        SpendSnapshot s = report.spend();
        try (JsonGenerator g = Json.generator(Json.writer(out))) {
            g.writeStartObject();
            g.write("schemaVersion", 1);
            g.writeStartObject("tool").write("name", "spendgate").write("version", report.toolVersion()).writeEnd();
            g.write("policy", report.policy());
            g.write("source", s.source());
            g.write("costColumn", s.costColumn());
            g.write("currency", s.currency());
            g.write("now", s.now().toString());
            Json.nullable(g, "newestRow", s.newestRow() == null ? null : s.newestRow().toString());
            Json.nullable(g, "stalenessHours", s.stalenessHours());
            g.write("maxStalenessHours", report.maxStaleness());
            g.write("stale", report.stale());
            Json.nullable(g, "lastFullDay", s.lastFullDay() == null ? null : s.lastFullDay().toString());
            g.writeStartObject("thresholds")
                    .write("warnAt", report.warnAt())
                    .write("blockAt", report.blockAt())
                    .write("anomalyFactor", report.anomalyFactor())
                    .writeEnd();
            g.writeStartObject("totals").write("total", s.total()).write("attributed", s.attributed())
                    .write("unattributed", s.unattributed());
            Json.nullable(g, "coverage", s.coverage());
            g.writeEnd();
            g.write("rows", s.rows());
            g.writeStartObject("badRows").write("count", s.badRowCount());
            g.writeStartArray("rows");
            for (BadRow b : s.badRows()) {
                g.writeStartObject().write("location", Sentences.location(b)).write("line", b.line())
                        .write("unit", b.unit());
                Json.nullable(g, "column", b.column());
                g.write("problem", b.problem()).writeEnd();
            }
            g.writeEnd().writeEnd();
            g.writeStartArray("otherCurrencies");
            s.otherCurrencies().forEach(g::write);
            g.writeEnd();
            g.writeStartArray("teams");
            for (SpendReport.TeamBurn t : report.teams()) {
                team(g, t);
            }
            g.writeEnd();
            g.writeStartArray("manifests");
            for (SpendReport.ManifestBurn m : report.manifests()) {
                manifest(g, m);
            }
            g.writeEnd();
            g.writeStartArray("unattributed");
            for (UnattributedSpend u : s.unattributedBy()) {
                g.writeStartObject();
                Json.nullable(g, "manifestTag", u.manifestTag());
                Json.nullable(g, "team", u.team());
                g.write("cost", u.cost()).write("rows", u.rows()).writeEnd();
            }
            g.writeEnd();
            g.writeEnd();
        }
        out.append('\n');
    }

    private static void team(JsonGenerator g, SpendReport.TeamBurn t) {
        TeamSpend s = t.spend();
        g.writeStartObject().write("name", s.team()).write("monthToDate", s.monthToDate());
        Json.nullable(g, "limit", s.limit());
        Json.nullable(g, "percentOfLimit", t.percentOfLimit());
        g.write("monthlyBudgets", s.monthlyBudgets());
        g.writeStartArray("monthlyManifests");
        s.monthlyManifests().forEach(g::write);
        g.writeEnd();
        g.write("otherMonthToDate", s.otherMonthToDate()).write("commitments", s.commitments())
                .write("status", t.status().wireName());
        g.writeEnd();
    }

    private static void manifest(JsonGenerator g, SpendReport.ManifestBurn m) {
        ManifestSpend s = m.spend();
        g.writeStartObject().write("name", m.name()).write("file", m.file());
        Json.nullable(g, "team", m.team());
        Json.nullable(g, "budget", m.budget());
        g.write("period", m.period()).write("spent", s.spent());
        Json.nullable(g, "percentOfBudget", m.percentOfBudget());
        g.write("monthToDate", s.monthToDate()).write("sinceStart", s.sinceStart()).write("rows", s.rows());
        Json.forecast(g, s.forecast());
        g.write("forecastNote", s.forecastNote());
        SpendReport.AnomalyCheck a = m.anomaly();
        if (a == null) {
            g.writeNull("anomaly");
        } else {
            g.writeStartObject("anomaly").write("day", a.day().toString()).write("spend", a.spend())
                    .write("median", a.median());
            Json.nullable(g, "factor", a.factor());
            g.write("threshold", a.threshold()).write("isAnomaly", a.anomalous()).writeEnd();
        }
        g.write("status", m.status().wireName());
        daily(g, s.daily());
        g.writeEnd();
    }

    /** Every day's spend as {@code {"from", "to", "costs": [...]}}, one cost a day; null when there is none. */
    private static void daily(JsonGenerator g, List<DailySpend> days) {
        if (days.isEmpty()) {
            g.writeNull("daily");
            return;
        }
        g.writeStartObject("daily").write("from", days.get(0).day().toString())
                .write("to", days.get(days.size() - 1).day().toString());
        g.writeStartArray("costs");
        for (DailySpend d : days) {
            g.write(d.cost());
        }
        g.writeEnd().writeEnd();
    }
}
