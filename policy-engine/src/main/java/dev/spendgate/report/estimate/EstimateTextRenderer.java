package dev.spendgate.report.estimate;

import dev.spendgate.cost.CatalogOrigin;
import dev.spendgate.cost.Estimate;
import dev.spendgate.cost.EstimateItem;
import dev.spendgate.cost.PriceCatalog;
import dev.spendgate.cost.Saving;
import dev.spendgate.cost.UnitCosts;
import dev.spendgate.input.Diagnostic;
import dev.spendgate.manifest.Manifest;
import dev.spendgate.manifest.ModelUse;
import dev.spendgate.report.estimate.EstimateReport.ManifestEstimate;

import java.io.IOException;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The estimate for people: the catalogs used with their dates, then per manifest one line an
 * item with its amount and the arithmetic behind it, and the total against the budget.
 */
public final class EstimateTextRenderer implements EstimateRenderer {

    private static final int LABEL = 34;
    private static final int AMOUNT = 12;

    @Override
    public String id() {
        return "text";
    }

    @Override
    public String description() {
        return "for people reading a terminal or CI log (default)";
    }

    @Override
    public void render(EstimateReport report, Appendable out) throws IOException {
        PriceCatalog catalog = report.catalog();
        out.append("Prices as of ").append(catalog.asOf()).append(", USD\n");
        for (CatalogOrigin o : catalog.origins()) {
            out.append("  from ").append(o.file()).append(" (").append(o.describe()).append(")\n");
        }
        for (Diagnostic d : report.catalogDiagnostics()) {
            out.append("note: ").append(d.toString()).append('\n');
        }
        for (ManifestEstimate e : report.manifests()) {
            manifest(out, catalog, e);
        }
    }

    private static void manifest(Appendable out, PriceCatalog catalog, ManifestEstimate e) throws IOException {
        Estimate est = e.estimate();
        out.append('\n').append(e.name()).append("  ").append(e.file()).append('\n');
        out.append("  horizon: ").append(est.basis()).append('\n');
        if (catalog.origins().size() > 1) {
            String from = pricedFrom(catalog, e.manifest());
            if (!from.isEmpty()) {
                out.append("  priced from: ").append(from).append('\n');
            }
        }
        for (EstimateItem i : est.items()) {
            out.append("  ").append(pad(i.label(), LABEL)).append(' ')
                    .append(leftPad(i.amount().setScale(2, RoundingMode.HALF_UP).toPlainString(), AMOUNT)).append("  ")
                    .append(i.formula()).append('\n');
        }
        out.append("  ").append(pad("total", LABEL)).append(' ')
                .append(leftPad(est.total().setScale(2, RoundingMode.HALF_UP).toPlainString(), AMOUNT)).append(' ')
                .append(est.currency());
        if (e.budget() != null) {
            out.append("  (budget ").append(e.budget().toPlainString()).append(')');
        }
        out.append('\n');
        UnitCosts unit = e.unitCosts();
        if (unit.costPer1kRequests() != null) {
            out.append("  per 1,000 requests: ").append(est.complete() ? "" : "at least ")
                    .append(unit.costPer1kRequests().toPlainString()).append(' ')
                    .append(unit.currency()).append(" (").append(unit.requests().toPlainString()).append(" requests)\n");
        }
        if (unit.costPerUsefulGpuHour() != null) {
            out.append("  per useful GPU-hour: ").append(unit.costPerUsefulGpuHour().toPlainString()).append(' ')
                    .append(unit.currency()).append(e.manifest().spec().compute().expectedUtilization() == null
                            ? " (no expectedUtilization: the rate)"
                            : " (the rate / expectedUtilization " + e.manifest().spec().compute().expectedUtilization()
                                    .stripTrailingZeros().toPlainString() + ")").append('\n');
        }
        if (!est.complete()) {
            out.append("  incomplete: not priced ").append(String.join(", ", est.unpriced())).append('\n');
        }
        if (!e.alternatives().isEmpty()) {
            out.append("  alternatives:\n");
            for (Saving s : e.alternatives()) {
                out.append("    - ").append(s.sentence()).append('\n');
                out.append("      ").append(s.arithmetic()).append('\n');
            }
        }
        for (Diagnostic d : e.diagnostics()) {
            out.append("  note: ").append(d.toString()).append('\n');
        }
    }

    /** {@code spendgate-default 2026.11.0, 2026-11-01} or {@code LiteLLM, undated}. */
    /** {@code prices.json (gpt-4o); classpath:... (H100)}: which file priced what, in catalog order. */
    private static String pricedFrom(PriceCatalog catalog, Manifest m) {
        Map<CatalogOrigin, Set<String>> by = new LinkedHashMap<>();
        catalog.origins().forEach(o -> by.put(o, new LinkedHashSet<>()));
        for (ModelUse use : m.spec().models()) {
            catalog.modelOrigin(use.name()).ifPresent(o -> by.get(o).add(use.name()));
        }
        String gpuType = m.spec().compute() == null ? null : m.spec().compute().gpuType();
        catalog.gpu(gpuType).ifPresent(g -> by.get(catalog.gpuOrigin(g.type()).orElseThrow()).add(g.type()));
        return by.entrySet().stream().filter(x -> !x.getValue().isEmpty())
                .map(x -> x.getKey().file() + " (" + String.join(", ", x.getValue()) + ")")
                .collect(Collectors.joining("; "));
    }

    private static String pad(String s, int n) {
        return s.length() >= n ? s : s + " ".repeat(n - s.length());
    }

    private static String leftPad(String s, int n) {
        return s.length() >= n ? s : " ".repeat(n - s.length()) + s;
    }
}
