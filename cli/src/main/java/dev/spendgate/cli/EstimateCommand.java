package dev.spendgate.cli;

import dev.spendgate.cost.Estimate;
import dev.spendgate.cost.EstimateItem;
import dev.spendgate.gate.Diagnostic;
import dev.spendgate.gate.GateSession;
import dev.spendgate.gate.Priced;
import dev.spendgate.manifest.Manifest;
import dev.spendgate.report.EstimateJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

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
        GateSession session = inputs.open();
        List<Manifest> manifests = session.loadManifests(input.paths);
        List<EstimateJson.Entry> entries = new ArrayList<>();
        for (Manifest m : manifests) {
            Priced p = session.price(m);
            entries.add(new EstimateJson.Entry(m.file(), m.name(), m.spec().budget() == null ? null : m.spec().budget().amount(),
                    p.estimate(), p.diagnostics()));
        }
        String text = format.equals("json") ? EstimateJson.render(session.catalogAsOf(), entries) : text(session, entries);
        Output.write(text, output, spec.commandLine().getOut());
        return 0;
    }

    private static String text(GateSession session, List<EstimateJson.Entry> entries) {
        StringBuilder b = new StringBuilder();
        b.append("Prices as of ").append(session.catalogAsOf()).append(", USD\n");
        for (EstimateJson.Entry e : entries) {
            Estimate est = e.estimate();
            b.append('\n').append(e.name()).append("  ").append(e.file()).append('\n');
            b.append("  horizon: ").append(est.basis()).append('\n');
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

    private static String pad(String s, int n) {
        return s.length() >= n ? s : s + " ".repeat(n - s.length());
    }

    private static String leftPad(String s, int n) {
        return s.length() >= n ? s : " ".repeat(n - s.length()) + s;
    }
}
