package dev.spendgate.engine;

import dev.spendgate.registry.Registry;

import java.util.List;
import java.util.Optional;

/** The registry of rule engines, found with {@link java.util.ServiceLoader} (see {@link Registry}). */
public final class PolicyEngines {

    private static final Registry<PolicyEngine> REGISTRY = Registry.of(PolicyEngine.class, PolicyEngine::id);

    private PolicyEngines() {
    }

    /** Every engine, by id. */
    public static List<PolicyEngine> all() {
        return REGISTRY.all();
    }

    public static Optional<PolicyEngine> find(String id) {
        return REGISTRY.find(id);
    }

    /** The ids users may pass to {@code --engine}, sorted. */
    public static List<String> ids() {
        return REGISTRY.ids();
    }
}
