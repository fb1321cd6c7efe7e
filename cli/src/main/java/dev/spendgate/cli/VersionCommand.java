package dev.spendgate.cli;

import dev.spendgate.cost.CatalogOrigin;
import dev.spendgate.cost.PriceCatalog;
import dev.spendgate.error.SpendgateException;
import dev.spendgate.gate.GateRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code spendgate version}: the tool, runtime and price catalog versions; with {@code --prices},
 * every price file of the effective catalog with its date.
 */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print version information: the tool, "
        + "the JVM, and the price catalog with its date (with --prices, every price file laid over it).")
final class VersionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions inputs;

    @Override
    public Integer call() throws SpendgateException {
        var out = spec.commandLine().getOut();
        out.println("spendgate " + Version.VERSION);
        out.println("java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        PriceCatalog catalog;
        if (inputs.prices.isEmpty()) {
            catalog = PriceCatalog.shipped();
        } else {
            try (GateRunner session = inputs.open()) {
                catalog = session.catalog();
            }
        }
        out.println("price catalog as of " + catalog.asOf());
        for (CatalogOrigin o : catalog.origins()) {
            out.println("  " + o.file() + " (" + o.describe() + ")");
        }
        return 0;
    }
}
