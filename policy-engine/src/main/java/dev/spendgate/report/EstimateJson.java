package dev.spendgate.report;

import dev.spendgate.cost.Estimate;
import dev.spendgate.gate.Diagnostic;
import jakarta.json.stream.JsonGenerator;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.List;

/** The JSON of {@code spendgate estimate}: per manifest its itemised estimate and budget. */
public final class EstimateJson {

    /** One manifest's estimate; {@code budget} is null when the manifest declares none. */
    public record Entry(String file, String name, BigDecimal budget, Estimate estimate, List<Diagnostic> diagnostics) {
    }

    private EstimateJson() {
    }

    public static String render(String catalogAsOf, List<Entry> entries) {
        StringWriter buffer = new StringWriter();
        try (JsonGenerator g = Json.generator(buffer)) {
            g.writeStartObject();
            g.write("schemaVersion", 1);
            g.write("catalogAsOf", catalogAsOf);
            g.writeStartArray("manifests");
            for (Entry e : entries) {
                g.writeStartObject().write("file", e.file()).write("name", e.name());
                if (e.budget() == null) {
                    g.writeNull("budget");
                } else {
                    g.write("budget", e.budget());
                }
                JsonRenderer.writeEstimate(g, e.estimate());
                g.writeStartArray("diagnostics");
                for (Diagnostic d : e.diagnostics()) {
                    g.write(d.toString());
                }
                g.writeEnd();
                g.writeEnd();
            }
            g.writeEnd();
            g.writeEnd();
        }
        return buffer.toString().strip() + "\n";
    }
}
