package dev.spendgate.cost;

import dev.spendgate.error.InvalidInputException;
import dev.spendgate.input.Problem;
import dev.spendgate.input.SourceLocation;
import dev.spendgate.manifest.ModelTier;
import dev.spendgate.yaml.DidYouMean;
import dev.spendgate.yaml.YamlDocument;
import dev.spendgate.yaml.YamlFile;
import dev.spendgate.yaml.YamlNode;
import dev.spendgate.yaml.YamlReader;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a price catalog file ({@code kind: PriceCatalog}), the shipped one or a user's, and checks
 * it: every problem is collected, each with file, line and column, and thrown together as an
 * {@link InvalidInputException} (exit code 3).
 *
 * <pre>
 * apiVersion: spendgate.dev/v1
 * kind: PriceCatalog
 * metadata: {name: acme-prices, version: "3"}      # name required
 * asOf: 2026-12-05                                 # required, YYYY-MM-DD
 * currency: USD                                    # optional; only USD is supported
 * sources: [negotiated Azure OpenAI rates]         # optional
 * models:                                          # optional; USD per million tokens
 *   gpt-4o: {provider: azure, tier: frontier, input: 2.20, output: 8.80, cachedInput: 1.10,
 *            cacheWrite: 2.75, batch: {input: 1.10, output: 4.40}}
 *   acme-embed: {provider: acme, tier: small, mode: embedding, input: 0.02}
 *   acme-rerank: {provider: acme, tier: small, mode: rerank, perQuery: 0.002}
 * gpus:                                            # optional; USD per GPU-hour
 *   H100: {onDemand: 6.10, spot: 2.40, reserved: 3.90}
 * </pre>
 *
 * In a model, {@code provider} and {@code tier} are required; {@code mode} is {@code text} (the
 * default: {@code input} and {@code output} required), {@code embedding} ({@code input} required,
 * output not priced) or {@code rerank} ({@code perQuery}, USD per query, or {@code input});
 * {@code cachedInput}, {@code cacheWrite} and {@code batch} (the batch tier's {@code input},
 * {@code output}, {@code cachedInput}, {@code cacheWrite}) are optional; a GPU needs all three rates. Prices are numbers ≥ 0 within
 * plausible bounds (a token price between 0 and 0.001 USD/M is taken for a per-token price by
 * mistake; see {@link #MAX_TOKEN_PRICE}, {@link #MAX_GPU_PRICE}). A user file may hold any
 * subset of models and GPUs; {@link #loadOverShipped} lays it over the shipped catalog.
 */
public final class PriceCatalogLoader {

    public static final String API_VERSION = "spendgate.dev/v1";
    public static final String KIND = "PriceCatalog";
    /** Above this many USD per million tokens a price is taken for a mistake. */
    public static final BigDecimal MAX_TOKEN_PRICE = new BigDecimal("1000");
    /** Below this many USD per million tokens (and above 0) a price is taken for a per-token price. */
    public static final BigDecimal MIN_TOKEN_PRICE = new BigDecimal("0.001");
    /** Above this many USD per GPU-hour a price is taken for an instance price or a mistake. */
    public static final BigDecimal MAX_GPU_PRICE = new BigDecimal("500");

    private static final List<String> TOP_KEYS =
            List.of("apiVersion", "kind", "metadata", "asOf", "currency", "sources", "models", "gpus");
    private static final List<String> METADATA_KEYS = List.of("name", "version", "description");
    private static final List<String> MODEL_KEYS = List.of("provider", "tier", "mode", "input", "output", "cachedInput",
            "cacheWrite", "perQuery", "batch");
    private static final List<String> BATCH_KEYS = List.of("input", "output", "cachedInput", "cacheWrite");
    private static final List<String> MODES = Arrays.stream(ModelPrice.Mode.values()).map(ModelPrice.Mode::wireName)
            .toList();
    /** Above this many USD per query (a search unit) a price is taken for a mistake. */
    public static final BigDecimal MAX_QUERY_PRICE = new BigDecimal("10");
    private static final List<String> GPU_KEYS = List.of("onDemand", "spot", "reserved");
    private static final List<String> TIERS = Arrays.stream(ModelTier.values()).map(Enum::name).toList();

    private final YamlReader reader;

    public PriceCatalogLoader() {
        this(new YamlReader());
    }

    public PriceCatalogLoader(YamlReader reader) {
        this.reader = Objects.requireNonNull(reader, "reader == null");
    }

    /** Reads the catalog in {@code file}, naming it {@code display} in messages. */
    public PriceCatalog load(Path file, String display) throws InvalidInputException {
        return parse(reader.read(file, display));
    }

    /** Reads a catalog given as bytes (UTF-8 YAML). */
    public PriceCatalog load(String display, byte[] bytes) throws InvalidInputException {
        return parse(reader.read(display, bytes));
    }

    /** The shipped catalog with the catalog in {@code file} laid over it ({@link PriceCatalog#overlay}). */
    public PriceCatalog loadOverShipped(Path file, String display) throws InvalidInputException {
        return PriceCatalog.shipped().overlay(load(file, display));
    }

    private static PriceCatalog parse(YamlFile yaml) throws InvalidInputException {
        if (!yaml.ok()) {
            throw new InvalidInputException(yaml.problems());
        }
        Reading r = new Reading(yaml.file());
        List<YamlDocument> docs = yaml.documents();
        YamlNode root = docs.isEmpty() ? null : docs.get(0).root();
        if (root == null) {
            r.problem(new SourceLocation(yaml.file(), 1, 1), "empty file, expected a " + KIND + " document");
            throw r.failure();
        }
        if (docs.size() > 1) {
            YamlDocument extra = docs.get(1);
            SourceLocation at = extra.root() == null ? extra.locations().locate("") : extra.root().location();
            r.problem(at, "a price catalog file holds one YAML document, this is a second one");
        }
        PriceCatalog catalog = r.catalog(root);
        if (!r.problems.isEmpty()) {
            throw r.failure();
        }
        return catalog;
    }

    /** {@code metadata.name} and {@code metadata.version}; null where missing or wrong. */
    private record Header(String name, String version) {
    }

    /** One file being read: the problems found so far. */
    private static final class Reading {
        private final String file;
        private final List<Problem> problems = new ArrayList<>();

        Reading(String file) {
            this.file = file;
        }

        InvalidInputException failure() {
            return new InvalidInputException(problems);
        }

        void problem(SourceLocation at, String message) {
            problems.add(new Problem(at, message));
        }

        /** Null when something is wrong; the problems say what. */
        PriceCatalog catalog(YamlNode root) {
            if (!(root instanceof YamlNode.Mapping top)) {
                problem(root.location(), "expected a mapping (a " + KIND + " document), not " + root.describe());
                return null;
            }
            unknownKeys(top, "", TOP_KEYS);
            String apiVersion = requiredString(top, "", "apiVersion");
            if (apiVersion != null && !apiVersion.equals(API_VERSION)) {
                problem(top.get("apiVersion").location(),
                        "apiVersion: '" + apiVersion + "' is not supported, expected " + API_VERSION);
            }
            String kind = requiredString(top, "", "kind");
            if (kind != null && !kind.equals(KIND)) {
                problem(top.get("kind").location(), "kind: expected " + KIND + ", not '" + kind + "'");
            }
            Header header = metadata(top);
            LocalDate asOf = asOf(top);
            currency(top);
            List<String> sources = sources(top);
            List<ModelPrice> models = models(top);
            List<GpuPrice> gpus = gpus(top);
            if (!problems.isEmpty()) {
                return null;
            }
            return PriceCatalog.of(new CatalogOrigin(header.name(), header.version(), asOf, file, sources), models, gpus);
        }

        private Header metadata(YamlNode.Mapping top) {
            YamlNode node = top.get("metadata");
            if (node == null) {
                problem(top.location(), "missing required key 'metadata'");
                return new Header(null, null);
            }
            if (!(node instanceof YamlNode.Mapping m)) {
                problem(node.location(), "metadata: must be a mapping, not " + node.describe());
                return new Header(null, null);
            }
            unknownKeys(m, "metadata", METADATA_KEYS);
            String name = requiredString(m, "metadata", "name");
            String version = null;
            YamlNode v = m.get("version");
            if (v instanceof YamlNode.Scalar s && s.value() != null && !(s.value() instanceof Boolean)) {
                version = s.text(); // as written: 2026.10 stays 2026.10, not 2026.1
            } else if (v != null && !(v instanceof YamlNode.Scalar s && s.value() == null)) {
                problem(v.location(), "metadata.version: must be a string or number, not " + v.describe());
            }
            optionalString(m, "metadata", "description");
            return new Header(name, version);
        }

        private LocalDate asOf(YamlNode.Mapping top) {
            YamlNode node = top.get("asOf");
            if (node == null) {
                problem(top.location(), "missing required key 'asOf' (the date of the prices, YYYY-MM-DD)");
                return null;
            }
            if (node instanceof YamlNode.Scalar s && s.value() != null && !(s.value() instanceof Boolean)) {
                try {
                    return LocalDate.parse(s.text());
                } catch (DateTimeParseException e) {
                    problem(node.location(), "asOf: '" + s.text() + "' is not a date (use YYYY-MM-DD)");
                    return null;
                }
            }
            problem(node.location(), "asOf: must be a date (YYYY-MM-DD), not " + node.describe());
            return null;
        }

        private void currency(YamlNode.Mapping top) {
            String currency = optionalString(top, "", "currency");
            if (currency != null && !currency.equals(PriceCatalog.CURRENCY)) {
                problem(top.get("currency").location(), "currency: '" + currency
                        + "' is not supported yet, price catalogs must be in " + PriceCatalog.CURRENCY);
            }
        }

        private List<String> sources(YamlNode.Mapping top) {
            YamlNode node = top.get("sources");
            List<String> out = new ArrayList<>();
            if (node == null || isNull(node)) {
                return out;
            }
            if (!(node instanceof YamlNode.Sequence seq)) {
                problem(node.location(), "sources: must be a list of strings, not " + node.describe());
                return out;
            }
            for (int i = 0; i < seq.items().size(); i++) {
                YamlNode item = seq.items().get(i);
                if (item instanceof YamlNode.Scalar s && s.value() instanceof String text && !text.isBlank()) {
                    out.add(text);
                } else {
                    problem(item.location(), "sources[" + i + "]: must be a non-empty string, not " + item.describe());
                }
            }
            return out;
        }

        private List<ModelPrice> models(YamlNode.Mapping top) {
            List<ModelPrice> out = new ArrayList<>();
            YamlNode.Mapping models = section(top, "models", "a mapping of model name to prices");
            if (models == null) {
                return out;
            }
            for (YamlNode.Entry e : models.entries().values()) {
                String path = "models." + e.key();
                if (e.key().isBlank()) {
                    problem(e.keyLocation(), "models: a model name must not be empty");
                    continue;
                }
                if (!(e.value() instanceof YamlNode.Mapping m)) {
                    problem(e.value().location(), path + ": must be a mapping {provider, tier, input, output, cachedInput}, not "
                            + e.value().describe());
                    continue;
                }
                unknownKeys(m, path, MODEL_KEYS);
                String provider = requiredString(m, path, "provider");
                ModelTier tier = tier(m, path);
                ModelPrice.Mode mode = mode(m, path);
                if (mode == null) {
                    continue;
                }
                // a text model needs both token prices; an embedding model input; a reranker input or perQuery
                BigDecimal perQuery = queryPrice(m, path);
                BigDecimal input = tokenPrice(m, path, "input", mode != ModelPrice.Mode.RERANK || perQuery == null
                        && !m.entries().containsKey("perQuery"));
                BigDecimal output = tokenPrice(m, path, "output", mode == ModelPrice.Mode.TEXT);
                BigDecimal cached = tokenPrice(m, path, "cachedInput", false);
                BigDecimal cacheWrite = tokenPrice(m, path, "cacheWrite", false);
                ModelPrice.Batch batch = batch(m, path);
                boolean complete = mode == ModelPrice.Mode.TEXT ? input != null && output != null
                        : mode == ModelPrice.Mode.EMBEDDING ? input != null : input != null || perQuery != null;
                if (provider != null && tier != null && complete) {
                    out.add(new ModelPrice(e.key(), provider, tier, mode, input == null ? BigDecimal.ZERO : input,
                            output == null ? BigDecimal.ZERO : output, cached, cacheWrite, perQuery, batch));
                }
            }
            return out;
        }

        /** {@code mode}: absent is {@code text}; null after a problem. */
        private ModelPrice.Mode mode(YamlNode.Mapping m, String path) {
            String mode = optionalString(m, path, "mode");
            if (mode == null) {
                return m.entries().containsKey("mode") && !isNull(m.get("mode")) ? null : ModelPrice.Mode.TEXT;
            }
            if (!MODES.contains(mode)) {
                problem(m.get("mode").location(), path + ".mode: unknown mode '" + mode + "'" + hint(mode, MODES));
                return null;
            }
            return ModelPrice.Mode.valueOf(mode.toUpperCase(Locale.ROOT));
        }

        /** {@code perQuery}: USD per query (a search unit) of a reranker, or null. */
        private BigDecimal queryPrice(YamlNode.Mapping m, String path) {
            BigDecimal p = price(m, path, "perQuery", false, "USD per query");
            if (p != null && p.compareTo(MAX_QUERY_PRICE) > 0) {
                problem(m.get("perQuery").location(), path + ".perQuery: " + plain(p) + " USD per query is implausibly"
                        + " high (more than " + plain(MAX_QUERY_PRICE) + ")");
                return null;
            }
            return p;
        }

        /** {@code batch: {input, output, cachedInput, cacheWrite}}: the batch tier's prices, or null. */
        private ModelPrice.Batch batch(YamlNode.Mapping m, String path) {
            YamlNode node = m.get("batch");
            if (node == null || isNull(node)) {
                return null;
            }
            String at = path + ".batch";
            if (!(node instanceof YamlNode.Mapping b)) {
                problem(node.location(), at + ": must be a mapping {input, output, cachedInput, cacheWrite}, not "
                        + node.describe());
                return null;
            }
            unknownKeys(b, at, BATCH_KEYS);
            return new ModelPrice.Batch(tokenPrice(b, at, "input", false), tokenPrice(b, at, "output", false),
                    tokenPrice(b, at, "cachedInput", false), tokenPrice(b, at, "cacheWrite", false));
        }

        private ModelTier tier(YamlNode.Mapping m, String path) {
            String tier = requiredString(m, path, "tier");
            if (tier == null) {
                return null;
            }
            if (!TIERS.contains(tier)) {
                problem(m.get("tier").location(), path + ".tier: unknown tier '" + tier + "'"
                        + hint(tier, TIERS));
                return null;
            }
            return ModelTier.valueOf(tier);
        }

        private List<GpuPrice> gpus(YamlNode.Mapping top) {
            List<GpuPrice> out = new ArrayList<>();
            YamlNode.Mapping gpus = section(top, "gpus", "a mapping of GPU type to prices");
            if (gpus == null) {
                return out;
            }
            Map<String, YamlNode.Entry> seen = new HashMap<>();
            for (YamlNode.Entry e : gpus.entries().values()) {
                String path = "gpus." + e.key();
                if (e.key().isBlank()) {
                    problem(e.keyLocation(), "gpus: a GPU type must not be empty");
                    continue;
                }
                YamlNode.Entry same = seen.putIfAbsent(e.key().toLowerCase(Locale.ROOT), e);
                if (same != null) {
                    problem(e.keyLocation(), path + ": GPU types are compared ignoring case and '" + same.key()
                            + "' (line " + same.keyLocation().line() + ") is the same type");
                    continue;
                }
                if (!(e.value() instanceof YamlNode.Mapping m)) {
                    problem(e.value().location(), path + ": must be a mapping {onDemand, spot, reserved}, not "
                            + e.value().describe());
                    continue;
                }
                unknownKeys(m, path, GPU_KEYS);
                BigDecimal onDemand = gpuPrice(m, path, "onDemand");
                BigDecimal spot = gpuPrice(m, path, "spot");
                BigDecimal reserved = gpuPrice(m, path, "reserved");
                if (onDemand != null && spot != null && reserved != null) {
                    out.add(new GpuPrice(e.key(), onDemand, spot, reserved));
                }
            }
            return out;
        }

        /** An optional top-level mapping; null (after a problem, if any) when absent or not a mapping. */
        private YamlNode.Mapping section(YamlNode.Mapping top, String key, String what) {
            YamlNode node = top.get(key);
            if (node == null || isNull(node)) {
                return null;
            }
            if (node instanceof YamlNode.Mapping m) {
                return m;
            }
            problem(node.location(), key + ": must be " + what + ", not " + node.describe());
            return null;
        }

        private BigDecimal tokenPrice(YamlNode.Mapping m, String path, String key, boolean required) {
            BigDecimal p = price(m, path, key, required, "USD per million tokens");
            if (p == null) {
                return null;
            }
            String where = path + "." + key + ": ";
            if (p.compareTo(MAX_TOKEN_PRICE) > 0) {
                problem(m.get(key).location(), where + plain(p) + " USD per million tokens is implausibly high (more than "
                        + plain(MAX_TOKEN_PRICE) + ")");
                return null;
            }
            if (p.signum() > 0 && p.compareTo(MIN_TOKEN_PRICE) < 0) {
                problem(m.get(key).location(), where + plain(p) + " looks like a price per token; prices are USD per "
                        + "million tokens (" + plain(p.movePointRight(6)) + "?)");
                return null;
            }
            return p;
        }

        private BigDecimal gpuPrice(YamlNode.Mapping m, String path, String key) {
            BigDecimal p = price(m, path, key, true, "USD per GPU-hour");
            if (p != null && p.compareTo(MAX_GPU_PRICE) > 0) {
                problem(m.get(key).location(), path + "." + key + ": " + plain(p) + " USD per GPU-hour is implausibly "
                        + "high (more than " + plain(MAX_GPU_PRICE) + "; prices are per GPU, not per instance)");
                return null;
            }
            return p;
        }

        private BigDecimal price(YamlNode.Mapping m, String path, String key, boolean required, String unit) {
            YamlNode node = m.get(key);
            if (node == null || !required && isNull(node)) {
                if (required) {
                    problem(m.location(), path + ": missing required key '" + key + "' (" + unit + ")");
                }
                return null;
            }
            BigDecimal value = null;
            if (node instanceof YamlNode.Scalar s) {
                if (s.value() instanceof Long l) {
                    value = BigDecimal.valueOf(l);
                } else if (s.value() instanceof BigDecimal d) {
                    value = d;
                }
            }
            if (value == null) {
                problem(node.location(), path + "." + key + ": must be a number (" + unit + "), not " + describe(node));
                return null;
            }
            if (value.signum() < 0) {
                problem(node.location(), path + "." + key + ": must not be negative, got " + plain(value));
                return null;
            }
            // 1e1 would print as 1E+1 in reports
            return value.scale() < 0 ? value.setScale(0) : value;
        }

        private String requiredString(YamlNode.Mapping m, String path, String key) {
            YamlNode node = m.get(key);
            if (node == null) {
                problem(m.location(), (path.isEmpty() ? "" : path + ": ") + "missing required key '" + key + "'");
                return null;
            }
            return string(node, join(path, key));
        }

        private String optionalString(YamlNode.Mapping m, String path, String key) {
            YamlNode node = m.get(key);
            return node == null || isNull(node) ? null : string(node, join(path, key));
        }

        private String string(YamlNode node, String path) {
            if (node instanceof YamlNode.Scalar s && s.value() instanceof String text) {
                if (text.isBlank()) {
                    problem(node.location(), path + ": must not be empty");
                    return null;
                }
                return text;
            }
            problem(node.location(), path + ": must be a string, not " + describe(node));
            return null;
        }

        private void unknownKeys(YamlNode.Mapping m, String path, List<String> known) {
            for (YamlNode.Entry e : m.entries().values()) {
                if (!known.contains(e.key())) {
                    problem(e.keyLocation(), join(path, e.key()) + ": unknown key" + hint(e.key(), known));
                }
            }
        }

        /** {@code ", did you mean X?"} when a known word is close, else {@code " (expected A, B, C)"}. */
        private static String hint(String wrong, List<String> known) {
            return DidYouMean.suggest(wrong, known).map(s -> ", did you mean " + s + "?")
                    .orElse(" (expected " + String.join(", ", known) + ")");
        }

        private static String join(String path, String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        private static boolean isNull(YamlNode node) {
            return node instanceof YamlNode.Scalar s && s.value() == null;
        }

        /** {@code a string ('2.50')}: the kind of node, with a scalar's text. */
        private static String describe(YamlNode node) {
            if (node instanceof YamlNode.Scalar s && s.value() != null) {
                return node.describe() + " ('" + s.text() + "')";
            }
            return node.describe();
        }

        private static String plain(BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
    }
}
