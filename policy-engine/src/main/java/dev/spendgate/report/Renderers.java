package dev.spendgate.report;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** The registry of report formats, found with {@link ServiceLoader}. */
public final class Renderers {

    private static volatile List<Renderer> all;

    private Renderers() {
    }

    public static List<Renderer> all() {
        List<Renderer> list = all;
        if (list == null) {
            list = ServiceLoader.load(Renderer.class, Renderer.class.getClassLoader()).stream()
                    .map(ServiceLoader.Provider::get)
                    .sorted(java.util.Comparator.comparing(Renderer::id))
                    .collect(Collectors.toUnmodifiableList());
            all = list;
        }
        return list;
    }

    public static Optional<Renderer> find(String id) {
        return all().stream().filter(r -> r.id().equals(id)).findFirst();
    }

    public static List<String> ids() {
        return all().stream().map(Renderer::id).toList();
    }
}
