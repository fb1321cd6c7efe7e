package dev.spendgate.git;

import dev.spendgate.cost.LiteLlmPriceLoader;
import dev.spendgate.cost.PriceCatalog;
import dev.spendgate.cost.PriceFetcher;
import dev.spendgate.cost.PriceFiles;
import dev.spendgate.cost.PriceSource;
import dev.spendgate.error.InvalidInputException;
import dev.spendgate.error.SpendgateException;
import dev.spendgate.input.Diagnostic;
import dev.spendgate.input.DisplayPath;
import dev.spendgate.input.Problem;
import dev.spendgate.manifest.Manifest;
import dev.spendgate.manifest.ManifestLoader;
import dev.spendgate.policy.LoadedPolicy;
import dev.spendgate.policy.PolicySet;
import dev.spendgate.policy.PolicySetLoader;
import dev.spendgate.policy.Waiver;
import dev.spendgate.policy.WaiverLoader;
import dev.spendgate.yaml.YamlFiles;
import dev.spendgate.yaml.YamlLimits;
import org.eclipse.jgit.lib.ObjectId;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A change under review: the work tree of a git repository against a base revision. It finds the
 * merge base of the base revision and HEAD, and which manifests the change adds, modifies, moves or
 * deletes since then — following each by its {@code metadata.name}, so a manifest moved to another
 * file keeps its base version.
 *
 * <p>The change is the work tree as it is on disk, which is what the gate reads without a base:
 * commits since the merge base, and staged, unstaged and untracked (not ignored) files alike. Files
 * that differ from HEAD are named in the report, so a dirty work tree is never judged silently.
 * Not thread-safe; close it after use.
 */
public final class ChangeReview implements AutoCloseable {

    private final Repo repo;
    private final Path workDir;
    private final BaseRevision requested;
    private final String rev;
    private final ObjectId baseCommit;
    private final ObjectId head;
    private final ObjectId mergeBase;

    private ChangeReview(Repo repo, Path workDir, BaseRevision requested, String rev, ObjectId baseCommit,
                         ObjectId head, ObjectId mergeBase) {
        this.repo = repo;
        this.workDir = workDir;
        this.requested = requested;
        this.rev = rev;
        this.baseCommit = baseCommit;
        this.head = head;
        this.mergeBase = mergeBase;
    }

    /**
     * Opens the repository holding {@code workDir} and finds the base revision and the merge base.
     *
     * @throws GitException when there is no repository, the base names no commit, or the history
     *                      between them is not there (a shallow clone: the message says how to fetch it)
     */
    public static ChangeReview open(Path workDir, BaseRevision base) throws GitException {
        Repo repo = Repo.find(workDir);
        try {
            ObjectId head = repo.commit("HEAD");
            if (head == null) {
                throw GitException.usage("git_unknown_revision", "HEAD has no commit yet: commit the change to judge it against "
                        + base.display());
            }
            String rev = null;
            ObjectId baseCommit = null;
            for (String candidate : base.candidates()) {
                baseCommit = repo.commit(candidate);
                if (baseCommit != null) {
                    rev = candidate;
                    break;
                }
            }
            boolean shallow = repo.shallow();
            if (baseCommit == null) {
                String tried = String.join(", ", base.candidates());
                if (shallow) {
                    throw GitException.failure("git_shallow", "base revision " + base.display() + " (from " + base.source()
                            + ") is not in this shallow clone (tried " + tried + "): fetch it with its history, e.g. "
                            + fetchAdvice(base), null);
                }
                throw GitException.usage("git_unknown_revision", "base revision " + base.display() + " (from " + base.source()
                        + ") names no commit of this repository (tried " + tried + "); fetch it first, e.g. "
                        + "`git fetch origin " + branchOf(base.display()) + "`");
            }
            ObjectId mergeBase = repo.mergeBase(baseCommit, head);
            if (mergeBase == null) {
                if (shallow) {
                    throw GitException.failure("git_shallow", "the merge base of " + rev + " and HEAD is not in this shallow "
                            + "clone's history: fetch more of it, e.g. " + fetchAdvice(base), null);
                }
                throw GitException.usage("git_no_merge_base", rev + " and HEAD have no common history: there is no merge "
                        + "base to judge the change against");
            }
            return new ChangeReview(repo, workDir, base, rev, baseCommit, head, mergeBase);
        } catch (GitException | RuntimeException e) {
            repo.close();
            throw e;
        }
    }

    private static String fetchAdvice(BaseRevision base) {
        String branch = branchOf(base.display());
        return "`git fetch --deepen=200 origin " + branch + "` (repeat until it is found) or `git fetch --unshallow origin "
                + branch + "`; with actions/checkout set `fetch-depth: 0`";
    }

    private static String branchOf(String rev) {
        return rev.startsWith("origin/") ? rev.substring("origin/".length()) : rev;
    }

