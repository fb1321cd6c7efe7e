package dev.spendgate.git;

import dev.spendgate.yaml.YamlFiles;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.eclipse.jgit.util.io.DisabledOutputStream;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One git repository, read with JGit: revisions, merge bases, the files of a commit, and what
 * changed between a commit and the work tree. Paths are relative to the repository's top folder,
 * with forward slashes. Not thread-safe; close it after use.
 */
final class Repo implements AutoCloseable {

    private final Repository repository;
    private final Path top;
    /** {@link #top} with every symbolic link resolved. */
    private final Path realTop;

    private Repo(Repository repository) {
        this.repository = repository;
        // a bare repository (a policy repository's cache) has no work tree: its files are read from commits only
        this.top = (repository.isBare() ? repository.getDirectory() : repository.getWorkTree()).toPath().toAbsolutePath().normalize();
        this.realTop = real(top);
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return null;
        }
    }

    /** The repository whose work tree holds {@code dir}. */
    static Repo find(Path dir) throws GitException {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(dir.toAbsolutePath().toFile());
        if (builder.getGitDir() == null) {
            throw GitException.usage("git_no_repository", dir.toAbsolutePath().normalize()
                    + " is not inside a git repository (a base revision needs one)");
        }
        try {
            Repository r = builder.setMustExist(true).build();
            if (r.isBare()) {
                r.close();
                throw GitException.usage("git_no_repository", builder.getGitDir() + " is a bare repository: there is no work tree to gate");
            }
            return new Repo(r);
        } catch (IOException e) {
            throw GitException.failure("git_error", "cannot open the git repository at " + builder.getGitDir() + ": " + e.getMessage(), e);
        }
    }

    /** An open bare or non-bare repository (a policy repository's cache). */
    static Repo of(Repository repository) {
        return new Repo(repository);
    }

    /** The top folder of the work tree. */
    Path top() {
        return top;
    }

    /** True when the repository is a shallow clone: some commits' parents were not fetched. */
    boolean shallow() throws GitException {
        try {
            return !repository.getObjectDatabase().getShallowCommits().isEmpty();
        } catch (IOException e) {
            throw GitException.failure("git_error", "cannot read the shallow commits of " + top + ": " + e.getMessage(), e);
        }
    }

    /** The commit {@code rev} names (a branch, tag, SHA, {@code HEAD~2}...), or null when it names none. */
    ObjectId commit(String rev) throws GitException {
        try {
            return repository.resolve(rev + "^{commit}");
        } catch (RevisionSyntaxException e) {
            return null;
        } catch (MissingObjectException e) {
            return null;
        } catch (IOException e) {
            throw GitException.failure("git_error", "cannot resolve " + rev + ": " + e.getMessage(), e);
        }
    }

    /**
     * The best common ancestor of {@code a} and {@code b} (the first, when there are several), or
     * null when they have none in the history that is here.
     */
    ObjectId mergeBase(ObjectId a, ObjectId b) throws GitException {
        try (RevWalk walk = new RevWalk(repository)) {
            walk.setRevFilter(RevFilter.MERGE_BASE);
            walk.markStart(walk.parseCommit(a));
            walk.markStart(walk.parseCommit(b));
            RevCommit base = walk.next();
            return base == null ? null : base.copy();
        } catch (MissingObjectException e) {
            return null; // history cut short: the caller tells how to fetch it
        } catch (IOException e) {
            throw GitException.failure("git_error", "cannot walk the history of " + top + ": " + e.getMessage(), e);
        }
    }

    /** The abbreviated name of a commit, as people write it ({@code 3f2a1bc}). */
    static String abbreviate(ObjectId id) {
        return id.abbreviate(7).name();
    }

    /** The regular files of {@code commit} that {@code filter} takes, with their bytes, in path order. */
    Map<String, byte[]> files(ObjectId commit, PathsFilter filter, long maxBytes) throws GitException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (RevWalk rw = new RevWalk(repository); TreeWalk walk = new TreeWalk(repository)) {
            walk.addTree(rw.parseCommit(commit).getTree());
            walk.setRecursive(true);
            walk.setFilter(filter);
            List<String> links = new ArrayList<>();
            while (walk.next()) {
                if (isFile(walk.getFileMode(0))) {
                    out.put(walk.getPathString(), bytes(walk.getObjectReader(), walk.getObjectId(0), maxBytes));
                } else if (walk.getFileMode(0) == FileMode.SYMLINK) {
                    links.add(walk.getPathString());
                }
            }
            for (String link : links) {
                // a committed link is followed inside the commit, and refused when it leads out
                String target = resolveLinks(commit, link);
                byte[] bytes = target.isEmpty() ? null : file(commit, target, maxBytes);
                if (bytes != null) {
                    out.put(link, bytes);
                }
            }
            return out;
        } catch (IOException e) {
            throw GitException.failure("git_error", "cannot read the files of commit " + abbreviate(commit) + ": "
                    + e.getMessage(), e);
        }
    }

    /** The bytes of {@code path} at {@code commit}, or null when it is not a file there. */
    byte[] file(ObjectId commit, String path, long maxBytes) throws GitException {
        try (RevWalk rw = new RevWalk(repository);
             TreeWalk walk = TreeWalk.forPath(repository, path, rw.parseCommit(commit).getTree())) {
            if (walk == null || !isFile(walk.getFileMode(0))) {
                return null;
            }
            return bytes(walk.getObjectReader(), walk.getObjectId(0), maxBytes);
        } catch (IOException e) {
            throw GitException.failure("git_error", "cannot read " + abbreviate(commit) + ":" + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the files of {@code commit} that {@code filter} takes under {@code target}, at their
     * paths in the repository; returns how many.
     */
    int materialise(ObjectId commit, PathsFilter filter, Path target, long maxBytes) throws GitException {
        Map<String, byte[]> files = files(commit, filter, maxBytes);
        try {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Path p = target.resolve(f.getKey()).normalize();
                if (!p.startsWith(target)) {
                    continue; // a path git would not write either
                }
                Files.createDirectories(p.getParent());
                Files.write(p, f.getValue());
            }
        } catch (IOException e) {
            throw GitException.failure("git_error", "cannot write the files of " + abbreviate(commit) + " to " + target
                    + ": " + e.getMessage(), e);
        }
        return files.size();
    }

    /**
     * What changed from {@code commit} to the work tree as it is on disk — committed, staged,
     * unstaged and untracked (not ignored) files alike — among the files {@code filter} takes,
     * with renames detected.
     */
    List<FileChange> changesToWorkTree(ObjectId commit, PathsFilter filter) throws GitException {
        try (ObjectReader reader = repository.newObjectReader(); RevWalk rw = new RevWalk(reader)) {
            CanonicalTreeParser old = new CanonicalTreeParser();
            old.reset(reader, rw.parseCommit(commit).getTree());
            return diff(old, new FileTreeIterator(repository), filter);
        } catch (IOException e) {
            throw GitException.failure("git_error", "cannot compare " + abbreviate(commit) + " with the work tree: "
                    + e.getMessage(), e);
        }
    }

    private List<FileChange> diff(AbstractTreeIterator a, AbstractTreeIterator b, PathsFilter filter) throws IOException {
        try (DiffFormatter diff = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
            diff.setRepository(repository);
            diff.setDetectRenames(true);
            diff.setPathFilter(filter);
            List<FileChange> out = new ArrayList<>();
            for (DiffEntry e : diff.scan(a, b)) {
                String status = e.getChangeType().name().toLowerCase(Locale.ROOT);
                status = switch (status) {
                    case "add" -> "added";
                    case "modify" -> "modified";
                    case "delete" -> "deleted";
                    case "rename" -> "renamed";
                    default -> "copied";
                };
                out.add(new FileChange(status, e.getChangeType() == DiffEntry.ChangeType.ADD ? null : e.getOldPath(),
                        e.getChangeType() == DiffEntry.ChangeType.DELETE ? null : e.getNewPath()));
            }
            return out;
        }
    }

    private static boolean isFile(FileMode mode) {
        return mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE;
    }

    /** A blob's bytes; a larger one than {@code maxBytes} is cut one byte past it, so its reader reports the size. */
    private static byte[] bytes(ObjectReader reader, ObjectId blob, long maxBytes) throws IOException {
        ObjectLoader loader = reader.open(blob);
        if (loader.getSize() <= maxBytes) {
            return loader.getCachedBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes));
        }
        try (var in = loader.openStream()) {
            return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        }
    }

    @Override
    public void close() {
        repository.close();
    }

    /**
     * Which files of a tree a run reads: those at or under any of {@code prefixes} (paths in the
     * repository; "" is all of it) that {@code accept} takes — a prefix that names a file is taken
     * whatever its name. Folders that manifest discovery skips ({@link YamlFiles#SKIPPED_DIRECTORIES})
     * are skipped here too, unless a prefix is in them.
     */
    static final class PathsFilter extends TreeFilter {

        private final List<String> prefixes;
        private final Predicate<String> accept;

        PathsFilter(List<String> prefixes, Predicate<String> accept) {
            this.prefixes = List.copyOf(prefixes);
            this.accept = accept;
        }

        /** YAML files ({@code *.yaml}, {@code *.yml}) at or under {@code prefixes}. */
        static PathsFilter yaml(List<String> prefixes) {
            return new PathsFilter(prefixes, p -> {
                String n = p.toLowerCase(Locale.ROOT);
                return n.endsWith(".yaml") || n.endsWith(".yml");
            });
        }

        /** Every file at or under {@code prefixes}. */
        static PathsFilter all(List<String> prefixes) {
            return new PathsFilter(prefixes, p -> true);
        }

        @Override
        public boolean include(TreeWalk walk) {
            String path = walk.getPathString();
            if (walk.isSubtree()) {
                String name = path.substring(path.lastIndexOf('/') + 1);
                boolean skipped = YamlFiles.SKIPPED_DIRECTORIES.contains(name);
                for (String prefix : prefixes) {
                    if (prefix.equals(path) || prefix.startsWith(path + "/")) {
                        return true; // on the way to a prefix, or the prefix itself
                    }
                    if ((prefix.isEmpty() || path.startsWith(prefix + "/")) && !skipped) {
                        return true;
                    }
                }
                return false;
            }
            for (String prefix : prefixes) {
                if (prefix.equals(path)) {
                    return true;
                }
                if ((prefix.isEmpty() || path.startsWith(prefix + "/")) && accept.test(path)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public boolean shouldBeRecursive() {
            return prefixes.stream().anyMatch(p -> p.contains("/"));
        }

        @Override
        public TreeFilter clone() {
            return this;
        }

        @Override
        public String toString() {
            return "PathsFilter" + prefixes;
        }
    }

    /**
     * {@code file} as a path in this repository, or null when it is outside the work tree. Symbolic
     * links are resolved up to the repository (so a path that reaches the work tree through a link
     * to it is inside), not within it: inside, the path is the repository's, to be read from a
     * commit, whatever the work tree's links make of it.
     *
     * @throws GitException {@code git_path_leaves_repository} when the path is in the repository
     *                      but the work tree's links lead it out: it is never read from disk
     */
    String pathOf(Path file) throws GitException {
        Path abs = file.toAbsolutePath().normalize();
        if (realTop == null) {
            return abs.startsWith(top) ? top.relativize(abs).toString().replace(File.separatorChar, '/') : null;
        }
        Path root = abs.getRoot();
        int n = abs.getNameCount();
        for (int i = 0; i <= n; i++) {
            Path prefix = i == 0 ? root : root.resolve(abs.subpath(0, i));
            Path real = real(prefix);
            if (real == null) {
                break; // does not exist: nothing further down can lead into the repository
            }
            if (real.startsWith(realTop)) {
                Path rest = i == n ? Path.of("") : abs.subpath(i, n);
                String inRepo = realTop.relativize(real).resolve(rest).normalize().toString().replace(File.separatorChar, '/');
                Path target = real(abs);
                if (target != null && !target.startsWith(realTop)) {
                    throw GitException.usage("git_path_leaves_repository", (inRepo.isEmpty() ? "." : inRepo)
                            + " in the git repository at " + top + " leads through symbolic links to " + target
                            + ", outside it: a path into the repository is read from the base revision, never from "
                            + "where the work tree points");
                }
                return inRepo;
            }
        }
        return null;
    }

    /**
     * The path a committed path stands for at {@code commit}: each symbolic link on the way
     * (the file itself or a folder above it) is followed inside the commit's tree.
     *
     * @throws GitException {@code git_link_outside_repository} when a link leads out of the repository
     */
    String resolveLinks(ObjectId commit, String path) throws GitException {
        try (RevWalk rw = new RevWalk(repository)) {
            RevCommit c = rw.parseCommit(commit);
            String done = "";
            java.util.Deque<String> todo = new java.util.ArrayDeque<>(List.of(path.split("/")));
            int hops = 0;
            while (!todo.isEmpty()) {
                String part = todo.pollFirst();
                if (part.isEmpty() || part.equals(".")) {
                    continue;
                }
                String candidate = done.isEmpty() ? part : done + "/" + part;
                try (TreeWalk walk = TreeWalk.forPath(repository, candidate, c.getTree())) {
                    if (walk == null || walk.getFileMode(0) != FileMode.SYMLINK) {
                        done = candidate;
                        continue;
                    }
                    String link = new String(walk.getObjectReader().open(walk.getObjectId(0)).getCachedBytes(4096),
                            java.nio.charset.StandardCharsets.UTF_8);
                    String parent = done;
                    String joined = link.startsWith("/") ? link : (parent.isEmpty() ? link : parent + "/" + link);
                    String normal = Path.of(joined).normalize().toString().replace(File.separatorChar, '/');
                    if (link.startsWith("/") || normal.equals("..") || normal.startsWith("../") || ++hops > 40) {
                        throw GitException.usage("git_link_outside_repository", abbreviate(commit) + ":" + candidate
                                + " is a symbolic link to " + link + ", which leads out of the repository"
                                + (hops > 40 ? " (or loops)" : "") + ": a committed link must stay inside it");
                    }
                    List<String> rest = new ArrayList<>(todo);
                    todo.clear();
                    todo.addAll(List.of(normal.split("/")));
                    todo.addAll(rest);
                    done = "";
                }
            }
            return done;
        } catch (IOException e) {
            throw GitException.failure("git_error", "cannot read " + abbreviate(commit) + ":" + path + ": " + e.getMessage(), e);
        }
    }
}
