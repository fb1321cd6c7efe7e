package dev.spendgate.report;

import dev.spendgate.gate.CostDiff;
import dev.spendgate.gate.Finding;
import dev.spendgate.gate.GateReport;
import dev.spendgate.gate.ManifestReport;
import dev.spendgate.gate.PerManifest;
import dev.spendgate.gate.Summary;
import dev.spendgate.git.ChangeSummary;
import dev.spendgate.input.Diagnostic;
import dev.spendgate.input.Skipped;
import jakarta.json.stream.JsonGenerator;

import dev.spendgate.spend.Anomaly;
import dev.spendgate.spend.ManifestSpend;
import dev.spendgate.spend.SpendSnapshot;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The machine-readable report of DESIGN section 9 ({@code schemaVersion} 1). Fields may be added,
 * never renamed. Keys come in a fixed order and numbers in plain notation, so the same report gives
 * the same bytes.
 */
public final class JsonRenderer implements Renderer {

    private final int parallelFrom;

    public JsonRenderer() {
        this(PerManifest.PARALLEL_FROM);
    }

    /** A renderer that renders the manifests of a report with at least {@code parallelFrom} of them on every core. */
    JsonRenderer(int parallelFrom) {
        this.parallelFrom = parallelFrom;
    }

    @Override
    public String id() {
        return "json";
    }

    @Override
    public String description() {
        return "machine-readable report (schemaVersion 1)";
    }

    @Override
    public void render(GateReport report, Appendable out) throws IOException {
        Writer writer = Json.writer(out);
        try (JsonGenerator g = Json.generator(writer)) {
            g.writeStartObject();
            g.write("schemaVersion", 1);
            g.writeStartObject("tool").write("name", "spendgate").write("version", report.toolVersion()).writeEnd();
            g.write("engine", report.engine());
            if (!report.engineMetadata().isEmpty()) {
                g.writeStartObject("engineMetadata");
                new java.util.TreeMap<>(report.engineMetadata()).forEach(g::write);
                g.writeEnd();
            }
            g.write("policy", report.policy());
            PriceDates.write(g, report);
            g.write("verdict", report.verdict().wireName());
            g.write("exitCode", report.exitCode());
            Summary s = report.summary();
            g.writeStartObject("summary")
                    .write("manifests", s.manifests())
                    .write("passed", s.passed())
                    .write("warned", s.warned())
                    .write("failed", s.failed())
                    .write("findings", s.findings())
                    .write("waived", s.waived())
                    .write("skipped", s.skipped());
            if (report.potentialSavings() != null) {
                g.write("potentialSavings", report.potentialSavings());
            }
            g.writeEnd();
            g.writeStartArray("manifests");
            if (report.manifests().size() < parallelFrom) {
                for (ManifestReport m : report.manifests()) {
                    writeManifest(g, m, report.spend());
                }
            } else {
                // a large report's manifests are rendered on every core, each on its own, a window
                // of them at a time (so that the text in memory stays small), and written in their
                // order as the generator would have written them
                g.flush();
                List<ManifestReport> all = report.manifests();
                for (int from = 0; from < all.size(); from += RENDER_WINDOW) {
                    List<String> rendered = PerManifest.map(all.subList(from, Math.min(all.size(), from + RENDER_WINDOW)),
                            m -> element(m, report.spend()));
                    for (int i = 0; i < rendered.size(); i++) {
                        if (from + i > 0) {
                            writer.write(',');
                        }
                        writer.write(rendered.get(i));
                    }
                }
            }
            g.writeEnd();
            g.writeStartArray("policyFindings");
            for (Finding f : report.policyFindings()) {
                writeFinding(g, f);
            }
            g.writeEnd();
            if (report.changes() != null) {
                writeChanges(g, report.changes());
            }
            if (report.costs() != null) {
                writeCosts(g, report.costs());
            }
            if (report.spend() != null) {
                writeSpend(g, report.spend());
            }
            g.writeStartArray("skipped");
            for (Skipped sk : report.skipped()) {
                g.writeStartObject().write("file", sk.file()).write("reason", sk.reason()).writeEnd();
            }
            g.writeEnd();
            g.writeStartArray("diagnostics");
            for (Diagnostic d : report.diagnostics()) {
                g.writeStartObject().write("severity", d.severity()).write("code", d.code());
                if (d.location() != null) {
                    g.write("file", d.location().file()).write("line", d.location().line())
                            .write("column", d.location().column());
                }
                g.write("message", d.message()).writeEnd();
            }
            g.writeEnd();
            g.writeEnd();
        }
        out.append('\n');
    }

