package dev.spendgate.cli;

import dev.spendgate.cost.PriceSource;
import dev.spendgate.error.SpendgateException;
import dev.spendgate.gate.GateConfig;
import dev.spendgate.gate.GateRunner;
import dev.spendgate.input.UserCache;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Where policy and prices come from; shared by every command that loads them. */
final class InputOptions {

    @Option(names = "--policy", paramLabel = "FILE",
            description = "Policy set (default: .spendgate/policy.yaml when present, else the shipped defaults).")
    Path policy;

    @Option(names = "--prices", paramLabel = "FILE|URL", split = "\\R", splitSynopsisLabel = "",
            converter = SourceConverter.class,
            description = "Prices laid over the shipped catalog; repeatable, a later file wins. A .json file is "
                    + "read as LiteLLM's model_prices_and_context_window.json, .yaml/.yml as a spendgate PriceCatalog; "
                    + "an http(s) URL is fetched into the user cache and revalidated once a run.")
    List<PriceSource> prices = new ArrayList<>();

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** The gate's configuration from these options, relative paths resolved against {@code workDir}. */
    GateConfig.Builder config(Path workDir) {
        return GateConfig.builder().workDir(workDir).policy(policy).priceSources(prices)
                .priceCache(UserCache.folder(env(), "prices")).toolVersion(Version.VERSION);
    }

    /** The environment of the command line (a test's, in-process), else the process's. */
    private Map<String, String> env() {
        Object root = mixee == null ? null : mixee.root().userObject();
        return root instanceof SpendgateCommand command ? command.env : System.getenv();
    }

    /** A path, or an http(s) URL. */
    static final class SourceConverter implements ITypeConverter<PriceSource> {
        @Override
        public PriceSource convert(String value) {
            try {
                return PriceSource.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is neither a file nor an http(s) URL: " + e.getMessage());
            }
        }
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
