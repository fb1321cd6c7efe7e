package dev.spendgate.gate;

/**
 * Counts of a run: manifests by verdict, findings, and the files discovery skipped.
 */
public record Summary(int manifests, int passed, int warned, int failed, int findings, int waived, int skipped) {
}
