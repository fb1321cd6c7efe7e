package dev.spendgate.gate;

import dev.spendgate.cost.PriceCatalog;
import dev.spendgate.cost.PriceFetcher;
import dev.spendgate.cost.PriceSource;
import dev.spendgate.engine.EngineSettings;
import dev.spendgate.git.BaseRevision;
import dev.spendgate.git.PolicyRepository;
import dev.spendgate.input.UserCache;
import dev.spendgate.policy.LoadedPolicy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link GateRunner} is prepared with, once: where the trusted policy comes from (the work
 * tree, a base revision, a pinned policy repository, or a policy already loaded), the price files,
 * and the engine with its load-time settings. Per-run input (paths, clock, spend) is
 * {@link RunInput}, never here. Immutable; made with {@link #builder()}.
 */
public final class GateConfig {

    private final Path workDir;
    private final Path policy;
    private final List<PriceSource> prices;
    private final Path priceCache;
    private final Duration priceTimeout;
    private final String toolVersion;
    private final String engine;
    private final EngineSettings engineSettings;
    private final BaseRevision base;
    private final PolicyRepository.Location policyRepo;
    private final Path policyRepoCache;
    private final boolean allowPrWaivers;
    private final LoadedPolicy loadedPolicy;
    private final PriceCatalog catalog;
    private final Path sourceRoot;

    private GateConfig(Builder b) {
        this.workDir = b.workDir;
        this.policy = b.policy;
        this.prices = List.copyOf(b.prices);
        this.priceCache = b.priceCache;
        this.priceTimeout = b.priceTimeout;
        this.toolVersion = Objects.requireNonNull(b.toolVersion, "toolVersion == null");
        this.engine = b.engine;
        this.engineSettings = b.engineSettings;
        this.base = b.base;
        this.policyRepo = b.policyRepo;
        this.policyRepoCache = b.policyRepoCache;
        this.allowPrWaivers = b.allowPrWaivers;
        this.loadedPolicy = b.loadedPolicy;
        this.catalog = b.catalog;
        this.sourceRoot = b.sourceRoot;
        if (policyRepo != null && policyRepoCache == null) {
            throw new IllegalArgumentException("a policy repository needs a cache folder");
        }
        if (loadedPolicy != null && (base != null || policyRepo != null)) {
            throw new IllegalArgumentException("a loaded policy is trusted as it is: no base revision or policy repository");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The folder relative paths are resolved against and named from: the working directory unless told otherwise. */
    public Path workDir() {
        return workDir;
    }

    /** The policy set file as given, or null: {@code .spendgate/policy.yaml} when present, else the shipped defaults. */
    public Path policy() {
        return policy;
    }

    /** Price files and URLs laid over the shipped catalog in this order, a later one winning; may be empty. */
    public List<PriceSource> prices() {
        return prices;
    }

    /**
     * Where price files given by URL are cached: as set, else the user cache's {@code prices}
     * folder ({@link UserCache}) of the process's environment.
     */
    public Path priceCache() {
        return priceCache != null ? priceCache : UserCache.folder(System.getenv(), "prices");
    }

    /** How long one request for a price file by URL may take. */
    public Duration priceTimeout() {
        return priceTimeout;
    }

    public String toolVersion() {
        return toolVersion;
    }

    /** The engine id: {@code drools} (the default) or {@code opa}. */
    public String engine() {
        return engine;
    }

    public EngineSettings engineSettings() {
        return engineSettings;
    }

    /** The base revision a change is judged against, or null for a run without git. */
    public BaseRevision base() {
        return base;
    }

    /** The pinned policy repository that replaces the base revision's (or the work tree's) policy, or null. */
    public PolicyRepository.Location policyRepo() {
        return policyRepo;
    }

    /** Where policy repositories are cloned; set with {@link #policyRepo()}. */
    public Path policyRepoCache() {
        return policyRepoCache;
    }

    /** Whether waivers that the change adds or modifies apply before they are merged. */
    public boolean allowPrWaivers() {
        return allowPrWaivers;
    }

    /** A policy already loaded and trusted as it is (pack test cases, programs embedding the gate), or null. */
    public LoadedPolicy loadedPolicy() {
        return loadedPolicy;
    }

    /** A price catalog already loaded, used instead of {@link #prices()}; or null. */
    public PriceCatalog catalog() {
        return catalog;
    }

    /**
     * The folder SARIF, GitLab, GitHub annotations and links name files from ({@code --source-root}),
     * or null: the top folder of the git repository around {@link #workDir()}, else the working folder.
     */
    public Path sourceRoot() {
        return sourceRoot;
    }

    /** Builds a {@link GateConfig}; only the tool version is required. */
    public static final class Builder {

        private Path workDir = Path.of("");
        private Path policy;
        private final List<PriceSource> prices = new ArrayList<>();
        private Path priceCache;
        private Duration priceTimeout = PriceFetcher.DEFAULT_TIMEOUT;
        private String toolVersion;
        private String engine = "drools";
        private EngineSettings engineSettings = EngineSettings.none();
        private BaseRevision base;
        private PolicyRepository.Location policyRepo;
        private Path policyRepoCache;
        private boolean allowPrWaivers;
        private LoadedPolicy loadedPolicy;
        private PriceCatalog catalog;
        private Path sourceRoot;

        private Builder() {
        }

        public Builder workDir(Path workDir) {
            this.workDir = Objects.requireNonNull(workDir, "workDir == null");
            return this;
        }

        public Builder policy(Path policy) {
            this.policy = policy;
            return this;
        }

        /** Price files, laid over the shipped catalog in this order. */
        public Builder prices(List<Path> prices) {
            this.prices.clear();
            prices.forEach(p -> this.prices.add(new PriceSource.File(p)));
            return this;
        }

        /** Price files and URLs, laid over the shipped catalog in this order. */
        public Builder priceSources(List<PriceSource> prices) {
            this.prices.clear();
            this.prices.addAll(prices);
            return this;
        }

        /** The folder price files given by URL are cached in (default: the user cache's {@code prices}). */
        public Builder priceCache(Path folder) {
            this.priceCache = folder;
            return this;
        }

        public Builder priceTimeout(Duration timeout) {
            this.priceTimeout = Objects.requireNonNull(timeout, "timeout == null");
            return this;
        }

        public Builder toolVersion(String toolVersion) {
            this.toolVersion = toolVersion;
            return this;
        }

        public Builder engine(String engine) {
            this.engine = Objects.requireNonNull(engine, "engine == null");
            return this;
        }

        public Builder engineSettings(EngineSettings engineSettings) {
            this.engineSettings = Objects.requireNonNull(engineSettings, "engineSettings == null");
            return this;
        }

        public Builder base(BaseRevision base) {
            this.base = base;
            return this;
        }

        public Builder policyRepo(PolicyRepository.Location location, Path cache) {
            this.policyRepo = location;
            this.policyRepoCache = cache;
            return this;
        }

        public Builder allowPrWaivers(boolean allow) {
            this.allowPrWaivers = allow;
            return this;
        }

        public Builder loadedPolicy(LoadedPolicy policy) {
            this.loadedPolicy = policy;
            return this;
        }

        public Builder catalog(PriceCatalog catalog) {
            this.catalog = catalog;
            return this;
        }

        public Builder sourceRoot(Path sourceRoot) {
            this.sourceRoot = sourceRoot;
            return this;
        }

        public GateConfig build() {
            return new GateConfig(this);
        }
    }
}