    /**
     * What the change does to the manifests under {@code paths}.
     *
     * @param gated     the manifests to judge: those added or modified (by name) since the merge
     *                  base, or every one of them with {@code all}; in their order
     * @param bases     the base version of each gated manifest that has one, by name
     * @param changes   the manifests added, modified, moved or deleted since the merge base
     * @param uncommitted the files under {@code paths} that differ from HEAD in the work tree
     * @param deleted   the base versions of the manifests the change deletes
     */
    public record Selection(List<Manifest> gated, Map<String, Manifest> bases, List<ChangeSummary.ManifestChange> changes,
                            List<String> uncommitted, List<Diagnostic> diagnostics, List<Manifest> deleted) {
        public Selection {
            gated = List.copyOf(gated);
            deleted = List.copyOf(deleted);
            bases = Map.copyOf(bases);
            changes = List.copyOf(changes);
            uncommitted = List.copyOf(uncommitted);
            diagnostics = List.copyOf(diagnostics);
        }
    }

    /**
     * Selects the manifests to gate among {@code current}, every manifest of the work tree under
     * {@code paths} (as given, relative to the working directory; the default folders when empty).
     *
     * @throws GitException when a path is outside the repository or git cannot be read
     */
    public Selection select(List<Manifest> current, List<String> paths, boolean all) throws GitException {
        List<String> given = paths.isEmpty() ? ManifestLoader.defaultPaths(workDir) : paths;
        List<String> prefixes = new ArrayList<>();
        for (String p : given) {
            String inRepo = repo.pathOf(workDir.resolve(p));
            if (inRepo == null) {
                throw GitException.usage("git_outside_repository", p + " is outside the git repository at " + repo.top());
            }
            prefixes.add(inRepo);
        }
        Repo.PathsFilter manifests = Repo.PathsFilter.yaml(prefixes);
        List<FileChange> changed = repo.changesToWorkTree(mergeBase, manifests);

        Set<String> changedNow = new LinkedHashSet<>();
        List<ManifestLoader.Source> before = new ArrayList<>();
        String at = Repo.abbreviate(mergeBase);
        for (FileChange c : changed) {
            if (c.newPath() != null) {
                changedNow.add(c.newPath());
            }
            if (c.oldPath() != null && !c.status().equals("copied")) {
                byte[] bytes = repo.file(mergeBase, c.oldPath(), YamlLimits.defaults().maxBytes());
                if (bytes != null) {
                    before.add(new ManifestLoader.Source(at + ":" + c.oldPath(), bytes));
                }
            }
        }
        List<Diagnostic> diagnostics = new ArrayList<>();
        ManifestLoader.Result base = new ManifestLoader().read(before);
        base.problems().forEach(p -> diagnostics.add(Diagnostic.warning("base_unreadable", p.location(),
                p.message() + " (its manifest at the merge base is not compared)")));
        Map<String, Manifest> baseByName = new LinkedHashMap<>();
        base.manifests().forEach(m -> baseByName.putIfAbsent(m.name(), m));

        List<Manifest> gated = new ArrayList<>();
        Map<String, Manifest> bases = new HashMap<>();
        List<ChangeSummary.ManifestChange> changes = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (Manifest m : current) {
            names.add(m.name());
            String path = repo.pathOf(workDir.resolve(m.file()));
            if (!changedNow.contains(path)) {
                if (all) {
                    gated.add(m);
                    bases.put(m.name(), m); // its file did not change: it is its own base version
                }
                continue;
            }
            Manifest was = baseByName.get(m.name());
            String status = was == null ? "added"
                    : !was.document().equals(m.document()) ? "modified"
                    : !was.file().equals(at + ":" + path) ? "moved" : "unchanged";
            if (!status.equals("unchanged")) {
                changes.add(new ChangeSummary.ManifestChange(m.name(), status, m.file(), was == null ? null : was.file()));
            }
            if (all || status.equals("added") || status.equals("modified")) {
                gated.add(m);
                if (was != null) {
                    bases.put(m.name(), was);
                }
            }
        }
        List<Manifest> deleted = new ArrayList<>();
        for (Manifest was : baseByName.values()) {
            if (!names.contains(was.name())) {
                changes.add(new ChangeSummary.ManifestChange(was.name(), "deleted", null, was.file()));
                deleted.add(was);
            }
        }

        List<String> uncommitted = new ArrayList<>();
        for (FileChange c : repo.changesToWorkTree(head, manifests)) {
            uncommitted.add(c.path());
        }
        if (!uncommitted.isEmpty()) {
            diagnostics.add(Diagnostic.warning("uncommitted_changes", null, uncommitted.size() + " manifest file"
                    + (uncommitted.size() == 1 ? " differs" : "s differ") + " from HEAD in the work tree, judged as on disk: "
                    + String.join(", ", uncommitted)));
        }
        return new Selection(gated, bases, changes, uncommitted, diagnostics, deleted);
    }

