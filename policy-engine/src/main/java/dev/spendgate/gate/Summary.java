package dev.spendgate.gate;

/** Counts of a run: manifests by verdict, and findings. */
public record Summary(int manifests, int passed, int warned, int failed, int findings, int waived) {
}
