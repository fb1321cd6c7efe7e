package dev.spendgate.manifest;

import dev.spendgate.yaml.DidYouMean;
import dev.spendgate.yaml.YamlNode;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a YAML document (its decoded tree, escapes resolved) is spendgate's to judge.
 * A document is a manifest, to be gated or to be an input error, when it is not a policy document
 * and
 * <ul>
 *   <li>its {@code apiVersion} looks like spendgate's: a string (or a string in a list) naming
 *       spendgate in any case or with a typo ({@code spendgath.dev/v1}, {@code spendgate.dev.v1},
 *       {@code SpendGate.dev/v2}); or</li>
 *   <li>its {@code kind} is a workload kind (in any case) and its {@code apiVersion} is missing or
 *       not a string ({@code null}, a list, a number); or</li>
 *   <li>it has a manifest's shape: {@code metadata} and a {@code spec} with a {@code budget},
 *       {@code modelTier}, {@code models} or {@code compute}, whatever its {@code apiVersion}
 *       (so a workload kind of another tool, such as a Kubeflow Katib {@code Experiment}, is left
 *       alone unless it looks like a manifest).</li>
 * </ul>
 * Everything else is another tool's document and is not gated.
 */
final class Classifier {

    private static final List<String> DOMAIN = List.of("spendgate.dev");
    private static final Set<String> SHAPE_KEYS = Set.of("budget", "modelTier", "models", "compute");
    private static final Set<String> WORKLOAD_KINDS = Set.of("experiment", "trainingjob", "inferenceendpoint",
            "llmworkflow");

    private Classifier() {
    }

    static boolean isManifest(YamlNode.Mapping root) {
        YamlNode api = root.get("apiVersion");
        String kind = string(root.get("kind"));
        boolean ours = looksLikeSpendgate(api);
        if (kind != null && ManifestParser.POLICY_KINDS.contains(kind) && (ours || api == null)) {
            return false;
        }
        if (ours) {
            return true;
        }
        boolean workload = kind != null && WORKLOAD_KINDS.contains(kind.toLowerCase(Locale.ROOT));
        if (workload && string(api) == null) {
            return true;
        }
        return hasManifestShape(root);
    }

    /** True for an apiVersion that names spendgate, or a typo of it, or a list holding one. */
    static boolean looksLikeSpendgate(YamlNode api) {
        if (api instanceof YamlNode.Sequence seq) {
            return seq.items().stream().anyMatch(Classifier::looksLikeSpendgate);
        }
        String v = string(api);
        if (v == null) {
            return false;
        }
        String s = v.strip().toLowerCase(Locale.ROOT);
        String letters = s.replaceAll("[^a-z0-9]", "");
        if (letters.contains("spendgate") || letters.startsWith("spendgat")) {
            return true;
        }
        int slash = s.lastIndexOf('/');
        String group = slash < 0 ? s : s.substring(0, slash);
        return !group.isEmpty() && DidYouMean.suggest(group, DOMAIN).isPresent() && group.length() >= 9;
    }

    private static boolean hasManifestShape(YamlNode.Mapping root) {
        return root.get("metadata") instanceof YamlNode.Mapping
                && root.get("spec") instanceof YamlNode.Mapping spec
                && spec.entries().keySet().stream().anyMatch(SHAPE_KEYS::contains);
    }

    private static String string(YamlNode node) {
        return node instanceof YamlNode.Scalar s && s.value() instanceof String v ? v : null;
    }
}
