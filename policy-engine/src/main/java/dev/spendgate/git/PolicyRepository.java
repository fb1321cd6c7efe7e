package dev.spendgate.git;

import dev.spendgate.error.InvalidInputException;
import dev.spendgate.input.Problem;
import dev.spendgate.input.SourceLocation;
import dev.spendgate.policy.LoadedPolicy;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A policy set kept in a git repository of its own ({@code --policy-repo URL@REF:PATH}), out of
 * reach of the changes it judges. The repository is fetched with JGit into a bare repository in a
 * local cache (one per URL), REF is resolved there to a commit, and the policy set at PATH of that
 * commit is loaded as {@link TrustedPolicy} loads one; the report names the commit, so a run is
 * pinned to it. A full commit SHA that the cache already has needs no network.
 */
public final class PolicyRepository {

    private PolicyRepository() {
    }

    /**
     * Where the policy set is: {@code URL@REF:PATH}, e.g.
     * {@code https://git.example.com/finops/policy.git@v3:spendgate/policy.yaml}. The last {@code @}
     * ends the URL (which may hold one, as in {@code git@host:repo.git}), and the first {@code :}
     * after it ends REF (refs cannot hold one).
     */
    public record Location(String url, String ref, String path) {

        public Location {
            Objects.requireNonNull(url, "url == null");
            Objects.requireNonNull(ref, "ref == null");
            Objects.requireNonNull(path, "path == null");
        }

        /** @throws IllegalArgumentException with what is wrong, for a usage error */
        public static Location parse(String text) {
            int at = text.lastIndexOf('@');
            int colon = at < 0 ? -1 : text.indexOf(':', at);
            if (at <= 0 || colon < 0 || colon == at + 1 || colon == text.length() - 1) {
                throw new IllegalArgumentException("'" + text + "' is not URL@REF:PATH (e.g. "
                        + "https://git.example.com/finops/policy.git@main:spendgate/policy.yaml)");
            }
            String path = text.substring(colon + 1);
            while (path.startsWith("/")) {
                path = path.substring(1);
            }
            return new Location(text.substring(0, at), text.substring(at + 1, colon), path);
        }

        @Override
        public String toString() {
            return url + "@" + ref + ":" + path;
        }
    }

    /**
     * A policy set loaded from a policy repository.
     *
     * @param source {@code URL@<commit>:PATH}
     * @param commit the commit REF resolved to
     */
    public record Loaded(LoadedPolicy policy, String source, String commit) {
    }

    /**
     * Fetches {@code location} into {@code cache} (created when needed) and loads its policy set.
     *
     * @throws GitException          when the repository cannot be fetched (exit 4) or has no REF (exit 2)
     * @throws InvalidInputException when PATH is not there or its policy set does not load (exit 3)
     */
    public static Loaded load(Location location, Path cache) throws GitException, InvalidInputException {
        Path dir = cache.resolve(hash(location.url().replaceAll("/+$", "")) + ".git"); // one cache per repository, however written
        try (Repository repository = open(dir); Git git = new Git(repository)) {
            ObjectId commit = location.ref().matches("[0-9a-f]{40}") ? commit(repository, location.ref()) : null;
            if (commit == null) {
                try {
                    git.fetch().setRemote(location.url())
                            .setRefSpecs(new RefSpec("+refs/heads/*:refs/remotes/origin/*"), new RefSpec("+refs/tags/*:refs/tags/*"))
                            .setRemoveDeletedRefs(true).call();
                } catch (GitAPIException | RuntimeException e) {
                    throw GitException.failure("policy_repo_unreachable", "cannot fetch the policy repository "
                            + location.url() + ": " + e.getMessage(), e);
                }
                for (String candidate : List.of("refs/remotes/origin/" + location.ref(), "refs/tags/" + location.ref(),
                        location.ref())) {
                    commit = commit(repository, candidate);
                    if (commit != null) {
                        break;
                    }
                }
            }
            if (commit == null) {
                throw new GitException("policy_repo_unknown_ref", "the policy repository " + location.url()
                        + " has no branch, tag or commit " + location.ref());
            }
            String source = location.url() + "@" + commit.name() + ":" + location.path();
            TrustedPolicy.Loaded loaded = TrustedPolicy.load(Repo.of(repository), commit, location.path());
            if (loaded == null) {
                throw new InvalidInputException(List.of(new Problem(new SourceLocation(Repo.abbreviate(commit) + ":"
                        + location.path(), 1, 1), "no such file in the policy repository " + location.url()
                        + " at " + location.ref())));
            }
            return new Loaded(loaded.policy(), source, commit.name());
        }
    }

    private static Repository open(Path dir) throws GitException {
        try {
            if (Files.isDirectory(dir)) {
                return new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).setBare().build();
            }
            Files.createDirectories(dir.getParent());
            return Git.init().setBare(true).setDirectory(dir.toFile()).call().getRepository();
        } catch (IOException | GitAPIException | RuntimeException e) {
            throw GitException.failure("git_error", "cannot open the policy repository cache " + dir + ": " + e.getMessage(), e);
        }
    }

    private static ObjectId commit(Repository repository, String rev) throws GitException {
        return Repo.of(repository).commit(rev);
    }

    /** A stable folder name for a URL. */
    private static String hash(String url) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
