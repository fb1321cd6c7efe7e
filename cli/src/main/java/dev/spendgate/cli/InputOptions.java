package dev.spendgate.cli;

import dev.spendgate.error.InvalidInputException;
import dev.spendgate.gate.GateSession;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where policy and prices come from; shared by every command that loads them. */
final class InputOptions {

    static final Path DEFAULT_POLICY = Path.of(".spendgate", "policy.yaml");

    @Option(names = "--policy", paramLabel = "FILE",
            description = "Policy set (default: .spendgate/policy.yaml when present, else the shipped defaults).")
    Path policy;

    @Option(names = "--prices", paramLabel = "FILE", split = "\\R", splitSynopsisLabel = "",
            description = "Prices laid over the shipped catalog; repeatable, a later file wins. A .json file is "
                    + "read as LiteLLM's model_prices_and_context_window.json, .yaml/.yml as a spendgate PriceCatalog.")
    List<Path> prices = new ArrayList<>();

    GateSession open() throws InvalidInputException {
        return open(Path.of(""));
    }

    /** The session with relative paths resolved against {@code workDir}. */
    GateSession open(Path workDir) throws InvalidInputException {
        return GateSession.open(new GateSession.Config(policyFile(policy, workDir), prices, Version.VERSION, workDir));
    }

    /** {@code given}, else {@code .spendgate/policy.yaml} when present, else null (the shipped defaults). */
    static Path policyFile(Path given) {
        return policyFile(given, Path.of(""));
    }

    /** {@link #policyFile(Path)} in {@code workDir}. */
    static Path policyFile(Path given, Path workDir) {
        if (given == null && Files.isRegularFile(workDir.resolve(DEFAULT_POLICY))) {
            return DEFAULT_POLICY;
        }
        return given;
    }
}
