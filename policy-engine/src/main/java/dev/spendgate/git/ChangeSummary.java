package dev.spendgate.git;

import java.util.List;
import java.util.Objects;

/**
 * What a git-aware run ({@code check --base REV}) judged: the base revision and merge base, the
 * manifests that changed against the merge base (those are gated, or every manifest with
 * {@code --all}) and the ones deleted, where the trusted policy came from, and the changes to
 * policy and waivers that the change under review makes but that take effect only after merge.
 *
 * @param base           the base revision as it resolved ({@code main}, {@code origin/main}, a SHA)
 * @param baseSource     how it was chosen: {@code --base}, {@code GITHUB_BASE_REF}, ...
 * @param baseCommit     the commit it names (the trusted policy is read there)
 * @param mergeBase      the merge base of it and HEAD (manifests are compared with their versions there)
 * @param head           the HEAD commit
 * @param all            every manifest is gated, not only the changed ones
 * @param newOnly        only findings that did not exist at the merge base block
 * @param policySource   where the policy set, packs and waivers were read: {@code <commit>:<path>},
 *                       a policy repository {@code <url>@<commit>:<path>}, or the shipped defaults
 * @param manifests      the manifests added, modified, moved or deleted since the merge base, by name
 * @param pendingPolicy  policy files (the policy set, its pack folders and waivers, the price catalog)
 *                       that the change modifies: they take effect after merge
 * @param pendingWaivers waivers the change adds or modifies: awaiting approval by merge
 * @param uncommitted    files judged as they are in the work tree though they differ from HEAD
 */
public record ChangeSummary(
        String base,
        String baseSource,
        String baseCommit,
        String mergeBase,
        String head,
        boolean all,
        boolean newOnly,
        String policySource,
        List<ManifestChange> manifests,
        List<PathChange> pendingPolicy,
        List<PendingWaiver> pendingWaivers,
        List<String> uncommitted) {

    public ChangeSummary {
        Objects.requireNonNull(base, "base == null");
        Objects.requireNonNull(baseSource, "baseSource == null");
        Objects.requireNonNull(baseCommit, "baseCommit == null");
        Objects.requireNonNull(mergeBase, "mergeBase == null");
        Objects.requireNonNull(head, "head == null");
        Objects.requireNonNull(policySource, "policySource == null");
        manifests = List.copyOf(manifests);
        pendingPolicy = List.copyOf(pendingPolicy);
        pendingWaivers = List.copyOf(pendingWaivers);
        uncommitted = List.copyOf(uncommitted);
    }

    /**
     * A manifest that changed since the merge base, followed by its name across files.
     *
     * @param status   {@code added}, {@code modified} (gated), {@code moved} (to another file, its
     *                 document unchanged: not gated) or {@code deleted}
     * @param file     where it is now (null when deleted)
     * @param baseFile where it was at the merge base, {@code <commit>:<path>} (null when added)
     */
    public record ManifestChange(String name, String status, String file, String baseFile) {
        public ManifestChange {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(status, "status == null");
        }
    }

    /**
     * A file changed since the merge base.
     *
     * @param status  {@code added}, {@code modified}, {@code deleted}, {@code renamed} or {@code copied}
     * @param path    its path in the repository (the old one when deleted)
     * @param oldPath the path it was renamed or copied from, else null
     */
    public record PathChange(String path, String status, String oldPath) {
        public PathChange {
            Objects.requireNonNull(path, "path == null");
            Objects.requireNonNull(status, "status == null");
        }
    }

    /**
     * A waiver the change adds or modifies.
     *
     * @param status  {@code added} or {@code modified}
     * @param applied true when it applies all the same ({@code --allow-pr-waivers}, given by the
     *                pipeline); false when it waits for approval by merge
     */
    public record PendingWaiver(String name, String rule, String manifest, String file, String status, boolean applied) {
        public PendingWaiver {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(status, "status == null");
        }
    }

    /** The manifests with {@code status}. */
    public List<ManifestChange> manifests(String status) {
        return manifests.stream().filter(m -> m.status().equals(status)).toList();
    }
}
