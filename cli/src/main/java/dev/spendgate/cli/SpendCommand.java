package dev.spendgate.cli;

import dev.spendgate.gate.GateConfig;
import dev.spendgate.gate.GateRunner;
import dev.spendgate.manifest.Manifest;
import dev.spendgate.report.spend.SpendRenderer;
import dev.spendgate.report.spend.SpendRenderers;
import dev.spendgate.report.spend.SpendReport;
import dev.spendgate.spend.SpendData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code spendgate spend}: the burn and attribution report of live spend. */
@Command(name = "spend", mixinStandardHelpOptions = true,
        description = "Report live spend: burn against budget per team and manifest, forecast, anomalies, "
                + "unattributed spend and coverage, freshness and bad rows. Exit 0 when the report is written.")
final class SpendCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ManifestPaths input;

    @Mixin
    SpendInput spend;

    @Option(names = "--policy", paramLabel = "FILE",
            description = "Policy set: its liveSpend thresholds, tags and cost column, and team budgets "
                    + "(default: .spendgate/policy.yaml when present, else the shipped defaults).")
    Path policy;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Report format: ${COMPLETION-CANDIDATES}.", completionCandidates = SpendCommand.Formats.class)
    String format;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path output;

    @Option(names = "--now", paramLabel = "INSTANT",
            description = "The time to report at, e.g. 2026-11-22T12:00:00Z (default: now). Fixes the clock for reproducible reports.")
    String now;

    @Option(names = {"-C", "--directory"}, paramLabel = "DIR",
            description = "Run as if started in DIR: manifest paths, --policy and a spend file are found from there.")
    Path directory;

    @ParentCommand
    SpendgateCommand root;

    @Override
    public Integer call() throws Exception {
        SpendRenderer renderer = renderer();
        if (!spend.given()) {
            throw new UsageException("--spend: a spend source is required (a FOCUS .csv or .parquet file, a jdbc: URL "
                    + "or an http(s): OpenCost URL)");
        }
        spend.prepare();
        Instant instant = Clock.parse(now);
        Path workDir = directory == null ? Path.of("") : directory;
        Map<String, String> env = root == null ? Map.of() : root.env;
        GateRunner session = GateRunner.prepare(GateConfig.builder().workDir(workDir).policy(policy)
                .toolVersion(Version.VERSION).build());
        List<Manifest> manifests = session.loadManifests(input.paths);
        if (spend.explain) {
            spec.commandLine().getOut().print(spend.open(workDir, env, instant).explain(session.spendQuery(manifests,
                    instant)));
            spec.commandLine().getOut().flush();
            return 0;
        }
        SpendData data = spend.open(workDir, env, instant).read(session.spendQuery(manifests, instant));
        SpendReport report = SpendReport.of(Version.VERSION, session.policy(), manifests, data, instant);
        try (Output.Target target = Output.open(output, spec.commandLine().getOut(), redactor())) {
            renderer.render(report, target.appendable());
        }
        if (output != null) {
            spec.commandLine().getErr().println("spendgate: spend report written to " + output);
        }
        return 0;
    }

    private SpendRenderer renderer() throws UsageException {
        String id = format;
        // in a GitHub Actions step the inputs' default format is the gate's github format, which is
        // not a spend format: a spend report in the log is text unless --format says otherwise
        if (id.equals("github") && root != null && ActionInputs.active(root.env)
                && !spec.commandLine().getParseResult().hasMatchedOption("--format")) {
            id = "text";
        }
        String chosen = id;
        return SpendRenderers.find(chosen).orElseThrow(() -> new UsageException("--format: unknown spend report format '"
                + chosen + "' (choose from " + String.join(", ", SpendRenderers.ids()) + ")"));
    }

    /** The {@code --format} values, from the spend renderer registry. */
    static final class Formats implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return SpendRenderers.ids().iterator();
        }
    }

    private dev.spendgate.input.Redactor redactor() {
        return root == null ? dev.spendgate.input.Redactor.none() : root.redactor;
    }
}
