package dev.spendgate.yaml;

/**
 * Bounds on untrusted YAML: file size, nesting depth, aliases and the number of nodes the aliases
 * could expand to (a "billion laughs" document stays small on disk and explodes in memory).
 */
public record YamlLimits(int maxBytes, int maxDepth, int maxAliases, long maxExpandedNodes) {

    /** The limits for manifests, policy sets, waivers, cases and catalogs. */
    public static YamlLimits defaults() {
        return new YamlLimits(4 * 1024 * 1024, 64, 200, 200_000);
    }
}
