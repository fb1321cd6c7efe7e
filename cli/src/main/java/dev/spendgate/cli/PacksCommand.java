package dev.spendgate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code spendgate packs}: what is done with rule packs as a whole. */
@Command(name = "packs", mixinStandardHelpOptions = true,
        description = "Work with the policy set's rule packs.",
        subcommands = PacksBundleCommand.class)
final class PacksCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a packs command is required: bundle");
    }
}
