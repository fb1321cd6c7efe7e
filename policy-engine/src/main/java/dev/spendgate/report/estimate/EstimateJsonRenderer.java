package dev.spendgate.report.estimate;

import dev.spendgate.cost.CatalogOrigin;
import dev.spendgate.cost.GpuPrice;
import dev.spendgate.cost.ModelPrice;
import dev.spendgate.cost.PriceCatalog;
import dev.spendgate.cost.UnitCosts;
import dev.spendgate.input.Diagnostic;
import dev.spendgate.manifest.Manifest;
import dev.spendgate.manifest.ModelUse;
import dev.spendgate.report.Json;
import dev.spendgate.report.estimate.EstimateReport.ManifestEstimate;
import jakarta.json.stream.JsonGenerator;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The estimate for machines ({@code schemaVersion} 1): the price catalog with every file it was
 * made of, then per manifest its itemised estimate, its budget, and each price it used with the
 * file it came from. Fields may be added, never renamed; keys come in a fixed order.
 */
public final class EstimateJsonRenderer implements EstimateRenderer {

    @Override
    public String id() {
        return "json";
    }

    @Override
    public String description() {
        return "machine-readable estimate (schemaVersion 1)";
    }

    @Override
    public void render(EstimateReport report, Appendable out) throws IOException {
        PriceCatalog catalog = report.catalog();
        try (JsonGenerator g = Json.generator(Json.writer(out))) {
            g.writeStartObject();
            g.write("schemaVersion", 1);
            g.write("catalogAsOf", catalog.asOf());
            writeCatalog(g, catalog);
            g.writeStartArray("manifests");
            for (ManifestEstimate e : report.manifests()) {
                g.writeStartObject().write("file", e.file()).write("name", e.name());
                Json.nullable(g, "budget", e.budget());
                Json.estimate(g, e.estimate());
                UnitCosts unit = e.unitCosts();
                g.writeStartObject("unitCosts");
                Json.nullable(g, "requests", unit.requests());
                Json.nullable(g, "costPer1kRequests", unit.costPer1kRequests());
                Json.nullable(g, "costPerUsefulGpuHour", unit.costPerUsefulGpuHour());
                g.writeEnd();
                writePrices(g, catalog, e.manifest());
                strings(g, "diagnostics", e.diagnostics().stream().map(Diagnostic::toString).toList());
                if (!e.alternatives().isEmpty()) {
                    g.writeStartArray("alternatives");
                    e.alternatives().forEach(saving -> Json.saving(g, saving));
                    g.writeEnd();
                }
                g.writeEnd();
            }
            g.writeEnd();
            strings(g, "diagnostics", report.catalogDiagnostics().stream().map(Diagnostic::toString).toList());
            g.writeEnd();
        }
        out.append('\n');
    }

    /** {@code "catalog"}: its date, currency and the files it was made of, lowest first. */
    private static void writeCatalog(JsonGenerator g, PriceCatalog catalog) {
        g.writeStartObject("catalog");
        g.write("asOf", catalog.asOf());
        g.write("currency", catalog.currency());
        g.writeStartArray("origins");
        for (CatalogOrigin o : catalog.origins()) {
            g.writeStartObject();
            g.write("file", o.file());
            g.write("format", o.format().wireName());
            g.write("name", o.name());
            Json.nullable(g, "version", o.version());
            Json.nullable(g, "asOf", o.asOf() == null ? null : o.asOf().toString());
            strings(g, "sources", o.sources());
            strings(g, "notes", o.notes());
            g.writeEnd();
        }
        g.writeEnd();
        g.writeEnd();
    }

    /**
     * {@code "prices"}: each model the manifest lists and its GPU type, as far as the catalog knows
     * them, with the prices used and the file they came from.
     */
    private static void writePrices(JsonGenerator g, PriceCatalog catalog, Manifest manifest) {
        g.writeStartArray("prices");
        Set<String> models = new LinkedHashSet<>();
        manifest.spec().models().stream().map(ModelUse::name).filter(Objects::nonNull).forEach(models::add);
        for (String name : models) {
            ModelPrice p = catalog.model(name).orElse(null);
            if (p == null) {
                continue;
            }
            CatalogOrigin from = catalog.modelOrigin(name).orElseThrow();
            g.writeStartObject().write("kind", "model").write("name", name);
            origin(g, from);
            g.write("provider", p.provider());
            Json.nullable(g, "tier", p.tier() == null ? null : p.tier().name());
            g.write("mode", p.mode().wireName());
            g.write("unit", "USD per million tokens").write("input", p.input()).write("output", p.output());
            Json.nullable(g, "cachedInput", p.cachedInput());
            Json.nullable(g, "cacheWrite", p.cacheWrite());
            Json.nullable(g, "perQuery", p.perQuery()); // USD per query (search unit) of a reranker
            if (p.batch() == null) {
                g.writeNull("batch");
            } else {
                g.writeStartObject("batch");
                Json.nullable(g, "input", p.batch().input());
                Json.nullable(g, "output", p.batch().output());
                Json.nullable(g, "cachedInput", p.batch().cachedInput());
                Json.nullable(g, "cacheWrite", p.batch().cacheWrite());
                g.writeEnd();
            }
            g.writeEnd();
        }
        String gpuType = manifest.spec().compute() == null ? null : manifest.spec().compute().gpuType();
        GpuPrice gpu = catalog.gpu(gpuType).orElse(null);
        if (gpu != null) {
            g.writeStartObject().write("kind", "gpu").write("name", gpu.type());
            origin(g, catalog.gpuOrigin(gpu.type()).orElseThrow());
            g.write("unit", "USD per GPU-hour").write("onDemand", gpu.onDemand()).write("spot", gpu.spot())
                    .write("reserved", gpu.reserved());
            g.writeEnd();
        }
        g.writeEnd();
    }

    private static void origin(JsonGenerator g, CatalogOrigin from) {
        g.write("from", from.file()).write("format", from.format().wireName());
    }

    private static void strings(JsonGenerator g, String key, List<String> values) {
        g.writeStartArray(key);
        values.forEach(g::write);
        g.writeEnd();
    }
}
