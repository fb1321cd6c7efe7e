package dev.spendgate.watch;

import dev.spendgate.alert.Alert;
import dev.spendgate.alert.Delivery;
import dev.spendgate.gate.GateReport;
import dev.spendgate.report.Json;
import dev.spendgate.report.Renderer;
import dev.spendgate.report.Renderers;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonGenerator;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;

/**
 * The report of a watch run in the formats of {@code check} ({@code text}, {@code json},
 * {@code markdown}): the gate's report of the manifests against live spend, followed by the
 * alerts and each channel's deliveries (in JSON, a {@code watch} member beside the gate's).
 */
public final class WatchReports {

    /** The formats a watch report is written in. */
    public static final List<String> FORMATS = List.of("text", "json", "markdown");

    private WatchReports() {
    }

    /** Writes the report in {@code format}, one of {@link #FORMATS}. */
    public static void render(String format, GateReport gate, WatchResult result, Appendable out) throws IOException {
        Renderer base = Renderers.find(format).filter(r -> FORMATS.contains(format))
                .orElseThrow(() -> new IllegalArgumentException("not a watch report format: " + format));
        switch (format) {
            case "json" -> json(base, gate, result, out);
            case "markdown" -> {
                base.render(gate, out);
                markdown(result, out);
            }
            default -> {
                base.render(gate, out);
                text(result, out);
            }
        }
    }

    private static void text(WatchResult r, Appendable out) throws IOException {
        out.append('\n').append(r.dryRun() ? "ALERTS (dry run: nothing sent)" : "ALERTS").append('\n');
        out.append("  ").append(Integer.toString(r.alerts().size())).append(r.alerts().size() == 1 ? " alert" : " alerts")
                .append(" open; ").append(Long.toString(r.count(Delivery.Outcome.DELIVERED))).append(" delivered, ")
                .append(Long.toString(r.count(Delivery.Outcome.FAILED))).append(" failed, ")
                .append(Long.toString(r.count(Delivery.Outcome.NOT_APPLICABLE))).append(" not applicable\n");
        for (WatchResult.ChannelRun c : r.channels()) {
            out.append("  ").append(c.type()).append(' ').append(c.name()).append(": ").append(summary(c)).append('\n');
            for (Delivery d : c.deliveries()) {
                out.append("    ").append(pad(d.alert().status().wireName(), 10)).append(pad(d.outcome().name()
                        .toLowerCase(java.util.Locale.ROOT).replace('_', '-'), 15)).append(describe(d.alert()))
                        .append(": ").append(d.detail()).append('\n');
            }
            for (String p : c.previews()) {
                for (String line : p.split("\n", -1)) {
                    out.append("    | ").append(line).append('\n');
                }
            }
        }
        for (Alert a : r.unrouted()) {
            out.append("  unrouted: ").append(describe(a)).append(" (no route of alerts.routes matches)\n");
        }
        for (String f : r.forgotten()) {
            out.append("  forgotten: ").append(f).append('\n');
        }
    }

    private static String summary(WatchResult.ChannelRun c) {
        String quiet = c.quiet() == 0 ? "" : ", " + c.quiet() + " quiet (sent before, not due again)";
        if (!c.previews().isEmpty()) {
            return c.previews().size() + (c.previews().size() == 1 ? " request" : " requests") + " would be sent; "
                    + c.open() + " open" + quiet;
        }
        if (c.deliveries().isEmpty()) {
            return "nothing to send; " + c.open() + " open" + quiet;
        }
        return c.count(Delivery.Outcome.DELIVERED) + " delivered, " + c.count(Delivery.Outcome.FAILED) + " failed, "
                + c.count(Delivery.Outcome.NOT_APPLICABLE) + " not applicable; " + c.open() + " open" + quiet;
    }

    private static String describe(Alert a) {
        return a.ruleId() + " " + a.manifest() + " (" + a.level() + (a.file() == null ? "" : ", " + a.file()
                + (a.line() > 0 ? ":" + a.line() : "")) + ")";
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }

