package dev.spendgate.spend;

import dev.spendgate.registry.Registry;

import java.util.List;

/**
 * Picks the spend source for a {@code --spend} value: a {@code jdbc:} URL is a warehouse table, an
 * {@code http(s):} URL an OpenCost allocation API, anything else a FOCUS file (CSV or Parquet).
 */
public final class SpendSources {

    private static final Registry<SpendSourceProvider> REGISTRY =
            Registry.of(SpendSourceProvider.class, SpendSourceProvider::id);

    private SpendSources() {
    }

    /** The registered providers (see {@link Registry}), by id. */
    public static List<SpendSourceProvider> providers() {
        return REGISTRY.all();
    }

    /**
     * Lets the provider for {@code spec} get ready in the background while the run loads its
     * manifests and policy (see {@link SpendSourceProvider#prepare}); does nothing for a value no
     * provider accepts, which {@link #open} then reports.
     */
    public static void prepare(String spec) {
        if (spec == null || spec.isBlank()) {
            return;
        }
        for (SpendSourceProvider p : providers()) {
            if (p.accepts(spec)) {
                p.prepare(spec);
                return;
            }
        }
    }

    /**
     * The source for {@code spec}.
     *
     * @throws SpendException when no provider accepts it, or the provider cannot open it
     */
    public static SpendSource open(String spec, SpendOptions options) throws SpendException {
        if (spec == null || spec.isBlank()) {
            throw new SpendException("spend_unreadable", "--spend: empty source");
        }
        for (SpendSourceProvider p : providers()) {
            if (p.accepts(spec)) {
                return p.open(spec, options);
            }
        }
        throw new SpendException("spend_unreadable", spec + ": not a spend source spendgate can read "
                + "(a FOCUS .csv, .csv.gz or .parquet file, a jdbc: URL, or an http(s): OpenCost URL)");
    }
}
