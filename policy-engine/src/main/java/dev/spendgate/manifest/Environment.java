package dev.spendgate.manifest;

/** Where a workload runs; most guardrails are relaxed in {@code production} only. */
public enum Environment {
    dev, staging, production
}
