package dev.spendgate.cli;

import dev.spendgate.cost.Saving;
import dev.spendgate.gate.GateRunner;
import dev.spendgate.gate.Priced;
import dev.spendgate.manifest.Manifest;
import dev.spendgate.policy.Parameters;
import dev.spendgate.report.estimate.EstimateRenderer;
import dev.spendgate.report.estimate.EstimateRenderers;
import dev.spendgate.report.estimate.EstimateReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
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

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Estimate format: ${COMPLETION-CANDIDATES}.", completionCandidates = EstimateCommand.Formats.class)
    String format;

    @Option(names = "--output", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @Option(names = {"-C", "--directory"}, paramLabel = "DIR",
            description = "Run as if started in DIR: manifest paths, --policy and --prices are found from there.")
    Path directory;

    @Option(names = "--alternatives",
            description = "List the compliant alternatives the catalog can price for each manifest (spot capacity, a"
                    + " schedule, smaller models, prompt caching, a shorter system prompt, fewer GPUs) with what each"
                    + " would save.")
    boolean alternatives;

    @Override
    public Integer call() throws Exception {
        EstimateRenderer renderer = EstimateRenderers.find(format).orElseThrow(() -> new UsageException(
                "--format: unknown estimate format '" + format + "' (choose from "
                        + String.join(", ", EstimateRenderers.ids()) + ")"));
        GateRunner session = inputs.open(directory == null ? Path.of("") : directory);
        List<EstimateReport.ManifestEstimate> estimates = new ArrayList<>();
        for (Manifest m : session.loadManifests(input.paths)) {
            Priced p = session.price(m);
            List<Saving> savings = List.of();
            if (alternatives) {
                Parameters params = session.policy().parameters();
                savings = p.alternatives().all(params.tokens().maxSystemPromptTokens(), params.gpu().targetUtilization());
            }
            estimates.add(new EstimateReport.ManifestEstimate(m, p.estimate(), p.diagnostics(), savings));
        }
        EstimateReport report = new EstimateReport(session.catalog(), session.catalogDiagnostics(), estimates);
        try (Output.Target target = Output.open(output, spec.commandLine().getOut())) {
            renderer.render(report, target.appendable());
        }
        return 0;
    }

    /** The {@code --format} values, from the estimate renderer registry. */
    static final class Formats implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return EstimateRenderers.ids().iterator();
        }
    }
}
