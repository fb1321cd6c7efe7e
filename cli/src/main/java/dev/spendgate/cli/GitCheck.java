package dev.spendgate.cli;

import dev.spendgate.cost.PriceCatalog;
import dev.spendgate.cost.PriceFiles;
import dev.spendgate.engine.EngineException;
import dev.spendgate.engine.EngineSettings;
import dev.spendgate.error.InvalidInputException;
import dev.spendgate.gate.GateReport;
import dev.spendgate.gate.GateSession;
import dev.spendgate.git.BaseRevision;
import dev.spendgate.git.ChangeReview;
import dev.spendgate.git.ChangeSummary;
import dev.spendgate.git.GitException;
import dev.spendgate.git.PolicyRepository;
import dev.spendgate.input.Diagnostic;
import dev.spendgate.manifest.Manifest;
import dev.spendgate.policy.LoadedPolicy;
import dev.spendgate.spend.SpendException;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code check} with a base revision or a policy repository: gates the manifests the change adds or
 * modifies, each against its base version, under the policy of the base revision or the policy
 * repository, never the change's own. A class of its own so that JGit loads only when a run reads git.
 */
final class GitCheck {

    private final Path workDir;
    private final InputOptions inputs;
    private final BaseRevision base;
    private final boolean all;
    private final boolean newOnly;
    private final boolean allowPrWaivers;
    private final String policyRepo;
    private final Map<String, String> env;

    GitCheck(Path workDir, InputOptions inputs, BaseRevision base, boolean all, boolean newOnly, boolean allowPrWaivers,
             String policyRepo, Map<String, String> env) {
        this.workDir = workDir;
        this.inputs = inputs;
        this.base = base;
        this.all = all;
        this.newOnly = newOnly;
        this.allowPrWaivers = allowPrWaivers;
        this.policyRepo = policyRepo;
        this.env = env;
    }

    GateReport run(List<Path> paths, Instant now, String engine, EngineSettings settings, SpendInput spend)
            throws GitException, InvalidInputException, EngineException, SpendException, UsageException {
        PolicyRepository.Loaded fromRepository = policyRepo == null ? null : PolicyRepository.load(location(), cache());
        if (base == null) {
            // a pinned policy, and no change to judge: every manifest, as without git
            PriceCatalog catalog = PriceFiles.overShipped(inputs.prices, workDir);
            GateSession session = GateSession.of(fromRepository.policy(), catalog, Version.VERSION, workDir);
            List<Manifest> manifests = session.loadManifests(paths);
            return session.check(manifests, Map.of(), now, engine, settings, spend.read(session, manifests, workDir, env, now));
        }
        try (ChangeReview review = ChangeReview.open(workDir, base)) {
            ChangeReview.Trusted trusted = review.trusted(inputs.policy, inputs.prices, fromRepository, allowPrWaivers);
            GateSession session = GateSession.of(trusted.policy(), trusted.catalog(), Version.VERSION, workDir);
            List<Manifest> current = session.loadManifests(paths);
            ChangeReview.Selection selection = review.select(current, paths.stream().map(Path::toString).toList(), all);
            GateReport report = session.check(selection.gated(), selection.bases(), now, engine, settings,
                    spend.read(session, selection.gated(), workDir, env, now));
            if (newOnly) {
                // the same policy over the base versions: what of the report was there before the change
                List<Manifest> before = selection.gated().stream().map(m -> selection.bases().get(m.name()))
                        .filter(Objects::nonNull).toList();
                report = report.onlyNew(session.check(before, now, engine, settings));
            }
            ChangeSummary summary = review.summary(selection, all, newOnly, trusted.source(), trusted.pendingPolicy(),
                    trusted.pendingWaivers());
            List<Diagnostic> diagnostics = new ArrayList<>(selection.diagnostics());
            diagnostics.addAll(trusted.diagnostics());
            return report.withChanges(summary, diagnostics);
        }
    }

    /** The policy set (with its packs) that judges changes against {@code base}: the base revision's own. */
    static LoadedPolicy basePolicy(Path workDir, Path policy, String base) throws GitException, InvalidInputException {
        try (ChangeReview review = ChangeReview.open(workDir, BaseRevision.given(base))) {
            return review.trusted(policy, List.of(), null, false).policy();
        }
    }

    private PolicyRepository.Location location() throws UsageException {
        try {
            return PolicyRepository.Location.parse(policyRepo);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--policy-repo: " + e.getMessage());
        }
    }

    /**
     * Where policy repositories are cached: {@code $SPENDGATE_CACHE_DIR/policy-repos}, else
     * {@code $XDG_CACHE_HOME/spendgate/policy-repos}, else {@code ~/.cache/spendgate/policy-repos}.
     */
    private Path cache() {
        String own = env.get("SPENDGATE_CACHE_DIR");
        if (own != null && !own.isBlank()) {
            return Path.of(own, "policy-repos");
        }
        String xdg = env.get("XDG_CACHE_HOME");
        Path root = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return root.resolve("spendgate").resolve("policy-repos");
    }
}
