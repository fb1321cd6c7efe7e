package dev.spendgate.cli;

import picocli.CommandLine.Command;

/** {@code spendgate}: the policy-as-code gate for AI spend. */
@Command(name = "spendgate",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Policy-as-code gate for AI spend: checks AI workload manifests against cost policies.",
        subcommands = {
                CheckCommand.class,
                ValidateCommand.class,
                EstimateCommand.class,
                ExplainCommand.class,
                RulesCommand.class,
                TestCommand.class,
                SchemaCommand.class,
                VersionCommand.class,
        },
        footerHeading = "%nExit codes:%n",
        footer = {
                "  0  pass (warnings allowed unless --fail-on warn)",
                "  1  at least one blocking finding",
                "  2  usage error",
                "  3  invalid input (manifest, policy set, waiver, price catalog or pack)",
                "  4  engine or data-source failure",
        })
final class SpendgateCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }
}
