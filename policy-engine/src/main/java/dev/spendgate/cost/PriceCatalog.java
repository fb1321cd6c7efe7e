package dev.spendgate.cost;

import dev.spendgate.error.InvalidInputException;
import dev.spendgate.manifest.ModelTier;
import dev.spendgate.yaml.DidYouMean;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Prices of LLMs (USD per million tokens, with each model's tier) and GPUs (USD per GPU-hour by
 * capacity). Immutable and safe to share between threads.
 *
 * <p>Model names are looked up exactly as written in manifests ({@code spec.models[].name});
 * GPU types ignoring case ({@code h100} finds {@code H100}).
 *
 * <p>A catalog can be laid over another with {@link #overlay}: an entry of the upper catalog
 * replaces the entry of the same name below <em>as a whole</em> (not field by field, so a user's
 * entry always says everything about its price and never mixes with a shipped one it did not
 * see); entries only in either are kept. The one exception is a model's tier, which a LiteLLM file
 * does not give: an upper entry without a tier keeps the tier of the entry below, if any. The
 * result remembers every {@link CatalogOrigin}, and which one each price came from.
 */
public final class PriceCatalog {

    /** The only currency catalogs are in, for now. */
    public static final String CURRENCY = "USD";

    static final String SHIPPED_RESOURCE = "/dev/spendgate/cost/prices.yaml";
    static final String SHIPPED_DISPLAY = "classpath:dev/spendgate/cost/prices.yaml";

    private final List<CatalogOrigin> origins;
    private final Map<String, ModelPrice> models;
    private final Map<String, GpuPrice> gpus;
    private final Map<String, GpuPrice> gpusIgnoringCase;
    /** By model name and GPU type: the file each price came from. */
    private final Map<String, CatalogOrigin> modelOrigins;
    private final Map<String, CatalogOrigin> gpuOrigins;

    private PriceCatalog(List<CatalogOrigin> origins, Map<String, ModelPrice> models, Map<String, GpuPrice> gpus,
                         Map<String, CatalogOrigin> modelOrigins, Map<String, CatalogOrigin> gpuOrigins) {
        this.origins = List.copyOf(origins);
        this.models = Collections.unmodifiableMap(new TreeMap<>(models));
        this.gpus = Collections.unmodifiableMap(new TreeMap<>(gpus));
        this.modelOrigins = Map.copyOf(modelOrigins);
        this.gpuOrigins = Map.copyOf(gpuOrigins);
        Map<String, GpuPrice> folded = new LinkedHashMap<>();
        for (GpuPrice g : this.gpus.values()) {
            GpuPrice previous = folded.put(fold(g.type()), g);
            if (previous != null) {
                throw new IllegalArgumentException("GPU types differ only in case: " + previous.type() + ", " + g.type());
            }
        }
        this.gpusIgnoringCase = folded;
    }

    /** A catalog of one file's entries. */
    public static PriceCatalog of(CatalogOrigin origin, Collection<ModelPrice> models, Collection<GpuPrice> gpus) {
        Objects.requireNonNull(origin, "origin == null");
        Map<String, ModelPrice> m = new TreeMap<>();
        for (ModelPrice p : models) {
            if (m.put(p.name(), p) != null) {
                throw new IllegalArgumentException("duplicate model " + p.name());
            }
        }
        Map<String, GpuPrice> g = new TreeMap<>();
        for (GpuPrice p : gpus) {
            if (g.put(p.type(), p) != null) {
                throw new IllegalArgumentException("duplicate GPU type " + p.type());
            }
        }
        Map<String, CatalogOrigin> mo = new TreeMap<>();
        m.keySet().forEach(name -> mo.put(name, origin));
        Map<String, CatalogOrigin> go = new TreeMap<>();
        g.keySet().forEach(type -> go.put(type, origin));
        return new PriceCatalog(List.of(origin), m, g, mo, go);
    }

    /** The catalog that ships with spendgate, read once per JVM. */
    public static PriceCatalog shipped() {
        return Shipped.CATALOG;
    }

    /** Loaded on first use only: the holder idiom makes it lazy and thread-safe without locks. */
    private static final class Shipped {
        static final PriceCatalog CATALOG = load();

        private static PriceCatalog load() {
            byte[] bytes;
            try (InputStream in = PriceCatalog.class.getResourceAsStream(SHIPPED_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("shipped price catalog missing: " + SHIPPED_RESOURCE);
                }
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                return new PriceCatalogLoader().load(SHIPPED_DISPLAY, bytes);
            } catch (InvalidInputException e) {
                throw new IllegalStateException("shipped price catalog is invalid: " + e.problems(), e);
            }
        }
    }

    /**
     * This catalog with {@code upper} laid over it: {@code upper}'s models and GPU types replace
     * those of the same name here as a whole (GPU types compared ignoring case, keeping
     * {@code upper}'s spelling), and are added when new. An upper model without a tier keeps the
     * tier it has here.
     */
    public PriceCatalog overlay(PriceCatalog upper) {
        Objects.requireNonNull(upper, "upper == null");
        Map<String, ModelPrice> m = new TreeMap<>(models);
        Map<String, CatalogOrigin> mo = new TreeMap<>(modelOrigins);
        for (ModelPrice p : upper.models.values()) {
            ModelPrice below = models.get(p.name());
            m.put(p.name(), p.tier() == null && below != null ? p.withTier(below.tier()) : p);
            mo.put(p.name(), upper.modelOrigins.get(p.name()));
        }
        Map<String, GpuPrice> g = new TreeMap<>();
        Map<String, CatalogOrigin> go = new TreeMap<>();
        for (GpuPrice p : gpus.values()) {
            if (!upper.gpusIgnoringCase.containsKey(fold(p.type()))) {
                g.put(p.type(), p);
                go.put(p.type(), gpuOrigins.get(p.type()));
            }
        }
        g.putAll(upper.gpus);
        go.putAll(upper.gpuOrigins);
        List<CatalogOrigin> o = new ArrayList<>(origins);
        o.addAll(upper.origins);
        return new PriceCatalog(o, m, g, mo, go);
    }

    /** The price of the model named exactly {@code name}. */
    public Optional<ModelPrice> model(String name) {
        return Optional.ofNullable(name == null ? null : models.get(name));
    }

    /** The price of GPU type {@code type}, ignoring case. */
    public Optional<GpuPrice> gpu(String type) {
        return Optional.ofNullable(type == null ? null : gpusIgnoringCase.get(fold(type)));
    }

    /**
     * The catalog's tier of the model named exactly {@code modelName} (rule SG-MOD-002); empty when
     * the catalog does not know the model, or knows its price but not its tier.
     */
    public Optional<ModelTier> tierOf(String modelName) {
        return model(modelName).map(ModelPrice::tier);
    }

    /** The file the price of the model named exactly {@code name} came from. */
    public Optional<CatalogOrigin> modelOrigin(String name) {
        return Optional.ofNullable(name == null ? null : modelOrigins.get(name));
    }

    /** The file the price of GPU type {@code type} (ignoring case) came from. */
    public Optional<CatalogOrigin> gpuOrigin(String type) {
        return gpu(type).map(g -> gpuOrigins.get(g.type()));
    }

    /** The closest model name to a misspelt one, for did-you-mean hints. */
    public Optional<String> closestModel(String name) {
        return DidYouMean.suggest(name, models.keySet());
    }

    /** The closest GPU type to a misspelt one, for did-you-mean hints. */
    public Optional<String> closestGpu(String type) {
        return DidYouMean.suggest(type, gpus.keySet());
    }

    /** Every model, by name in sorted order. */
    public Map<String, ModelPrice> models() {
        return models;
    }

    /** Every GPU type, by type in sorted order. */
    public Map<String, GpuPrice> gpus() {
        return gpus;
    }

    /** The files this catalog was made of, lowest first (the shipped catalog, then a user's). */
    public List<CatalogOrigin> origins() {
        return origins;
    }

    /**
     * The date of the prices: {@code 2026-11-01} for one dated file; for an overlay of several
     * dated files, every file's date and name, lowest first:
     * {@code 2026-11-01 spendgate-default + 2026-12-05 acme-prices}. Files without a date (LiteLLM
     * files) are left out here and named in {@link #sources()}; {@code undated} when no file has one.
     */
    public String asOf() {
        List<CatalogOrigin> dated = origins.stream().filter(o -> o.asOf() != null).toList();
        if (dated.isEmpty()) {
            return "undated";
        }
        if (dated.size() == 1) {
            return dated.get(0).asOf().toString();
        }
        return dated.stream().map(o -> o.asOf() + " " + o.name()).collect(Collectors.joining(" + "));
    }

    /**
     * The files whose prices this catalog still uses, lowest first: those that price at least one
     * model or GPU type, not those every entry of which a later file replaced.
     */
    public List<CatalogOrigin> originsInUse() {
        java.util.Set<CatalogOrigin> used = new java.util.HashSet<>(modelOrigins.values());
        used.addAll(gpuOrigins.values());
        return origins.stream().filter(used::contains).toList();
    }

    /** Where the prices come from, of every file, lowest first, without repeats. */
    public List<String> sources() {
        return origins.stream().flatMap(o -> o.sources().stream()).distinct().toList();
    }

    public String currency() {
        return CURRENCY;
    }

    @Override
    public String toString() {
        return "PriceCatalog[" + asOf() + ", " + models.size() + " models, " + gpus.size() + " GPU types]";
    }

    private static String fold(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
