package dev.spendgate.spend;

/**
 * Opens one kind of spend source; found with {@link java.util.ServiceLoader}. Providers must be
 * cheap to load: heavy classes (a database driver) are touched only once a source is read, so the
 * gate's cold start does not pay for sources it does not use. One instance serves every run of the
 * process ({@link dev.spendgate.registry.Registry}), so providers are stateless.
 */
public interface SpendSourceProvider {

    /** A short id: {@code file}, {@code jdbc}, {@code opencost}. */
    String id();

    /**
     * True when {@code spec} (what follows {@code --spend}) is for this provider. No two providers
     * accept the same spec; should two, the one first by id would read it.
     */
    boolean accepts(String spec);

    /**
     * Called as a run starts, before the manifests and the policy are loaded, for the provider that
     * will read {@code spec}: a provider may start, in the background, the slow part of getting
     * ready (loading a native library). It must not fail or read the source; errors are for
     * {@link SpendSource#read}.
     */
    default void prepare(String spec) {
    }

    /** A source for {@code spec}; reads nothing yet. */
    SpendSource open(String spec, SpendOptions options) throws SpendException;
}
