package dev.spendgate.manifest;

/** Model price/capability tier, ordered: {@code small < mid < frontier}. */
public enum ModelTier {
    small, mid, frontier
}
