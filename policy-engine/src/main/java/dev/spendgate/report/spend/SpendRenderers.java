package dev.spendgate.report.spend;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** The registry of spend report formats, found with {@link ServiceLoader}. */
public final class SpendRenderers {

    private static volatile List<SpendRenderer> all;

    private SpendRenderers() {
    }

    /** Every format, by id. */
    public static List<SpendRenderer> all() {
        List<SpendRenderer> list = all;
        if (list == null) {
            list = ServiceLoader.load(SpendRenderer.class, SpendRenderer.class.getClassLoader()).stream()
                    .map(ServiceLoader.Provider::get)
                    .sorted(Comparator.comparing(SpendRenderer::id))
                    .toList();
            all = list;
        }
        return list;
    }

    public static Optional<SpendRenderer> find(String id) {
        return all().stream().filter(r -> r.id().equals(id)).findFirst();
    }

    public static List<String> ids() {
        return all().stream().map(SpendRenderer::id).toList();
    }
}
