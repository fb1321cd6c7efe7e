package dev.spendgate.cli;

import dev.spendgate.error.SpendgateException;
import dev.spendgate.gate.GateConfig;
import dev.spendgate.gate.GateRunner;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where policy and prices come from; shared by every command that loads them. */
final class InputOptions {

    @Option(names = "--policy", paramLabel = "FILE",
            description = "Policy set (default: .spendgate/policy.yaml when present, else the shipped defaults).")
    Path policy;

    @Option(names = "--prices", paramLabel = "FILE", split = "\\R", splitSynopsisLabel = "",
            description = "Prices laid over the shipped catalog; repeatable, a later file wins. A .json file is "
                    + "read as LiteLLM's model_prices_and_context_window.json, .yaml/.yml as a spendgate PriceCatalog.")
    List<Path> prices = new ArrayList<>();

    /** The gate's configuration from these options, relative paths resolved against {@code workDir}. */
    GateConfig.Builder config(Path workDir) {
        return GateConfig.builder().workDir(workDir).policy(policy).prices(prices).toolVersion(Version.VERSION);
    }

    /** A runner over the work tree's policy and prices in the working directory, for commands that evaluate nothing. */
    GateRunner open() throws SpendgateException {
        return open(Path.of(""));
    }

    /** {@link #open()} in {@code workDir}. */
    GateRunner open(Path workDir) throws SpendgateException {
        return GateRunner.prepare(config(workDir).build());
    }
}
