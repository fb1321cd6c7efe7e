package dev.spendgate.spend.opencost;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which manifest and team an OpenCost allocation belongs to. Tags are Kubernetes labels. The
 * request aggregates by {@code label:<manifest tag>,label:<team tag>}, so each allocation's name is
 * its label values joined with {@code /} ({@code chat-bot/ml-platform}), with {@code __unallocated__}
 * for a missing label; label values cannot contain {@code /}. When OpenCost also sends the labels
 * ({@code properties.labels}), they are looked up under the tag, its Prometheus-sanitised form
 * ({@code spendgate_manifest}) and that form with the {@code label_} prefix, and win over the name.
 * Idle cost ({@code __idle__}) belongs to no one.
 */
final class Attribution {

    private static final Pattern NOT_PROMETHEUS = Pattern.compile("[^a-zA-Z0-9_]");

    private final String manifestTag;
    private final String teamTag;
    private final List<String> manifestKeys;
    private final List<String> teamKeys;
    private final Set<String> keys = new LinkedHashSet<>();

    Attribution(String manifestTag, String teamTag) {
        this.manifestTag = manifestTag;
        this.teamTag = teamTag;
        this.manifestKeys = keys(manifestTag);
        this.teamKeys = keys(teamTag);
        keys.addAll(manifestKeys);
        keys.addAll(teamKeys);
    }

    /** The {@code aggregate} parameter: one label when both tags are the same. */
    String aggregate() {
        return manifestTag.equals(teamTag) ? "label:" + manifestTag : "label:" + manifestTag + ",label:" + teamTag;
    }

    /** True when {@code labelKey} is one the attribution reads, so the parser keeps its value. */
    boolean reads(String labelKey) {
        return keys.contains(labelKey);
    }

    /** {@code [manifest, team]}, each null when the allocation has no such label. */
    String[] attribute(String name, Map<String, String> labels) {
        if (name.contains("__idle__")) {
            return new String[2];
        }
        String[] parts = name.split("/", -1);
        boolean named = parts.length == (manifestTag.equals(teamTag) ? 1 : 2);
        String manifest = label(labels, manifestKeys);
        String team = label(labels, teamKeys);
        if (manifest == null && named) {
            manifest = value(parts[0]);
        }
        if (team == null && named) {
            team = value(parts[parts.length - 1]);
        }
        return new String[] {manifest, team};
    }

    /** What Prometheus, and so OpenCost, makes of a label name: every other character becomes {@code _}. */
    static String sanitise(String labelName) {
        return NOT_PROMETHEUS.matcher(labelName).replaceAll("_");
    }

    private static List<String> keys(String tag) {
        Set<String> out = new LinkedHashSet<>();
        out.add(tag);
        out.add(sanitise(tag));
        out.add("label_" + sanitise(tag));
        return new ArrayList<>(out);
    }

    private static String label(Map<String, String> labels, List<String> keys) {
        for (String k : keys) {
            String v = value(labels.get(k));
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** Null for no value: absent, empty, or one of OpenCost's markers ({@code __unallocated__}). */
    private static String value(String v) {
        if (v == null || v.isEmpty() || (v.length() > 4 && v.startsWith("__") && v.endsWith("__"))) {
            return null;
        }
        return v;
    }
}
