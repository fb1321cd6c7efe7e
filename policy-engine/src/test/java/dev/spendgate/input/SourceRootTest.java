package dev.spendgate.input;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Files named from the repository's top folder, on real folders. */
class SourceRootTest {

    @TempDir
    Path tmp;

    private Path repository() throws IOException {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve(".git"));
        Files.createDirectories(repo.resolve("ml/manifests"));
        Files.writeString(repo.resolve("ml/manifests/a b.yaml"), "x: 1\n");
        return repo;
    }

    @Test
    void theTopFolderIsTheOneHoldingGitAboveTheWorkingFolder() throws IOException {
        Path repo = repository();
        SourceRoot root = SourceRoot.find(repo.resolve("ml"), null);
        assertEquals(repo.toRealPath(), root.root());
        assertEquals(Optional.of("ml/manifests/a b.yaml"), root.relative("manifests/a b.yaml"));
        assertEquals(Optional.of("ml/manifests/a b.yaml"), root.relative("./manifests/../manifests/a b.yaml"));
        assertEquals(Optional.of("ml/manifests/a%20b.yaml"), root.uri("manifests/a b.yaml"));
        assertEquals(Optional.of("ml/manifests/a b.yaml"),
                root.relative(repo.resolve("ml/manifests/a b.yaml").toAbsolutePath().toString()));
        assertEquals(repo.toRealPath().toUri().toString(), root.rootUri());
    }

    @Test
    void aGitFileMarksAWorktreeToo() throws IOException {
        Path repo = tmp.resolve("worktree");
        Files.createDirectories(repo.resolve("sub"));
        Files.writeString(repo.resolve(".git"), "gitdir: /elsewhere/.git/worktrees/w\n");
        assertEquals(Optional.of("sub/x.yaml"), SourceRoot.find(repo.resolve("sub"), null).relative("x.yaml"));
    }

    @Test
    void aFileOfTheRepositoryAtACommitIsNamedByItsPath() throws IOException {
        SourceRoot root = SourceRoot.find(repository().resolve("ml"), null);
        assertEquals(Optional.of(".spendgate/waivers/w.yaml"), root.relative("3f2a1bc:.spendgate/waivers/w.yaml"));
        assertEquals(Optional.empty(), root.uri("https://git.example/policy.git@3f2a1bc0:waivers/w.yaml"));
    }

    @Test
    void outsideTheRootAFileKeepsItsAbsolutePlace() throws IOException {
        Path repo = repository();
        Path outside = tmp.resolve("elsewhere/b.yaml");
        Files.createDirectories(outside.getParent());
        Files.writeString(outside, "x: 1\n");
        SourceRoot root = SourceRoot.find(repo.resolve("ml"), null);
        assertEquals(Optional.empty(), root.relative("../../elsewhere/b.yaml"));
        assertEquals(Optional.of(outside.toRealPath().toUri().toString()), root.uri("../../elsewhere/b.yaml"));
        assertEquals(DisplayPath.of(outside.toString()).text(), root.display(outside.toString()));
    }

    @Test
    void anExplicitRootIsFoundFromTheWorkingFolder() throws IOException {
        Path repo = repository();
        SourceRoot root = SourceRoot.find(repo.resolve("ml"), Path.of("manifests"));
        assertEquals(Optional.of("a b.yaml"), root.relative("manifests/a b.yaml"));
    }
}
