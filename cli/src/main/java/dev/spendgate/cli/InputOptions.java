package dev.spendgate.cli;

import dev.spendgate.gate.GateSession;
import dev.spendgate.gate.InvalidInputException;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where policy and prices come from; shared by every command that loads them. */
final class InputOptions {

    static final Path DEFAULT_POLICY = Path.of(".spendgate", "policy.yaml");

    @Option(names = "--policy", paramLabel = "FILE",
            description = "Policy set (default: .spendgate/policy.yaml when present, else the shipped defaults).")
    Path policy;

    @Option(names = "--prices", paramLabel = "FILE",
            description = "Price catalog merged over the shipped one.")
    Path prices;

    GateSession open() throws InvalidInputException {
        Path p = policy;
        if (p == null && Files.isRegularFile(DEFAULT_POLICY)) {
            p = DEFAULT_POLICY;
        }
        return GateSession.open(new GateSession.Config(p, prices, Version.VERSION));
    }
}
