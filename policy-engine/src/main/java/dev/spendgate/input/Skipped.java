package dev.spendgate.input;

import java.util.Objects;

/**
 * A file found while looking for manifests that was not judged, and why: it cannot be decoded as
 * YAML text, is too large, is a dangling symbolic link or a loop of them, a link to a folder, or
 * not YAML at all. Reports list each one; {@code discovery.strict} makes each an input error.
 */
public record Skipped(String file, String reason) implements Comparable<Skipped> {

    public Skipped {
        Objects.requireNonNull(file, "file == null");
        Objects.requireNonNull(reason, "reason == null");
    }

    @Override
    public int compareTo(Skipped o) {
        int c = file.compareTo(o.file);
        return c != 0 ? c : reason.compareTo(o.reason);
    }

    @Override
    public String toString() {
        return file + ": skipped: " + reason;
    }
}
