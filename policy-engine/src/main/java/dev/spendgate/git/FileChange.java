package dev.spendgate.git;

import java.util.Objects;

/**
 * One file changed between two trees, as git's diff with rename detection reports it.
 *
 * @param status  {@code added}, {@code modified}, {@code deleted}, {@code renamed} or {@code copied}
 * @param oldPath the path before (null when added), relative to the repository's top folder
 * @param newPath the path after (null when deleted)
 */
public record FileChange(String status, String oldPath, String newPath) {

    public FileChange {
        Objects.requireNonNull(status, "status == null");
    }

    /** The path the change is about: the new one, or the old one of a deleted file. */
    public String path() {
        return newPath != null ? newPath : oldPath;
    }
}