    /**
     * The policy that judges the change, and what the change would change about it.
     *
     * @param policy         the policy set with its packs and waivers, from the base revision (or a
     *                       policy repository), with the change's own waivers when they are allowed
     * @param catalog        the price catalog, from the base revision when {@code --prices} is in the repository
     * @param source         where the policy set was read, for the report
     * @param pendingPolicy  policy files the change modifies (waiver files apart), effective after merge
     * @param pendingWaivers waivers the change adds or modifies
     */
    public record Trusted(LoadedPolicy policy, PriceCatalog catalog, String source,
                          List<ChangeSummary.PathChange> pendingPolicy, List<ChangeSummary.PendingWaiver> pendingWaivers,
                          List<Diagnostic> diagnostics) {
        public Trusted {
            pendingPolicy = List.copyOf(pendingPolicy);
            pendingWaivers = List.copyOf(pendingWaivers);
            diagnostics = List.copyOf(diagnostics);
        }
    }

    /**
     * Reads the policy that judges the change from the base revision, never from the change: the
     * policy set file {@code policy} (the default {@code .spendgate/policy.yaml} when null) with the
     * pack folders and waivers it names, and the price files {@code priceFiles} laid over the shipped
     * catalog in order ({@link PriceFiles}; may be empty). A file (or a URL, read with {@code fetcher})
     * outside the repository is the pipeline's own, not the change's, and is read from disk. A policy
     * set the base revision does not have is the shipped defaults until the change is merged.
     *
     * @param fromRepository the policy set of a policy repository, which then replaces the base's; or null
     * @param allowPrWaivers let waivers that the change adds or modifies apply before merge
     * @throws SpendgateException   {@code prices_unreachable} when a price URL gives no answer and nothing is cached
     * @throws InvalidInputException when the trusted policy, the prices, or (when allowed) the
     *                               change's waivers do not load
     */
    public Trusted trusted(Path policy, List<PriceSource> priceFiles, PriceFetcher fetcher,
                           PolicyRepository.Loaded fromRepository, boolean allowPrWaivers)
            throws SpendgateException {
        long max = YamlLimits.defaults().maxBytes();
        String at = Repo.abbreviate(baseCommit);
        List<Diagnostic> diagnostics = new ArrayList<>();
        Set<String> policyPaths = new LinkedHashSet<>();
        String waivers = null;
        LoadedPolicy loaded;
        String source;
        if (fromRepository != null) {
            loaded = fromRepository.policy();
            source = fromRepository.source();
        } else {
            Path file = workDir.resolve(policy != null ? policy : Path.of(PolicySetLoader.DEFAULT_FILE));
            String inRepo = repo.pathOf(file);
            if (inRepo == null) {
                loaded = new PolicySetLoader().load(file, display(policy));
                source = display(policy);
            } else {
                policyPaths.add(inRepo);
                TrustedPolicy.Loaded base = TrustedPolicy.load(repo, baseCommit, inRepo);
                if (base != null) {
                    loaded = base.policy();
                    source = base.source();
                    policyPaths.addAll(base.files().all());
                    waivers = base.files().waivers();
                } else if (policy != null && !Files.isRegularFile(file)) {
                    loaded = new PolicySetLoader().load(file, display(policy)); // not here either: the usual problem
                    source = display(policy);
                } else {
                    loaded = new PolicySetLoader().defaults();
                    source = "shipped defaults (" + at + " has no " + inRepo + ")";
                }
                // what the change's own policy set names, so that folders it adds are listed as pending too
                if (Files.isRegularFile(file)) {
                    policyPaths.addAll(TrustedPolicy.references(inRepo, read(file)).all());
                }
            }
        }

        PriceCatalog catalog = PriceCatalog.shipped();
        List<Problem> priceProblems = new ArrayList<>();
        for (PriceSource given : priceFiles) {
            if (given instanceof PriceSource.Url url) {
                try {
                    catalog = catalog.overlay(Objects.requireNonNull(fetcher, "a URL needs a fetcher").load(url));
                } catch (InvalidInputException e) {
                    priceProblems.addAll(e.problems());
                }
                continue;
            }
            Path prices = ((PriceSource.File) given).path();
            Path file = workDir.resolve(prices);
            String inRepo = repo.pathOf(file);
            long limit = PriceFiles.isLiteLlm(display(prices)) ? LiteLlmPriceLoader.MAX_BYTES : max;
            byte[] bytes = inRepo == null ? null : repo.file(baseCommit, repo.resolveLinks(baseCommit, inRepo), limit);
            if (inRepo != null) {
                policyPaths.add(inRepo);
            }
            try {
                if (bytes != null) {
                    catalog = catalog.overlay(PriceFiles.read(at + ":" + inRepo, bytes));
                } else if (inRepo == null || !Files.isRegularFile(file)) {
                    catalog = catalog.overlay(PriceFiles.read(file, display(prices)));
                } else {
                    diagnostics.add(Diagnostic.warning("prices_pending", null, display(prices) + " is not in the base "
                            + "revision " + at + ": it does not price this change, and takes effect after merge"));
                }
            } catch (InvalidInputException e) {
                priceProblems.addAll(e.problems());
            }
        }
        if (!priceProblems.isEmpty()) {
            throw new InvalidInputException(priceProblems);
        }

        List<ChangeSummary.PathChange> pendingPolicy = new ArrayList<>();
        if (!policyPaths.isEmpty()) {
            for (FileChange c : repo.changesToWorkTree(mergeBase, Repo.PathsFilter.all(List.copyOf(policyPaths)))) {
                if (waivers == null || !under(c.path(), waivers)) {
                    pendingPolicy.add(new ChangeSummary.PathChange(c.path(), c.status(),
                            c.newPath() != null && c.oldPath() != null && !c.oldPath().equals(c.newPath()) ? c.oldPath() : null));
                }
            }
        }

        List<ChangeSummary.PendingWaiver> pendingWaivers = new ArrayList<>();
        if (waivers != null) {
            loaded = changeWaivers(loaded, waivers, allowPrWaivers, pendingWaivers, diagnostics);
        }
        return new Trusted(loaded, catalog, source, pendingPolicy, pendingWaivers, diagnostics);
    }

