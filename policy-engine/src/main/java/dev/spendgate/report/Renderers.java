package dev.spendgate.report;

import dev.spendgate.registry.Registry;

import java.util.List;
import java.util.Optional;

/** The registry of report formats, found with {@link java.util.ServiceLoader} (see {@link Registry}). */
public final class Renderers {

    private static final Registry<Renderer> REGISTRY = Registry.of(Renderer.class, Renderer::id);

    private Renderers() {
    }

    /** Every format, by id. */
    public static List<Renderer> all() {
        return REGISTRY.all();
    }

    public static Optional<Renderer> find(String id) {
        return REGISTRY.find(id);
    }

    /** The ids users may pass to {@code --format}, sorted. */
    public static List<String> ids() {
        return REGISTRY.ids();
    }
}
