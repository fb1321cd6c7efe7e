package dev.spendgate.report.spend;

import dev.spendgate.registry.Registry;

import java.util.List;
import java.util.Optional;

/** The registry of spend report formats, found with {@link java.util.ServiceLoader} (see {@link Registry}). */
public final class SpendRenderers {

    private static final Registry<SpendRenderer> REGISTRY = Registry.of(SpendRenderer.class, SpendRenderer::id);

    private SpendRenderers() {
    }

    /** Every format, by id. */
    public static List<SpendRenderer> all() {
        return REGISTRY.all();
    }

    public static Optional<SpendRenderer> find(String id) {
        return REGISTRY.find(id);
    }

    /** The ids users may pass to {@code spendgate spend --format}, sorted. */
    public static List<String> ids() {
        return REGISTRY.ids();
    }
}
