package dev.spendgate.registry;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The implementations of one service interface, found with {@link ServiceLoader} and each known by
 * an id (a report format, an engine, a spend source).
 *
 * <p>Contract:
 * <ul>
 *   <li><b>Lazy, once.</b> Creating a registry loads nothing. The first call of {@link #all},
 *       {@link #find} or {@link #ids} loads every provider of the service from the class loader
 *       that defined the service interface; later calls return the same instances. A registry is
 *       meant to be held in a {@code static final} field, so a process loads each service once.</li>
 *   <li><b>Thread-safe.</b> Any method may be called from any thread; concurrent first calls load
 *       the providers once. The instances are shared by every caller for the life of the
 *       registry, so implementations must be stateless or thread-safe themselves.</li>
 *   <li><b>Sorted, unique ids.</b> {@link #all} and {@link #ids} are in the order of the ids
 *       ({@link String#compareTo}). Two providers with the same id, or a provider whose id is null,
 *       are a packaging error: the first call fails with an {@link IllegalStateException} that
 *       names them (a class named twice in {@code META-INF/services} files is one provider).</li>
 *   <li><b>Fail fast.</b> A provider that cannot be loaded or created fails the first call with
 *       the {@link java.util.ServiceConfigurationError} of {@link ServiceLoader}; the next call
 *       tries again.</li>
 * </ul>
 *
 * @param <T> the service interface
 */
public final class Registry<T> {

    private final Class<T> service;
    private final Function<? super T, String> id;
    private volatile Loaded<T> loaded;

    private Registry(Class<T> service, Function<? super T, String> id) {
        this.service = service;
        this.id = id;
    }

    /**
     * The registry of {@code service}'s providers, each known by {@code id}; loads nothing yet.
     *
     * @param id the provider's id, e.g. {@code Renderer::id}; called once per provider, on loading
     */
    public static <T> Registry<T> of(Class<T> service, Function<? super T, String> id) {
        Objects.requireNonNull(service, "service == null");
        Objects.requireNonNull(id, "id == null");
        return new Registry<>(service, id);
    }

    /** Every provider, in the order of their ids; unmodifiable. */
    public List<T> all() {
        return loaded().all;
    }

    /** The provider with id {@code id}; empty when there is none, or {@code id} is null. */
    public Optional<T> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(loaded().byId.get(id));
    }

    /** Every id, sorted; unmodifiable. */
    public List<String> ids() {
        return loaded().ids;
    }

    @Override
    public String toString() {
        return "Registry[" + service.getName() + "]";
    }

    private Loaded<T> loaded() {
        Loaded<T> l = loaded;
        if (l == null) {
            synchronized (this) {
                l = loaded;
                if (l == null) {
                    l = load();
                    loaded = l;
                }
            }
        }
        return l;
    }

    private Loaded<T> load() {
        Map<String, T> byId = new TreeMap<>();
        for (T provider : ServiceLoader.load(service, service.getClassLoader())) {
            String key = id.apply(provider);
            if (key == null) {
                throw new IllegalStateException(service.getName() + ": " + provider.getClass().getName()
                        + " has no id");
            }
            T taken = byId.putIfAbsent(key, provider);
            if (taken != null) {
                throw new IllegalStateException(service.getName() + ": id '" + key + "' is taken twice, by "
                        + taken.getClass().getName() + " and " + provider.getClass().getName());
            }
        }
        return new Loaded<>(List.copyOf(byId.values()), Map.copyOf(byId), List.copyOf(byId.keySet()));
    }

    private record Loaded<T>(List<T> all, Map<String, T> byId, List<String> ids) {
    }
}
