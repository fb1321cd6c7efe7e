package dev.spendgate.cli;

import dev.spendgate.cost.CatalogOrigin;
import dev.spendgate.cost.Estimate;
import dev.spendgate.cost.EstimateItem;
import dev.spendgate.cost.PriceCatalog;
import dev.spendgate.gate.GateRunner;
import dev.spendgate.gate.Priced;
import dev.spendgate.input.Diagnostic;
import dev.spendgate.manifest.Manifest;
import dev.spendgate.manifest.ModelUse;
import dev.spendgate.report.EstimateJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code spendgate estimate}: the itemised pre-run cost of each manifest. */
@Command(name = "estimate", mixinStandardHelpOptions = true,
        description = "Print the itemised pre-run cost estimate of each manifest.")
final class EstimateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ManifestPaths input;

    @Mixin
    InputOptions inputs;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json.")
    String format;

    @Option(names = "--output", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("text") && !format.equals("json")) {
            throw new UsageException("--format: estimate prints text or json, not '" + format + "'");
        }
        GateRunner session = inputs.open();
        List<Manifest> manifests = session.loadManifests(input.paths);
        List<EstimateJson.Entry> entries = new ArrayList<>();
        for (Manifest m : manifests) {
            Priced p = session.price(m);
            entries.add(new EstimateJson.Entry(m, p.estimate(), p.diagnostics()));
        }
        String text = format.equals("json")
                ? EstimateJson.render(session.catalog(), session.catalogDiagnostics(), entries)
                : text(session.catalog(), session.catalogDiagnostics(), entries);
        Output.write(text, output, spec.commandLine().getOut());
        return 0;
    }

    private static String text(PriceCatalog catalog, List<Diagnostic> catalogDiagnostics,
                               List<EstimateJson.Entry> entries) {
        StringBuilder b = new StringBuilder();
        b.append("Prices as of ").append(catalog.asOf()).append(", USD\n");
        for (CatalogOrigin o : catalog.origins()) {
            b.append("  from ").append(o.file()).append(" (").append(describe(o)).append(")\n");
        }
        for (Diagnostic d : catalogDiagnostics) {
            b.append("note: ").append(d).append('\n');
        }
        for (EstimateJson.Entry e : entries) {
            Estimate est = e.estimate();
            b.append('\n').append(e.name()).append("  ").append(e.file()).append('\n');
            b.append("  horizon: ").append(est.basis()).append('\n');
            if (catalog.origins().size() > 1) {
                String from = pricedFrom(catalog, e.manifest());
                if (!from.isEmpty()) {
                    b.append("  priced from: ").append(from).append('\n');
                }
            }
            for (EstimateItem i : est.items()) {
                b.append("  ").append(pad(i.label(), 34)).append(' ')
                        .append(leftPad(i.amount().setScale(2, RoundingMode.HALF_UP).toPlainString(), 12)).append("  ")
                        .append(i.formula()).append('\n');
            }
            b.append("  ").append(pad("total", 34)).append(' ')
                    .append(leftPad(est.total().setScale(2, RoundingMode.HALF_UP).toPlainString(), 12)).append(' ')
                    .append(est.currency());
            if (e.budget() != null) {
                b.append("  (budget ").append(e.budget().toPlainString()).append(')');
            }
            b.append('\n');
            if (!est.complete()) {
                b.append("  incomplete: not priced ").append(String.join(", ", est.unpriced())).append('\n');
            }
            for (Diagnostic d : e.diagnostics()) {
                b.append("  note: ").append(d).append('\n');
            }
        }
        return b.toString();
    }

    /** {@code spendgate-default 2026.11.0, 2026-11-01} or {@code LiteLLM, undated}. */
    private static String describe(CatalogOrigin o) {
        if (o.format() == CatalogOrigin.Format.LITELLM) {
            return "LiteLLM, undated";
        }
        return o.name() + (o.version() == null ? "" : " " + o.version()) + ", " + (o.asOf() == null ? "undated" : o.asOf());
    }

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