    /**
     * The waivers that the change adds or modifies in {@code waivers} (a path in the repository),
     * compared by name with the trusted ones: listed as pending, and applied only when allowed.
     */
    private LoadedPolicy changeWaivers(LoadedPolicy trusted, String waivers, boolean allow,
                                       List<ChangeSummary.PendingWaiver> pending, List<Diagnostic> diagnostics)
            throws InvalidInputException {
        Path here = repo.top().resolve(waivers);
        if (!Files.exists(here)) {
            return trusted;
        }
        try {
            repo.pathOf(here);
        } catch (GitException e) {
            // the change points its waivers out of the repository: nothing there is read, nor applies
            diagnostics.add(Diagnostic.warning("waiver_pending_invalid", null, e.getMessage()));
            return trusted;
        }
        Map<String, Waiver> base = new LinkedHashMap<>();
        trusted.policySet().waivers().forEach(w -> base.put(w.name(), w));
        List<Waiver> mine;
        try {
            mine = new WaiverLoader().load(here, YamlFiles.display(workDir, here), trusted.rules().keySet());
        } catch (InvalidInputException e) {
            if (allow) {
                throw e; // they would apply: they must load
            }
            e.problems().forEach(p -> diagnostics.add(Diagnostic.warning("waiver_pending_invalid", p.location(),
                    p.message() + " (a waiver of the change under review; it does not apply)")));
            return trusted;
        }
        Map<String, Waiver> applied = new LinkedHashMap<>(base);
        for (Waiver w : mine) {
            Waiver was = base.get(w.name());
            if (was != null && same(was, w)) {
                continue;
            }
            pending.add(new ChangeSummary.PendingWaiver(w.name(), w.rule(), w.manifest(), w.locations().file(),
                    was == null ? "added" : "modified", allow));
            if (allow) {
                applied.put(w.name(), w);
            }
        }
        if (!allow || pending.isEmpty()) {
            return trusted;
        }
        PolicySet p = trusted.policySet();
        return new LoadedPolicy(p.withWaivers(List.copyOf(applied.values())), trusted.packs());
    }

    private static boolean same(Waiver a, Waiver b) {
        return a.rule().equals(b.rule()) && a.manifest().equals(b.manifest()) && a.reason().equals(b.reason())
                && a.approver().equals(b.approver()) && java.util.Objects.equals(a.ticket(), b.ticket())
                && a.expires().equals(b.expires());
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    private static String display(Path path) {
        return DisplayPath.of(path).text();
    }

    private static byte[] read(Path file) throws GitException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw GitException.failure("git_error", "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The summary for the report of a run over {@code selection}. */
    public ChangeSummary summary(Selection selection, boolean all, boolean newOnly, String policySource,
                                 List<ChangeSummary.PathChange> pendingPolicy,
                                 List<ChangeSummary.PendingWaiver> pendingWaivers) {
        return new ChangeSummary(rev, requested.source(), baseCommit.name(), mergeBase.name(), head.name(), all, newOnly,
                policySource, selection.changes(), pendingPolicy, pendingWaivers, selection.uncommitted());
    }

    @Override
    public void close() {
        repo.close();
    }
}
