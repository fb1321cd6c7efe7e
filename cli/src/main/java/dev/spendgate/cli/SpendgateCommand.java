package dev.spendgate.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import picocli.CommandLine.Command;

/** {@code spendgate}: the policy-as-code gate for AI spend. */
@Command(name = "spendgate",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Policy-as-code gate for AI spend: checks AI workload manifests against cost policies.",
        footerHeading = "%nExit codes:%n",
        footer = {
                "  0  pass (warnings allowed unless --fail-on warn)",
                "  1  at least one blocking finding",
                "  2  usage error",
                "  3  invalid input (manifest, policy set, waiver, price catalog or pack)",
                "  4  engine or data-source failure",
        })
final class SpendgateCommand implements Runnable {

    /**
     * The subcommands, by name. They are added to the command line only when needed (see
     * {@link Cli#commandLine}): building picocli's model of every command costs more start-up time
     * than the gate's own work on one manifest.
     */
    static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("check", CheckCommand::new);
        m.put("validate", ValidateCommand::new);
        m.put("estimate", EstimateCommand::new);
        m.put("explain", ExplainCommand::new);
        m.put("rules", RulesCommand::new);
        m.put("test", TestCommand::new);
        m.put("spend", SpendCommand::new);
        m.put("watch", WatchCommand::new);
        m.put("packs", PacksCommand::new);
        m.put("docs", DocsCommand::new);
        m.put("schema", SchemaCommand::new);
        m.put("init", InitCommand::new);
        m.put("completion", CompletionCommand::new);
        m.put("version", VersionCommand::new);
        return java.util.Collections.unmodifiableMap(m);
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** The process environment (tests give their own), for integrations such as GitHub Actions. */
    final Map<String, String> env;

    /** Hides every secret the run knows in what it writes. */
    final dev.spendgate.input.Redactor redactor;

    /** Standard output as given, before the redactor: for GitHub's {@code ::add-mask::} commands only. */
    final java.io.PrintWriter rawOut;

    SpendgateCommand(Map<String, String> env, dev.spendgate.input.Redactor redactor, java.io.PrintWriter rawOut) {
        this.env = Map.copyOf(env);
        this.redactor = redactor;
        this.rawOut = rawOut;
    }

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }
}
