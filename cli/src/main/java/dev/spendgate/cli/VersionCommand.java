package dev.spendgate.cli;

import dev.spendgate.gate.GateRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code spendgate version}: the tool, runtime and price catalog versions. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print version information.")
final class VersionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        out.println("spendgate " + Version.VERSION);
        out.println("java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        out.println("price catalog as of " + GateRunner.shippedCatalogAsOf());
        return 0;
    }
}
