package dev.spendgate.gate;

import dev.spendgate.cost.CatalogOrigin;
import dev.spendgate.cost.EstimateResult;
import dev.spendgate.cost.Estimator;
import dev.spendgate.cost.PriceCatalog;
import dev.spendgate.cost.PriceFiles;
import dev.spendgate.engine.EngineException;
import dev.spendgate.engine.EngineSettings;
import dev.spendgate.engine.PolicyEngine;
import dev.spendgate.engine.PolicyEngines;
import dev.spendgate.engine.PreparedPolicies;
import dev.spendgate.error.InvalidInputException;
import dev.spendgate.input.Diagnostic;
import dev.spendgate.input.SourceLocation;
import dev.spendgate.manifest.Manifest;
import dev.spendgate.manifest.ManifestLoader;
import dev.spendgate.manifest.ModelTier;
import dev.spendgate.manifest.ModelUse;
import dev.spendgate.policy.LoadedPolicy;
import dev.spendgate.policy.Pack;
import dev.spendgate.policy.Parameters;
import dev.spendgate.policy.PolicySet;
import dev.spendgate.policy.PolicySetLoader;
import dev.spendgate.policy.RuleInfo;
import dev.spendgate.spend.SpendAnalysis;
import dev.spendgate.spend.SpendData;
import dev.spendgate.spend.SpendQuery;
import dev.spendgate.yaml.DidYouMean;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything one gate run needs, loaded once: the policy set with its packs and waivers, and the
 * price catalog. The CLI, the GitHub Action and Jenkins all go through it, so they judge alike.
 *
 * <p>Load-time configuration ({@link Config}) is apart from per-run input (paths, clock, engine).
 */
public final class GateSession {

    /**
     * @param policy  the policy set file, or null for the shipped defaults
     * @param prices  price files laid over the shipped catalog in this order, a later one winning
     *                ({@link PriceFiles}: {@code .json} LiteLLM, else a spendgate catalog); may be empty
     * @param workDir the folder relative paths (policy, prices, manifests) are resolved against and
     *                named from in messages: the working directory unless the run was told otherwise
     */
    public record Config(Path policy, List<Path> prices, String toolVersion, Path workDir) {

        public Config {
            prices = List.copyOf(prices);
            Objects.requireNonNull(workDir, "workDir == null");
        }

        /** One price file, or none when {@code prices} is null; paths relative to the working directory. */
        public Config(Path policy, Path prices, String toolVersion) {
            this(policy, prices == null ? List.of() : List.of(prices), toolVersion, Path.of(""));
        }
    }

    private final LoadedPolicy policy;
    private final PriceCatalog catalog;
    private final Estimator estimator;
    private final String toolVersion;
    private final Path workDir;

    private GateSession(LoadedPolicy policy, PriceCatalog catalog, String toolVersion, Path workDir) {
        this.policy = policy;
        this.catalog = catalog;
        this.estimator = new Estimator(catalog);
        this.toolVersion = toolVersion;
        this.workDir = workDir;
    }

    /**
     * Loads the policy set (with its packs and waivers) and the price catalog.
     *
     * @throws InvalidInputException listing every problem of every file
     */
    public static GateSession open(Config config) throws InvalidInputException {
        PolicySetLoader loader = new PolicySetLoader();
        Path dir = config.workDir();
        LoadedPolicy policy = config.policy() == null ? loader.defaults()
                : loader.load(dir.resolve(config.policy()), display(config.policy()));
        PriceCatalog catalog = PriceFiles.overShipped(config.prices(), dir);
        return new GateSession(policy, catalog, config.toolVersion(), dir);
    }

