package dev.spendgate.gate;

import dev.spendgate.manifest.Manifest;
import dev.spendgate.spend.SpendSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The input of one {@link GateRunner#run}: which manifests (paths to discover, or manifests already
 * loaded with their base versions), the clock, which of a change's manifests to gate, an opened
 * spend source, and how the verdict counts. Immutable; made with {@link #builder(Instant)}.
 */
public final class RunInput {

    private final List<Path> paths;
    private final List<Manifest> manifests;
    private final Map<String, Manifest> bases;
    private final Instant now;
    private final boolean all;
    private final boolean newOnly;
    private final FailOn failOn;
    private final SpendSource spend;
    private final boolean strictDiscovery;
    private final boolean requireManifests;

    private RunInput(Builder b) {
        this.paths = List.copyOf(b.paths);
        this.manifests = b.manifests == null ? null : List.copyOf(b.manifests);
        this.bases = Map.copyOf(b.bases);
        this.now = b.now;
        this.all = b.all;
        this.newOnly = b.newOnly;
        this.failOn = b.failOn;
        this.spend = b.spend;
        this.strictDiscovery = b.strictDiscovery;
        this.requireManifests = b.requireManifests;
        if (manifests != null && !paths.isEmpty()) {
            throw new IllegalArgumentException("paths or manifests, not both");
        }
    }

    /** A run judged at {@code now}: the only clock any rule, waiver or spend window reads. */
    public static Builder builder(Instant now) {
        return new Builder(now);
    }

    /** Manifest files and folders to discover (the default folders when empty and no manifests are given). */
    public List<Path> paths() {
        return paths;
    }

    /** Manifests already loaded, or null when they are discovered from {@link #paths()}. */
    public List<Manifest> manifests() {
        return manifests;
    }

    /** With loaded manifests: their base versions by name, for the rules about changes. */
    public Map<String, Manifest> bases() {
        return bases;
    }

    public Instant now() {
        return now;
    }

    /** With a base revision: gate every manifest, changed or not. */
    public boolean all() {
        return all;
    }

    /** With a base revision: findings that existed at the merge base no longer block. */
    public boolean newOnly() {
        return newOnly;
    }

    public FailOn failOn() {
        return failOn;
    }

    /** The opened live-spend source, or null: the live-spend rules then do not apply. */
    public SpendSource spend() {
        return spend;
    }

    /**
     * Every file skipped while discovering the manifests is an input error ({@code --discovery-strict});
     * the policy set's {@code discovery.strict} asks the same, and either is enough.
     */
    public boolean strictDiscovery() {
        return strictDiscovery;
    }

    /** Discovering no manifest is an input error ({@code --require-manifests}, or {@code discovery.requireManifests}). */
    public boolean requireManifests() {
        return requireManifests;
    }

    /** Builds a {@link RunInput}. */
    public static final class Builder {

        private final List<Path> paths = new ArrayList<>();
        private List<Manifest> manifests;
        private Map<String, Manifest> bases = Map.of();
        private final Instant now;
        private boolean all;
        private boolean newOnly;
        private FailOn failOn = FailOn.FAIL;
        private SpendSource spend;
        private boolean strictDiscovery;
        private boolean requireManifests;

        private Builder(Instant now) {
            this.now = Objects.requireNonNull(now, "now == null");
        }

        public Builder paths(List<Path> paths) {
            this.paths.clear();
            this.paths.addAll(paths);
            return this;
        }

        public Builder manifests(List<Manifest> manifests, Map<String, Manifest> bases) {
            this.manifests = Objects.requireNonNull(manifests, "manifests == null");
            this.bases = Objects.requireNonNull(bases, "bases == null");
            return this;
        }

        public Builder all(boolean all) {
            this.all = all;
            return this;
        }

        public Builder newOnly(boolean newOnly) {
            this.newOnly = newOnly;
            return this;
        }

        public Builder failOn(FailOn failOn) {
            this.failOn = Objects.requireNonNull(failOn, "failOn == null");
            return this;
        }

        public Builder spend(SpendSource spend) {
            this.spend = spend;
            return this;
        }

        public Builder strictDiscovery(boolean strict) {
            this.strictDiscovery = strict;
            return this;
        }

        public Builder requireManifests(boolean require) {
            this.requireManifests = require;
            return this;
        }

        public RunInput build() {
            return new RunInput(this);
        }
    }
}
