package dev.spendgate.report;

import dev.spendgate.cost.CatalogOrigin;
import dev.spendgate.gate.GateReport;

import java.util.stream.Collectors;

/** How the reports name the price files a run estimated with, and their dates. */
final class PriceDates {

    private PriceDates() {
    }

    /**
     * {@code classpath:dev/spendgate/cost/prices.yaml (spendgate-default 2026.11.0, 2026-11-01);
     * prices.json (LiteLLM, undated)}, lowest first; empty when the report names none.
     */
    static String line(GateReport report) {
        return report.prices().stream().map(o -> o.file() + " (" + o.describe() + ")")
                .collect(Collectors.joining("; "));
    }

    /** {@code "prices"}: each file with its format, name, version and date (null when it has none). */
    static void write(jakarta.json.stream.JsonGenerator g, GateReport report) {
        g.writeStartArray("prices");
        for (CatalogOrigin o : report.prices()) {
            g.writeStartObject().write("file", o.file()).write("format", o.format().wireName()).write("name", o.name());
            Json.nullable(g, "version", o.version());
            Json.nullable(g, "asOf", o.asOf() == null ? null : o.asOf().toString());
            g.writeEnd();
        }
        g.writeEnd();
    }
}