    /**
     * Starts reading the shipped price catalog and the baseline pack on a daemon thread, so that a
     * run which opens a session a little later finds them parsed. Returns at once; harmless when
     * they are never used.
     */
    public static void warmUp() {
        Thread t = new Thread(() -> {
            try {
                PriceCatalog.shipped();
                new dev.spendgate.policy.PackLoader().loadShipped("baseline");
            } catch (InvalidInputException | RuntimeException e) {
                // the run itself loads them again and reports any problem
            }
        }, "spendgate-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /** A session over an already-loaded policy (used by the pack test runner). */
    public static GateSession of(LoadedPolicy policy, PriceCatalog catalog, String toolVersion) {
        return of(policy, catalog, toolVersion, Path.of(""));
    }

    /**
     * A session over an already-loaded policy and catalog (read from a trusted revision), reading
     * manifests relative to {@code workDir}.
     */
    public static GateSession of(LoadedPolicy policy, PriceCatalog catalog, String toolVersion, Path workDir) {
        return new GateSession(policy, catalog, toolVersion, workDir);
    }

    /** The manifests at or under {@code paths} (the default folders when empty). */
    public List<Manifest> loadManifests(List<Path> paths) throws InvalidInputException {
        return new ManifestLoader().load(workDir, paths.stream().map(GateSession::display).toList());
    }

    /** The cost model's view of one manifest: its estimate, the catalog tiers of its models, diagnostics. */
    public Priced price(Manifest manifest) {
        EstimateResult r = estimator.estimate(manifest);
        Map<String, ModelTier> tiers = new TreeMap<>();
        for (ModelUse model : manifest.spec().models()) {
            catalog.tierOf(model.name()).ifPresent(t -> tiers.put(model.name(), t));
        }
        return new Priced(r.estimate(), tiers, r.diagnostics());
    }

    /**
     * Runs the gate over {@code manifests} with engine {@code engineId} at {@code now}.
     *
     * @throws EngineException when the engine is unknown, fails, or gives no decision
     */
    public GateReport check(List<Manifest> manifests, Instant now, String engineId, EngineSettings settings)
            throws EngineException {
        return check(manifests, Map.of(), now, engineId, settings);
    }

    /**
     * Runs the gate over {@code manifests}, each compared with its base version in {@code bases}
     * (by name) for the rules about changes.
     *
     * @throws EngineException when the engine is unknown, fails, or gives no decision
     */
    public GateReport check(List<Manifest> manifests, Map<String, Manifest> bases, Instant now, String engineId,
                            EngineSettings settings) throws EngineException {
        return check(manifests, bases, now, engineId, settings, null);
    }

    /**
     * Runs the gate over {@code manifests} with live spend {@code spend} as a source read it (null:
     * no spend source, and the live-spend rules do not apply).
     *
     * @throws EngineException when the engine is unknown, fails, or gives no decision
     */
    public GateReport check(List<Manifest> manifests, Map<String, Manifest> bases, Instant now, String engineId,
                            EngineSettings settings, SpendData spend) throws EngineException {
        PolicyEngine engine = PolicyEngines.find(engineId).orElseThrow(() -> new EngineException("engine_unknown",
                "unknown engine '" + engineId + "' (available: " + String.join(", ", PolicyEngines.ids()) + ")"));
        Gate gate = new Gate(toolVersion, policy.policySet(), policy.packs());
        try (PreparedPolicies prepared = engine.prepare(policy.packs(), settings)) {
            return gate.evaluate(engine.id(), prepared, manifests, bases, this::price, now, spend)
                    .withDiagnostics(catalogDiagnostics());
        }
    }

    /**
     * What reading the price files left out, one {@code info} diagnostic per note of a file (e.g.
     * the entries of a LiteLLM file that are not text models), located at the file's start.
     */
    public List<Diagnostic> catalogDiagnostics() {
        List<Diagnostic> out = new ArrayList<>();
        for (CatalogOrigin o : catalog.origins()) {
            for (String note : o.notes()) {
                out.add(Diagnostic.info("prices_skipped", new SourceLocation(o.file(), 1, 1), note));
            }
        }
        return out;
    }

    public PolicySet policy() {
        return policy.policySet();
    }

    public List<Pack> packs() {
        return policy.packs();
    }

    public Optional<RuleInfo> rule(String id) {
        return Optional.ofNullable(policy.rules().get(id));
    }

    public Optional<String> suggestRule(String id) {
        return DidYouMean.suggest(id, policy.rules().keySet());
    }

    /**
     * What to ask a spend source for the run over {@code manifests}: the policy set's cost column
     * and tags ({@code liveSpend}), in the currency of the manifests' budgets.
     */
    public SpendQuery spendQuery(List<Manifest> manifests) {
        Parameters.LiveSpend live = policy.policySet().parameters().liveSpend();
        return new SpendQuery(live.costColumn(), live.tags().getOrDefault("manifest", "spendgate-manifest"),
                live.tags().getOrDefault("team", "team"), SpendAnalysis.budgetCurrency(manifests));
    }

    public String catalogAsOf() {
        return catalog.asOf();
    }

    /** The price catalog: the shipped one with the run's price files laid over it. */
    public PriceCatalog catalog() {
        return catalog;
    }

    public static String shippedCatalogAsOf() {
        return PriceCatalog.shipped().asOf();
    }

    /** A path as users wrote it, with forward slashes, for locations in messages. */
    static String display(Path path) {
        return path.toString().replace('\\', '/');
    }
}