    private static void markdown(WatchResult r, Appendable out) throws IOException {
        out.append("\n### Alerts").append(r.dryRun() ? " (dry run: nothing sent)" : "").append("\n\n");
        out.append(Integer.toString(r.alerts().size())).append(r.alerts().size() == 1 ? " alert" : " alerts")
                .append(" open; ").append(Long.toString(r.count(Delivery.Outcome.DELIVERED))).append(" delivered, ")
                .append(Long.toString(r.count(Delivery.Outcome.FAILED))).append(" failed.\n\n");
        out.append("| channel | status | outcome | rule | manifest | detail |\n|---|---|---|---|---|---|\n");
        for (WatchResult.ChannelRun c : r.channels()) {
            if (c.deliveries().isEmpty()) {
                out.append("| ").append(cell(c.type() + " " + c.name())).append(" | | | | | ").append(cell(summary(c)))
                        .append(" |\n");
            }
            for (Delivery d : c.deliveries()) {
                out.append("| ").append(cell(c.type() + " " + c.name())).append(" | ").append(d.alert().status().wireName())
                        .append(" | ").append(d.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                        .append(" | ").append(d.alert().ruleId()).append(" | ").append(cell(d.alert().manifest()))
                        .append(" | ").append(cell(d.detail())).append(" |\n");
            }
        }
        for (Alert a : r.unrouted()) {
            out.append("| (unrouted) | | | ").append(a.ruleId()).append(" | ").append(cell(a.manifest()))
                    .append(" | no route of alerts.routes matches |\n");
        }
        for (String f : r.forgotten()) {
            out.append("\n- forgotten: ").append(cell(f)).append('\n');
        }
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    private static void json(Renderer base, GateReport gate, WatchResult r, Appendable out) throws IOException {
        StringBuilder text = new StringBuilder();
        base.render(gate, text);
        JsonObject report = jakarta.json.Json.createReader(new StringReader(text.toString())).readObject();
        try (JsonGenerator g = Json.generator(Json.writer(out))) {
            g.writeStartObject();
            report.forEach(g::write);
            g.writeStartObject("watch").write("dryRun", r.dryRun());
            g.writeStartArray("alerts");
            for (Watch.Routed routed : r.alerts()) {
                Alert a = routed.alert();
                g.writeStartObject().write("fingerprint", a.fingerprint()).write("rule", a.ruleId())
                        .write("manifest", a.manifest()).write("level", a.level());
                Json.nullable(g, "file", a.file());
                Json.nullable(g, "team", a.team());
                Json.nullable(g, "environment", a.environment());
                g.write("message", a.message());
                g.writeStartArray("channels");
                routed.channels().forEach(g::write);
                g.writeEnd().writeEnd();
            }
            g.writeEnd();
            g.writeStartArray("channels");
            for (WatchResult.ChannelRun c : r.channels()) {
                g.writeStartObject().write("name", c.name()).write("type", c.type()).write("open", c.open())
                        .write("quiet", c.quiet());
                g.writeStartArray("deliveries");
                for (Delivery d : c.deliveries()) {
                    g.writeStartObject().write("fingerprint", d.alert().fingerprint())
                            .write("status", d.alert().status().wireName())
                            .write("outcome", d.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                            .write("detail", d.detail()).writeEnd();
                }
                g.writeEnd();
                if (r.dryRun()) {
                    g.writeStartArray("previews");
                    c.previews().forEach(g::write);
                    g.writeEnd();
                }
                g.writeEnd();
            }
            g.writeEnd();
            g.writeStartArray("unrouted");
            r.unrouted().forEach(a -> g.write(a.fingerprint()));
            g.writeEnd();
            g.writeStartArray("forgotten");
            r.forgotten().forEach(g::write);
            g.writeEnd();
            g.writeEnd().writeEnd();
        }
        out.append('\n');
    }
}
