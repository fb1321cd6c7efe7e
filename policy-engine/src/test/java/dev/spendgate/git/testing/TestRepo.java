package dev.spendgate.git.testing;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A real git repository in a folder, made and changed with JGit, for tests: files written, moved
 * and deleted, commits on branches, merges, detached checkouts. Commits have a fixed author and a
 * clock that advances a minute per commit.
 */
public final class TestRepo implements AutoCloseable {

    private final Git git;
    private final Path dir;
    private Instant clock = Instant.parse("2026-11-01T09:00:00Z");

    private TestRepo(Git git, Path dir) {
        this.git = git;
        this.dir = dir;
    }

    /** A new repository in {@code dir} on branch main, with nothing committed. */
    public static TestRepo init(Path dir) {
        try {
            Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
            StoredConfig config = git.getRepository().getConfig();
            config.setString("user", null, "name", "Test");
            config.setString("user", null, "email", "test@example.com");
            config.setBoolean("commit", null, "gpgsign", false);
            config.save();
            return new TestRepo(git, dir);
        } catch (GitAPIException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An existing repository (a clone) in {@code dir}. */
    public static TestRepo open(Path dir) {
        try {
            return new TestRepo(Git.open(dir.toFile()), dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    public Git git() {
        return git;
    }

    public TestRepo write(String path, String text) {
        try {
            Path p = dir.resolve(path);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String read(String path) {
        try {
            return Files.readString(dir.resolve(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces {@code from} by {@code to} in the file at {@code path}, which must contain it. */
    public TestRepo edit(String path, String from, String to) {
        String text = read(path);
        if (!text.contains(from)) {
            throw new IllegalArgumentException(path + " does not contain " + from);
        }
        return write(path, text.replace(from, to));
    }

    public TestRepo delete(String path) {
        try {
            Files.delete(dir.resolve(path));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TestRepo move(String from, String to) {
        try {
            Path target = dir.resolve(to);
            Files.createDirectories(target.getParent());
            Files.move(dir.resolve(from), target);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stages every change (new, modified and deleted files) and commits it; returns the commit's SHA. */
    public String commit(String message) {
        try {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            PersonIdent who = ident();
            RevCommit c = git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
            return c.name();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates branch {@code name} at HEAD and checks it out. */
    public TestRepo branch(String name) {
        try {
            git.checkout().setCreateBranch(true).setName(name).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks out a branch, or a commit (detached HEAD). */
    public TestRepo checkout(String name) {
        try {
            git.checkout().setName(name).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Merges {@code branch} into the current branch with a merge commit; returns its SHA. */
    public String merge(String branch) {
        try {
            var result = git.merge().include(git.getRepository().resolve(branch))
                    .setFastForward(MergeCommand.FastForwardMode.NO_FF).setMessage("merge " + branch).setCommit(true).call();
            if (!result.getMergeStatus().isSuccessful()) {
                throw new IllegalStateException("merge of " + branch + " failed: " + result);
            }
            return result.getNewHead().name();
        } catch (GitAPIException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private PersonIdent ident() {
        clock = clock.plusSeconds(60);
        return new PersonIdent("Test", "test@example.com", clock, ZoneOffset.UTC);
    }

    /** A manifest that passes the baseline pack's defaults, with the values a test changes. */
    public static String manifest(String name, String amount, String tier, String ttl) {
        return "apiVersion: spendgate.dev/v1\n"
                + "kind: Experiment\n"
                + "metadata: {name: " + name + ", team: growth-ml, owner: alice@example.com, environment: dev, costCenter: CC-4410}\n"
                + "spec:\n"
                + "  purpose: fine-tune a small model\n"
                + "  taskType: classification\n"
                + "  modelTier: " + tier + "\n"
                + "  budget: {amount: " + amount + ", currency: USD, period: total}\n"
                + "  ttl: " + ttl + "\n"
                + "  compute: {gpuType: A10G, gpuCount: 1, hours: 10, capacity: spot, expectedUtilization: 0.7}\n";
    }

    @Override
    public void close() {
        git.close();
    }
}
