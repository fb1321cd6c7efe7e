package dev.spendgate.report.estimate;

import dev.spendgate.registry.Registry;

import java.util.List;
import java.util.Optional;

/** The registry of estimate formats, found with {@link java.util.ServiceLoader} (see {@link Registry}). */
public final class EstimateRenderers {

    private static final Registry<EstimateRenderer> REGISTRY = Registry.of(EstimateRenderer.class, EstimateRenderer::id);

    private EstimateRenderers() {
    }

    /** Every format, by id. */
    public static List<EstimateRenderer> all() {
        return REGISTRY.all();
    }

    public static Optional<EstimateRenderer> find(String id) {
        return REGISTRY.find(id);
    }

    /** The ids users may pass to {@code spendgate estimate --format}, sorted. */
    public static List<String> ids() {
        return REGISTRY.ids();
    }
}
