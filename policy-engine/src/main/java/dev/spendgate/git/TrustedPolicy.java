package dev.spendgate.git;

import dev.spendgate.error.InvalidInputException;
import dev.spendgate.input.DisplayPath;
import dev.spendgate.policy.LoadedPolicy;
import dev.spendgate.policy.PolicySetLoader;
import dev.spendgate.yaml.YamlDocument;
import dev.spendgate.yaml.YamlFile;
import dev.spendgate.yaml.YamlLimits;
import dev.spendgate.yaml.YamlNode;
import dev.spendgate.yaml.YamlReader;
import org.eclipse.jgit.lib.ObjectId;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A policy set read from a commit — the base revision of a change, or a pinned commit of a policy
 * repository — never from the change under review. The policy file, the pack folders and the
 * waivers it names are written out of the commit into a temporary folder and loaded there by the
 * ordinary loaders, so a policy set means the same from git as from disk; files are named
 * {@code <commit>:<path>} in messages.
 */
public final class TrustedPolicy {

    private TrustedPolicy() {
    }

    /**
     * The files a policy set consists of, as paths in its repository.
     *
     * @param policy      the policy set file
     * @param packFolders the pack folders it names (not the shipped packs, which come with spendgate)
     * @param waivers     the waivers file or folder it names, or null
     */
    record PolicyFiles(String policy, List<String> packFolders, String waivers) {

        /** Every path: the policy file, the pack folders, the waivers. */
        List<String> all() {
            Set<String> out = new LinkedHashSet<>();
            out.add(policy);
            out.addAll(packFolders);
            if (waivers != null) {
                out.add(waivers);
            }
            return List.copyOf(out);
        }
    }

    /**
     * A policy set loaded from a commit.
     *
     * @param source where it was read, {@code <commit>:<path>}
     */
    record Loaded(LoadedPolicy policy, String source, PolicyFiles files) {
    }

    /**
     * The policy set at {@code path} of {@code commit}, with its pack folders and waivers; null when
     * the commit has no such file.
     *
     * @throws InvalidInputException when it does not load (every problem, named {@code <commit>:<path>})
     */
    static Loaded load(Repo repo, ObjectId commit, String path) throws GitException, InvalidInputException {
        long max = YamlLimits.defaults().maxBytes();
        byte[] bytes = repo.file(commit, repo.resolveLinks(commit, path), max);
        if (bytes == null) {
            return null;
        }
        PolicyFiles files = references(path, bytes);
        String display = Repo.abbreviate(commit) + ":" + path;
        Path tmp;
        try {
            tmp = Files.createTempDirectory("spendgate-policy-");
        } catch (IOException e) {
            throw GitException.failure("git_error", "cannot make a temporary folder for the policy of " + display + ": "
                    + e.getMessage(), e);
        }
        try {
            repo.materialise(commit, Repo.PathsFilter.all(files.all()), tmp, max);
            return new Loaded(new PolicySetLoader().load(tmp.resolve(path), display), display, files);
        } finally {
            delete(tmp);
        }
    }

    /**
     * The files the policy set in {@code bytes} (at {@code path}) names; only the policy file itself
     * when it cannot be read, because then the loader says why.
     */
    static PolicyFiles references(String path, byte[] bytes) {
        String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
        List<String> packs = new ArrayList<>();
        String waivers = null;
        YamlFile file = new YamlReader().read(path, bytes);
        for (YamlDocument doc : file.documents()) {
            if (!(doc.root() instanceof YamlNode.Mapping root)) {
                continue;
            }
            if (root.get("packs") instanceof YamlNode.Sequence seq) {
                for (YamlNode item : seq.items()) {
                    if (item instanceof YamlNode.Scalar s && s.value() instanceof String ref
                            && (ref.contains("/") || ref.contains("\\") || ref.startsWith("."))) {
                        String p = resolve(dir, ref);
                        if (p != null) {
                            packs.add(p);
                        }
                    }
                }
            }
            if (root.get("waivers") instanceof YamlNode.Scalar s && s.value() instanceof String ref) {
                waivers = resolve(dir, ref);
            }
        }
        return new PolicyFiles(path, packs, waivers);
    }

    /** {@code ref} relative to folder {@code dir} of the repository; null when it leaves the repository. */
    private static String resolve(String dir, String ref) {
        String joined = dir.isEmpty() ? ref : dir + "/" + ref;
        String p = DisplayPath.of(Path.of(DisplayPath.of(joined).text()).normalize()).text();
        return p.isEmpty() || p.equals("..") || p.startsWith("../") || p.startsWith("/") ? null : p;
    }

    private static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the temporary folder " + dir, e);
        }
    }
}
