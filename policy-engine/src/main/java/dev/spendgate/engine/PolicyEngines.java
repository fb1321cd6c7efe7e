package dev.spendgate.engine;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** The registry of rule engines, found with {@link ServiceLoader}. */
public final class PolicyEngines {

    private static volatile List<PolicyEngine> all;

    private PolicyEngines() {
    }

    public static List<PolicyEngine> all() {
        List<PolicyEngine> list = all;
        if (list == null) {
            list = ServiceLoader.load(PolicyEngine.class, PolicyEngine.class.getClassLoader()).stream()
                    .map(ServiceLoader.Provider::get)
                    .sorted(Comparator.comparing(PolicyEngine::id))
                    .toList();
            all = list;
        }
        return list;
    }

    public static Optional<PolicyEngine> find(String id) {
        return all().stream().filter(e -> e.id().equals(id)).findFirst();
    }

    public static List<String> ids() {
        return all().stream().map(PolicyEngine::id).toList();
    }
}