    /** How many manifests of a large report are rendered together: about 1.5 MB of text. */
    private static final int RENDER_WINDOW = 256;

    /** The indentation of an element of the report's {@code manifests} array. */
    private static final String ELEMENT_INDENT = "        ";

    /**
     * Manifest {@code m} as an element of the report's {@code manifests} array: a line break, then
     * the object as a generator of its own writes it, each line indented to the element's depth.
     * (JSON text has no line break but between tokens, so every line can be indented.)
     */
    private static String element(ManifestReport m, SpendSnapshot spend) {
        java.io.StringWriter alone = new java.io.StringWriter(8192);
        try (JsonGenerator g = Json.generator(alone)) {
            writeManifest(g, m, spend);
        }
        String text = alone.toString();
        StringBuilder out = new StringBuilder(text.length() + text.length() / 8);
        int start = 0;
        for (int nl = text.indexOf('\n'); ; nl = text.indexOf('\n', start)) {
            out.append('\n').append(ELEMENT_INDENT);
            if (nl < 0) {
                out.append(text, start, text.length());
                return out.toString();
            }
            out.append(text, start, nl);
            start = nl + 1;
        }
    }

    /** {@code "git"}: what a git-aware run judged against its base revision. */
    private static void writeChanges(JsonGenerator g, ChangeSummary c) {
        g.writeStartObject("git");
        g.write("base", c.base()).write("baseSource", c.baseSource()).write("baseCommit", c.baseCommit())
                .write("mergeBase", c.mergeBase()).write("head", c.head())
                .write("all", c.all()).write("newOnly", c.newOnly()).write("policySource", c.policySource());
        g.writeStartArray("manifests");
        for (ChangeSummary.ManifestChange m : c.manifests()) {
            g.writeStartObject().write("name", m.name()).write("status", m.status());
            Json.nullable(g, "file", m.file());
            Json.nullable(g, "baseFile", m.baseFile());
            g.writeEnd();
        }
        g.writeEnd();
        g.writeStartArray("pendingPolicy");
        for (ChangeSummary.PathChange p : c.pendingPolicy()) {
            g.writeStartObject().write("path", p.path()).write("status", p.status());
            Json.nullable(g, "oldPath", p.oldPath());
            g.writeEnd();
        }
        g.writeEnd();
        g.writeStartArray("pendingWaivers");
        for (ChangeSummary.PendingWaiver w : c.pendingWaivers()) {
            g.writeStartObject().write("name", w.name());
            Json.nullable(g, "rule", w.rule());
            Json.nullable(g, "manifest", w.manifest());
            Json.nullable(g, "file", w.file());
            g.write("status", w.status()).write("applied", w.applied()).writeEnd();
        }
        g.writeEnd();
        g.writeStartArray("uncommitted");
        c.uncommitted().forEach(g::write);
        g.writeEnd();
        g.writeEnd();
    }

    /**
     * {@code "costDiff"}: what the change does to the estimates, the largest move first: per
     * manifest and in total, over each manifest's own horizon and as a monthly run-rate.
     */
    private static void writeCosts(JsonGenerator g, CostDiff c) {
        g.writeStartObject("costDiff").write("currency", c.currency());
        g.writeStartObject("total");
        figures(g, c.before(), c.after(), c.delta(), c.percent(), c.monthlyBefore(), c.monthlyAfter(), c.monthlyDelta());
        g.writeEnd();
        g.writeStartArray("manifests");
        for (CostDiff.Line l : c.manifests()) {
            g.writeStartObject().write("name", l.name()).write("status", l.status());
            Json.nullable(g, "file", l.file());
            Json.nullable(g, "baseFile", l.baseFile());
            figures(g, l.before(), l.after(), l.delta(), l.percent(), l.monthlyBefore(), l.monthlyAfter(), l.monthlyDelta());
            g.write("complete", l.complete()).writeEnd();
        }
        g.writeEnd().writeEnd();
    }

    private static void figures(JsonGenerator g, BigDecimal before, BigDecimal after, BigDecimal delta, BigDecimal percent,
                                BigDecimal monthlyBefore, BigDecimal monthlyAfter, BigDecimal monthlyDelta) {
        g.write("before", before).write("after", after).write("delta", delta);
        Json.nullable(g, "percent", percent);
        g.write("monthlyBefore", monthlyBefore).write("monthlyAfter", monthlyAfter).write("monthlyDelta", monthlyDelta);
    }

