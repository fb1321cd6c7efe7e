package dev.spendgate.cli;

import dev.spendgate.alert.AlertChannel;
import dev.spendgate.alert.ChannelOptions;
import dev.spendgate.alert.Delivery;
import dev.spendgate.engine.EngineSettings;
import dev.spendgate.error.ExitCodes;
import dev.spendgate.error.InvalidInputException;
import dev.spendgate.error.SpendgateException;
import dev.spendgate.gate.GateReport;
import dev.spendgate.gate.GateRunner;
import dev.spendgate.gate.RunInput;
import dev.spendgate.input.Redactor;
import dev.spendgate.policy.Alerts;
import dev.spendgate.watch.AlertState;
import dev.spendgate.watch.StateFile;
import dev.spendgate.watch.Watch;
import dev.spendgate.watch.WatchChannels;
import dev.spendgate.watch.WatchReports;
import dev.spendgate.watch.WatchResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code spendgate watch}: live spend after the merge, turned into alerts for the teams that can act. */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Judge the manifests against live spend and send what is new, escalated, due again or resolved "
                + "to the channels the policy set's alerts: routes name. Exit 0 when every alert was delivered, 4 when "
                + "one could not be (the next run sends it again).")
final class WatchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ManifestPaths input;

    @Mixin
    InputOptions inputs;

    @Mixin
    SpendInput spendInput;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "drools", completionCandidates = Engines.class,
            description = "Rule engine: drools (embedded, default) or opa (an OPA server, see --opa-url).")
    String engine;

    @Mixin
    OpaOptions opa;

    @Option(names = "--state", paramLabel = "FILE",
            description = "What earlier runs sent (JSON; created when absent, locked while the run lasts, written "
                    + "atomically). Keep it between runs (a CI cache, a Jenkins workspace); without it every run "
                    + "sends every open alert as new.")
    Path state;

    @Option(names = "--state-wait", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait for another watch run that holds the state file (default 60), then exit 4.")
    int stateWait;

    @Option(names = "--dry-run", description = "Print what would be sent, per channel; send nothing, record nothing.")
    boolean dryRun;

    @Option(names = "--run-url", paramLabel = "URL",
            description = "The link to this run in alerts (default: the GitHub Actions run, GitLab job or Jenkins build "
                    + "from the environment).")
    String runUrl;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", completionCandidates = WatchCommand.Formats.class,
            description = "Report format: ${COMPLETION-CANDIDATES}.")
    String format;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path output;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the JSON report to FILE.")
    Path jsonReport;

    @Option(names = {"-C", "--directory"}, paramLabel = "DIR",
            description = "Run as if started in DIR: manifest paths, --policy, --prices, --state and a spend file are found from there.")
    Path directory;

    @Option(names = "--now", paramLabel = "INSTANT",
            description = "The time to judge at, e.g. 2026-11-22T12:00:00Z (default: now). Fixes the clock for reproducible runs.")
    String now;

    @ParentCommand
    SpendgateCommand root;

    /** The {@code --format} values. */
    static final class Formats implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return WatchReports.FORMATS.iterator();
        }
    }

    @Override
    public Integer call() throws Exception {
        if (!WatchReports.FORMATS.contains(format)) {
            throw new UsageException("--format: unknown watch report format '" + format + "' (choose from "
                    + String.join(", ", WatchReports.FORMATS) + ")");
        }
        if (!spendInput.given()) {
            throw new UsageException("--spend: a spend source is required (a FOCUS .csv or .parquet file, a jdbc: URL "
                    + "or an http(s): OpenCost URL)");
        }
        if (stateWait < 0) {
            throw new UsageException("--state-wait: must be 0 or more seconds");
        }
        spendInput.prepare();
        Map<String, String> env = root == null ? Map.of() : root.env;
        Engines.require(engine);
        EngineSettings settings = opa.settings(engine, Map.of(), env);
        Instant instant = Clock.parse(now);
        Path workDir = directory == null ? Path.of("") : directory;
        GateReport report;
        Alerts alerts;
        try (GateRunner runner = GateRunner.prepare(inputs.config(workDir).engine(engine).engineSettings(settings).build())) {
            alerts = runner.policy().alerts();
            report = runner.run(RunInput.builder(instant).paths(input.paths)
                    .spend(spendInput.open(workDir, env, instant)).build());
        }
        Redactor redactor = base().and(Redactor.of(WatchChannels.secrets(alerts, env)));
        PrintWriter out = new PrintWriter(redactor.wrap(spec.commandLine().getOut()), true);
        PrintWriter err = new PrintWriter(redactor.wrap(spec.commandLine().getErr()), true);
        try {
            Map<String, AlertChannel> channels = WatchChannels.open(alerts, env, ChannelOptions.defaults());
            Watch.Settings watch = new Watch.Settings(alerts, instant, runUrl != null ? runUrl : WatchChannels.runUrl(env),
                    dryRun);
            List<Watch.Routed> routed = Watch.alerts(report, watch);
            WatchResult result;
            if (state == null) {
                result = Watch.run(routed, channels, AlertState.empty(), () -> { }, watch);
            } else {
                Path file = workDir.resolve(state);
                try (StateFile f = StateFile.open(file, state.toString(), Duration.ofSeconds(stateWait))) {
                    result = Watch.run(routed, channels, f.state(), f::save, watch);
                }
            }
            write(format, report, result, output, out, redactor);
            if (jsonReport != null) {
                write("json", report, result, jsonReport, out, redactor);
            }
            if (output != null) {
                err.println("spendgate: " + summary(result) + ", report written to " + output);
            }
            if (result.failed()) {
                err.println("spendgate: " + result.count(Delivery.Outcome.FAILED)
                        + " alert deliveries failed; the next run sends them again (exit 4)");
                return ExitCodes.ENGINE_FAILURE;
            }
            return ExitCodes.PASS;
        } catch (InvalidInputException e) {
            throw e;
        } catch (SpendgateException e) {
            // a channel's failure may quote a server; the outer redactor does not know the channels' secrets
            throw new SpendgateException(e.code(), redactor.redact(e.getMessage()), e.location().orElse(null), null);
        }
    }

    private static String summary(WatchResult r) {
        return r.alerts().size() + (r.alerts().size() == 1 ? " alert" : " alerts") + " open, "
                + (r.dryRun() ? "dry run" : r.count(Delivery.Outcome.DELIVERED) + " delivered, "
                + r.count(Delivery.Outcome.FAILED) + " failed");
    }

    private static void write(String format, GateReport report, WatchResult result, Path file, PrintWriter out,
                              Redactor redactor) throws java.io.IOException {
        try (Output.Target target = Output.open(file, out, redactor)) {
            WatchReports.render(format, report, result, target.appendable());
        }
    }

    private Redactor base() {
        return root == null ? Redactor.none() : root.redactor;
    }
}
