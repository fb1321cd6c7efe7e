package dev.spendgate.gate;

import dev.spendgate.cost.CatalogOrigin;
import dev.spendgate.cost.EstimateResult;
import dev.spendgate.cost.Alternatives;
import dev.spendgate.cost.Estimator;
import dev.spendgate.cost.ModelPrice;
import dev.spendgate.cost.PriceCatalog;
import dev.spendgate.cost.PriceFetcher;
import dev.spendgate.cost.PriceFiles;
import dev.spendgate.cost.PriceSource;
import dev.spendgate.engine.EngineException;
import dev.spendgate.engine.PolicyEngine;
import dev.spendgate.engine.PolicyEngines;
import dev.spendgate.engine.PreparedPolicies;
import dev.spendgate.error.InvalidInputException;
import dev.spendgate.error.SpendgateException;
import dev.spendgate.git.ChangeReview;
import dev.spendgate.git.ChangeSummary;
import dev.spendgate.git.PolicyRepository;
import dev.spendgate.input.Diagnostic;
import dev.spendgate.input.DisplayPath;
import dev.spendgate.input.Skipped;
import dev.spendgate.input.SourceLocation;
import dev.spendgate.input.SourceRoot;
import dev.spendgate.manifest.Manifest;
import dev.spendgate.manifest.ManifestLoader;
import dev.spendgate.manifest.ModelTier;
import dev.spendgate.manifest.ModelUse;
import dev.spendgate.policy.LoadedPolicy;
import dev.spendgate.policy.Pack;
import dev.spendgate.policy.PackLoader;
import dev.spendgate.policy.Parameters;
import dev.spendgate.policy.PolicySet;
import dev.spendgate.policy.PolicySetLoader;
import dev.spendgate.policy.RuleInfo;
import dev.spendgate.policy.WaiverLoader;
import dev.spendgate.spend.SpendAnalysis;
import dev.spendgate.spend.SpendData;
import dev.spendgate.spend.SpendQuery;
import dev.spendgate.spend.SpendSnapshot;
import dev.spendgate.spend.SpendSource;
import dev.spendgate.yaml.DidYouMean;
import dev.spendgate.yaml.Ttl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The gate, prepared once and run many times: the CLI, the GitHub Action, Jenkins (through the
 * CLI), the pack test runner and programs that embed spendgate all go through it, so they judge
 * alike.
 *
 * <p>{@link #prepare} resolves the trusted policy — the work tree's, the base revision's (never the
 * change's own), a pinned policy repository's, or one already loaded — and the price catalog, and
 * picks the engine. The engine's rules are prepared on the first {@link #run} and then reused: a
 * run that also judges the base versions ({@code --new-only}) evaluates both against the same
 * prepared policies. {@link #run} discovers the manifests, reads live spend with the query the
 * policy set asks for, evaluates, and returns the report; it carries nothing from one run to the next.
 *
 * <p>Not thread-safe; {@link #close} releases the prepared engine and the git repository.
 */
public final class GateRunner implements AutoCloseable {

    private final GateConfig config;
    private final LoadedPolicy policy;
    private final PriceCatalog catalog;
    private final Estimator estimator;
    private final PolicyEngine engine;
    private final ChangeReview review;
    private final ChangeReview.Trusted trusted;
    private final GateRunner owner;
    /** What fetching price files by URL had to say (a cached copy used), in the order fetched. */
    private final List<Diagnostic> priceWarnings;
    private PreparedPolicies prepared;

    private GateRunner(GateConfig config, LoadedPolicy policy, PriceCatalog catalog, PolicyEngine engine,
                       ChangeReview review, ChangeReview.Trusted trusted, GateRunner owner,
                       List<Diagnostic> priceWarnings) {
        this.config = config;
        this.policy = policy;
        this.catalog = catalog;
        this.estimator = new Estimator(catalog);
        this.engine = engine;
        this.review = review;
        this.trusted = trusted;
        this.owner = owner;
        this.priceWarnings = List.copyOf(priceWarnings);
    }

    /**
     * Resolves the trusted policy and the price catalog of {@code config}, and its engine.
     *
     * @throws InvalidInputException listing every problem of every policy, pack, waiver and price file
     * @throws EngineException       when no engine has the configured id
     * @throws SpendgateException    when git cannot give what a git-aware run needs
     */
    public static GateRunner prepare(GateConfig config) throws SpendgateException {
        PolicyEngine engine = PolicyEngines.find(config.engine()).orElseThrow(() -> new EngineException("engine_unknown",
                "unknown engine '" + config.engine() + "' (available: " + String.join(", ", PolicyEngines.ids()) + ")"));
        Path dir = config.workDir();
        if (config.loadedPolicy() != null) {
            PriceFetcher fetcher = fetcher(config);
            return new GateRunner(config, config.loadedPolicy(), catalog(config, fetcher), engine, null, null, null,
                    warnings(fetcher));
        }
        PolicyRepository.Loaded fromRepository = config.policyRepo() == null ? null
                : PolicyRepository.load(config.policyRepo(), config.policyRepoCache());
        if (config.base() == null) {
            LoadedPolicy policy;
            if (fromRepository != null) {
                policy = fromRepository.policy();
            } else {
                Path file = policyFile(config);
                PolicySetLoader loader = new PolicySetLoader();
                policy = file == null ? loader.defaults() : loader.load(dir.resolve(file), DisplayPath.of(file).text());
            }
            PriceFetcher fetcher = fetcher(config);
            return new GateRunner(config, policy, catalog(config, fetcher), engine, null, null, null, warnings(fetcher));
        }
        ChangeReview review = ChangeReview.open(dir, config.base());
        try {
            PriceFetcher fetcher = fetcher(config);
            ChangeReview.Trusted trusted = review.trusted(config.policy(), config.prices(), fetcher, fromRepository,
                    config.allowPrWaivers());
            return new GateRunner(config, trusted.policy(), trusted.catalog(), engine, review, trusted, null,
                    warnings(fetcher));
        } catch (SpendgateException | RuntimeException e) {
            review.close();
            throw e;
        }
    }

    /** The policy file to read without git: as given, else {@code .spendgate/policy.yaml} when present, else null. */
    private static Path policyFile(GateConfig config) {
        if (config.policy() == null && Files.isRegularFile(config.workDir().resolve(PolicySetLoader.DEFAULT_FILE))) {
            return Path.of(PolicySetLoader.DEFAULT_FILE);
        }
        return config.policy();
    }

    private static PriceCatalog catalog(GateConfig config, PriceFetcher fetcher) throws SpendgateException {
        return config.catalog() != null ? config.catalog() : PriceFiles.over(config.prices(), config.workDir(), fetcher);
    }

    private static List<Diagnostic> warnings(PriceFetcher fetcher) {
        return fetcher == null ? List.of() : fetcher.diagnostics();
    }

    /** The fetcher of this run's price URLs, or null when there are none. */
    private static PriceFetcher fetcher(GateConfig config) {
        return config.prices().stream().anyMatch(p -> p instanceof PriceSource.Url)
                ? new PriceFetcher(config.priceCache(), config.priceTimeout()) : null;
    }

    /**
     * A runner judging under {@code other}, a policy set over the same packs as this one's, with
     * this runner's catalog and prepared engine (pack test cases: one policy set per case, the
     * rules prepared once per pack). It shares what this runner prepared and closes nothing.
     *
     * @throws IllegalArgumentException when {@code other} selects other packs
     */
    public GateRunner under(LoadedPolicy other) {
        if (!other.packs().equals(policy.packs())) {
            throw new IllegalArgumentException("a runner's policies are prepared for its packs: "
                    + ids(policy.packs()) + ", not " + ids(other.packs()));
        }
        return new GateRunner(config, other, catalog, engine, null, null, root(), priceWarnings);
    }

    private static List<String> ids(List<Pack> packs) {
        return packs.stream().map(Pack::id).toList();
    }

    private GateRunner root() {
        return owner == null ? this : owner;
    }

    /**
     * Starts reading the shipped price catalog and the baseline pack on a daemon thread, so that a
     * run which prepares a runner a little later finds them parsed. Returns at once; harmless when
     * they are never used.
     */
    public static void warmUp() {
        Thread t = new Thread(() -> {
            try {
                PriceCatalog.shipped();
                new PackLoader().loadShipped("baseline");
            } catch (InvalidInputException | RuntimeException e) {
                // the run itself loads them again and reports any problem
            }
        }, "spendgate-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Runs the gate once: discovers the manifests (in a git-aware run, those the change adds or
     * modifies, or all with {@link RunInput#all()}), reads live spend, evaluates, and judges the
     * verdict by {@link RunInput#failOn()}.
     *
     * @throws InvalidInputException when a manifest does not load
     * @throws SpendgateException    when the engine, the spend source or git fails: never a pass
     */
    public GateReport run(RunInput input) throws SpendgateException {
        List<Manifest> manifests;
        Map<String, Manifest> bases;
        ChangeReview.Selection selection = null;
        List<Skipped> skipped = List.of();
        boolean none = false;
        if (input.manifests() != null) {
            manifests = input.manifests();
            bases = input.bases();
        } else {
            ManifestLoader.Result found = discover(input.paths());
            skipped = found.skipped();
            List<Manifest> current = found.manifests();
            discovered(input, found);
            none = current.isEmpty();
            if (review != null) {
                selection = review.select(current, input.paths().stream().map(Path::toString).toList(), input.all());
                manifests = selection.gated();
                bases = selection.bases();
            } else {
                manifests = current;
                bases = Map.of();
            }
        }
        WaiverLoader.checkCreated(policy.policySet().waivers(), input.now());
        SpendSnapshot spend = input.spend() == null ? null : spend(manifests, input.spend(), input);
        Gate gate = new Gate(config.toolVersion(), policy.policySet(), policy.packs());
        GateReport report = gate.evaluate(engine.id(), prepared(), manifests, bases, this::price, input.now(), spend)
                .withDiagnostics(catalogDiagnostics()).withDiagnostics(catalogAge(input.now())).withSkipped(skipped, none);
        report = report.toBuilder().prices(catalog.origins()).build();
        if (selection != null) {
            if (input.newOnly()) {
                // the same prepared policies over the base versions: what of the report was there before the change
                Map<String, Manifest> baseVersions = selection.bases();
                List<Manifest> before = manifests.stream().map(m -> baseVersions.get(m.name()))
                        .filter(Objects::nonNull).toList();
                report = report.onlyNew(gate.evaluate(engine.id(), prepared(), before, Map.of(), this::price,
                        input.now(), null));
            }
            ChangeSummary summary = review.summary(selection, input.all(), input.newOnly(), trusted.source(),
                    trusted.pendingPolicy(), trusted.pendingWaivers());
            List<Diagnostic> diagnostics = new ArrayList<>(selection.diagnostics());
            diagnostics.addAll(trusted.diagnostics());
            report = report.withChanges(summary, diagnostics).toBuilder().costs(costs(selection, summary)).build();
        }
        return report.toBuilder().failOn(input.failOn()).sourceRoot(sourceRoot()).build();
    }

    /** Where the code-host formats name files from: {@link GateConfig#sourceRoot()}, else the repository's top folder. */
    public SourceRoot sourceRoot() {
        return SourceRoot.find(config.workDir(), config.sourceRoot());
    }

    /**
     * What the change does to the estimates: each gated manifest at the merge base and at the head,
     * each deleted one at the merge base, all priced with this runner's (trusted) catalog.
     */
    private CostDiff costs(ChangeReview.Selection selection, ChangeSummary summary) {
        Map<String, String> status = new java.util.HashMap<>();
        summary.manifests().forEach(c -> status.put(c.name(), c.status()));
        CostDiff.Collector diff = new CostDiff.Collector();
        for (Manifest m : selection.gated()) {
            Manifest was = selection.bases().get(m.name());
            diff.add(line(m.name(), status.getOrDefault(m.name(), "unchanged"), m.file(), was, m));
        }
        for (Manifest was : selection.deleted()) {
            diff.add(line(was.name(), "deleted", null, was, null));
        }
        return diff.build(catalog.currency());
    }

    private CostDiff.Line line(String name, String status, String file, Manifest before, Manifest after) {
        java.math.BigDecimal zero = java.math.BigDecimal.ZERO.setScale(2);
        EstimateResult b = before == null ? null : estimator.estimate(before);
        EstimateResult a = after == null ? null : estimator.estimate(after);
        boolean complete = (b == null || b.estimate().complete()) && (a == null || a.estimate().complete());
        return new CostDiff.Line(name, status, file, before == null ? null : before.file(),
                b == null ? zero : b.estimate().total(), a == null ? zero : a.estimate().total(),
                before == null ? zero : estimator.monthly(before).estimate().total(),
                after == null ? zero : estimator.monthly(after).estimate().total(), complete);
    }

    /** Live spend for a run over {@code manifests}: read once, with this policy set's query, and attributed. */
    private SpendSnapshot spend(List<Manifest> manifests, SpendSource source, RunInput input) throws SpendgateException {
        SpendQuery query = spendQuery(manifests, input.now());
        SpendData data = source.read(query);
        return SpendAnalysis.analyse(data, query.currency(), manifests,
                policy.policySet().parameters().budgets().teamMonthly(), input.now());
    }

    /** The engine's rules for this runner's packs, prepared on first use and reused by every run. */
    private PreparedPolicies prepared() throws EngineException {
        GateRunner root = root();
        if (root.prepared == null) {
            root.prepared = engine.prepare(root.policy.packs(), config.engineSettings());
        }
        return root.prepared;
    }

    /** The manifests at or under {@code paths} (the default folders when empty), relative to the work folder. */
    public List<Manifest> loadManifests(List<Path> paths) throws InvalidInputException {
        return new ManifestLoader().load(config.workDir(), paths.stream().map(p -> DisplayPath.of(p).text()).toList());
    }

    /** What discovery finds at or under {@code paths}: manifests, problems and skipped files. */
    private ManifestLoader.Result discover(List<Path> paths) {
        return new ManifestLoader().read(config.workDir(), paths.stream().map(p -> DisplayPath.of(p).text()).toList());
    }

    /**
     * Fails on what discovery found wrong: a manifest that does not load; with strict discovery
     * (the flag or the trusted policy set's {@code discovery.strict}) a skipped file; with
     * manifests required, none at all.
     */
    private void discovered(RunInput input, ManifestLoader.Result found) throws InvalidInputException {
        PolicySet.Discovery settings = policy.policySet().discovery();
        List<dev.spendgate.input.Problem> problems = new ArrayList<>(found.problems());
        if (input.strictDiscovery() || settings.strict()) {
            String why = input.strictDiscovery() ? "--discovery-strict" : "discovery.strict of the policy set";
            for (Skipped s : found.skipped()) {
                problems.add(new dev.spendgate.input.Problem(new SourceLocation(s.file(), 1, 1),
                        "skipped: " + s.reason() + " (" + why + " makes every skipped file an error)"));
            }
        }
        if (problems.isEmpty() && found.manifests().isEmpty() && (input.requireManifests() || settings.requireManifests())) {
            String where = input.paths().isEmpty() ? String.join(", ", ManifestLoader.defaultPaths(config.workDir()))
                    : String.join(", ", input.paths().stream().map(p -> DisplayPath.of(p).text()).toList());
            problems.add(new dev.spendgate.input.Problem(new SourceLocation(where.isEmpty() ? "." : where, 1, 1),
                    "no manifests found (" + (input.requireManifests() ? "--require-manifests"
                            : "discovery.requireManifests of the policy set") + " requires at least one)"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    /** The cost model's view of one manifest: its estimate, the catalog tiers of its models, diagnostics. */
    public Priced price(Manifest manifest) {
        EstimateResult r = estimator.estimate(manifest);
        Map<String, ModelTier> tiers = new TreeMap<>();
        Map<String, String> modes = new TreeMap<>();
        for (ModelUse model : manifest.spec().models()) {
            catalog.tierOf(model.name()).ifPresent(t -> tiers.put(model.name(), t));
            catalog.model(model.name()).filter(p -> p.mode() != ModelPrice.Mode.TEXT)
                    .ifPresent(p -> modes.put(model.name(), p.mode().wireName()));
        }
        return new Priced(r.estimate(), tiers, r.diagnostics(), new Alternatives(estimator, manifest, r.estimate()),
                modes);
    }

    /**
     * What reading the price files had to say: a {@code prices_cached} warning for each price URL
     * whose server gave no current answer (its cached copy was used), then one {@code info}
     * diagnostic per note of a file (e.g. the entries of a LiteLLM file that are not priced),
     * located at the file's start.
     */
    public List<Diagnostic> catalogDiagnostics() {
        List<Diagnostic> out = new ArrayList<>(priceWarnings);
        for (CatalogOrigin o : catalog.origins()) {
            for (String note : o.notes()) {
                out.add(Diagnostic.info("prices_skipped", new SourceLocation(o.file(), 1, 1), note));
            }
        }
        return out;
    }

    /**
     * A {@code prices_stale} warning for each dated price file the catalog still prices with
     * ({@link PriceCatalog#originsInUse}) whose {@code asOf} (00:00 UTC of that day) lies more than the
     * policy set's {@code prices.maxAge} before the UTC day of {@code now}, located at the file's
     * start: with the default 90d, a catalog of 2026-11-01 is current through 2027-01-30 and stale
     * from 2027-01-31 (91 days). Undated files (LiteLLM) are not judged.
     */
    public List<Diagnostic> catalogAge(Instant now) {
        Objects.requireNonNull(now, "now == null");
        Ttl maxAge = policy.policySet().parameters().prices().maxAge();
        List<Diagnostic> out = new ArrayList<>();
        for (CatalogOrigin o : catalog.originsInUse()) {
            if (o.asOf() == null) {
                continue;
            }
            Instant dated = o.asOf().atStartOfDay(ZoneOffset.UTC).toInstant();
            java.time.LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
            if (dated.plus(maxAge.duration()).isBefore(today.atStartOfDay(ZoneOffset.UTC).toInstant())) {
                long days = java.time.temporal.ChronoUnit.DAYS.between(o.asOf(), today);
                out.add(Diagnostic.warning("prices_stale", new SourceLocation(o.file(), 1, 1), "the prices of "
                        + o.name() + (o.version() == null ? "" : " " + o.version()) + " are dated " + o.asOf() + ", "
                        + days + (days == 1 ? " day" : " days") + " before " + now + ", more than prices.maxAge ("
                        + maxAge.text() + "): estimates may be off; update the catalog (a newer spendgate, or"
                        + " --prices with current prices)"));
            }
        }
        return out;
    }

    /**
     * What to ask a spend source for over {@code manifests} at {@code now}: the policy set's cost
     * column and tags ({@code liveSpend}), in the currency of the manifests' budgets, over the rows
     * that start from the earliest period any of them needs ({@link SpendQuery#earliestNeeded}) to
     * {@code now}.
     */
    public SpendQuery spendQuery(List<Manifest> manifests, Instant now) {
        Parameters.LiveSpend live = policy.policySet().parameters().liveSpend();
        return new SpendQuery(live.costColumn(), live.tags().getOrDefault("manifest", "spendgate-manifest"),
                live.tags().getOrDefault("team", "team"), SpendAnalysis.budgetCurrency(manifests),
                SpendQuery.earliestNeeded(manifests, now), now);
    }

    /** The trusted policy set. */
    public PolicySet policy() {
        return policy.policySet();
    }

    /** The packs the policy set selects, loaded. */
    public List<Pack> packs() {
        return policy.packs();
    }

    public Optional<RuleInfo> rule(String id) {
        return Optional.ofNullable(policy.rules().get(id));
    }

    public Optional<String> suggestRule(String id) {
        return DidYouMean.suggest(id, policy.rules().keySet());
    }

    /** The price catalog: the shipped one with the run's price files laid over it. */
    public PriceCatalog catalog() {
        return catalog;
    }

    public static String shippedCatalogAsOf() {
        return PriceCatalog.shipped().asOf();
    }

    @Override
    public void close() {
        if (owner != null) {
            return;
        }
        try {
            if (prepared != null) {
                prepared.close();
            }
        } finally {
            if (review != null) {
                review.close();
            }
        }
    }
}