    /** {@code "spend"}: the live spend the run judged, where it came from and how much of it was attributed. */
    private static void writeSpend(JsonGenerator g, SpendSnapshot s) {
        g.writeStartObject("spend");
        g.write("source", s.source()).write("costColumn", s.costColumn()).write("currency", s.currency());
        Json.nullable(g, "newestRow", s.newestRow() == null ? null : s.newestRow().toString());
        if (s.stalenessHours() == null) {
            g.writeNull("stalenessHours");
        } else {
            g.write("stalenessHours", s.stalenessHours());
        }
        g.write("rows", s.rows()).write("badRows", s.badRowCount());
        g.write("total", s.total()).write("attributed", s.attributed()).write("unattributed", s.unattributed());
        if (s.coverage() == null) {
            g.writeNull("coverage");
        } else {
            g.write("coverage", s.coverage());
        }
        g.writeEnd();
    }

    private static void writeManifestSpend(JsonGenerator g, ManifestSpend s) {
        g.writeStartObject("spend");
        g.write("period", s.period()).write("spent", s.spent()).write("monthToDate", s.monthToDate())
                .write("sinceStart", s.sinceStart());
        Json.forecast(g, s.forecast());
        Anomaly a = s.anomaly();
        if (a == null) {
            g.writeNull("lastFullDay");
        } else {
            g.writeStartObject("lastFullDay").write("day", a.day().toString()).write("spend", a.spend())
                    .write("medianOf7DaysBefore", a.median()).writeEnd();
        }
        g.writeEnd();
    }

    private static void writeManifest(JsonGenerator g, ManifestReport m, SpendSnapshot spend) {
        g.writeStartObject();
        g.write("file", m.file());
        g.write("name", m.name());
        g.write("kind", m.kind());
        if (m.team() == null) {
            g.writeNull("team");
        } else {
            g.write("team", m.team());
        }
        g.write("verdict", m.verdict().wireName());
        Json.estimate(g, m.estimate());
        if (m.potentialSavings() != null) {
            g.writeKey("potentialSavings");
            Json.saving(g, m.potentialSavings());
        }
        ManifestSpend live = spend == null ? null : spend.manifests().get(m.name());
        if (live != null) {
            writeManifestSpend(g, live);
        }
        g.writeStartArray("findings");
        for (Finding f : m.findings()) {
            writeFinding(g, f);
        }
        g.writeEnd();
        g.writeEnd();
    }

    static void writeFinding(JsonGenerator g, Finding f) {
        g.writeStartObject();
        g.write("rule", f.rule());
        g.write("title", f.title());
        g.write("intent", f.intent());
        g.write("enforcement", f.enforcement().wireName());
        g.write("outcome", f.outcome().wireName());
        g.write("message", f.message());
        g.write("remediation", f.remediation());
        g.write("path", f.path());
        g.write("file", f.location().file());
        g.write("line", f.location().line());
        g.write("column", f.location().column());
        g.writeStartObject("evidence");
        for (Map.Entry<String, Object> e : f.evidence().entrySet()) {
            writeValue(g, e.getKey(), e.getValue());
        }
        g.writeEnd();
        if (!f.savings().isEmpty()) {
            g.writeStartArray("savings");
            f.savings().forEach(saving -> Json.saving(g, saving));
            g.writeEnd();
        }
        if (f.waiver() != null) {
            g.write("waiver", f.waiver());
        }
        if (f.preexisting()) {
            g.write("preexisting", true);
        }
        g.writeEnd();
    }

    private static void writeValue(JsonGenerator g, String key, Object v) {
        if (v == null) {
            g.writeNull(key);
        } else if (v instanceof BigDecimal d) {
            g.write(key, d);
        } else if (v instanceof Boolean b) {
            g.write(key, b);
        } else if (v instanceof List<?> list) {
            g.writeStartArray(key);
            for (Object o : list) {
                if (o instanceof BigDecimal d) {
                    g.write(d);
                } else if (o instanceof Boolean b) {
                    g.write(b);
                } else if (o == null) {
                    g.writeNull();
                } else {
                    g.write(o.toString());
                }
            }
            g.writeEnd();
        } else {
            g.write(key, v.toString());
        }
    }
}
