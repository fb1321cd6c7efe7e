package dev.spendgate.engine.opa.testing;

import dev.spendgate.gate.Finding;
import dev.spendgate.gate.GateReport;
import dev.spendgate.gate.ManifestReport;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Compares what two engines made of the same input: every finding (manifest, rule, outcome, path,
 * place, message and evidence), as sorted lines, with a readable diff when they differ.
 */
public final class Parity {

    private Parity() {
    }

    /** One line per finding, sorted: the whole of what an engine decided, engine-neutrally. */
    public static List<String> lines(GateReport report) {
        List<String> out = new ArrayList<>();
        for (ManifestReport m : report.manifests()) {
            out.add(m.name() + " verdict " + m.verdict().wireName());
            for (Finding f : m.findings()) {
                out.add(line(m.name(), f));
            }
        }
        for (Finding f : report.policyFindings()) {
            out.add(line("(policy)", f));
        }
        out.sort(null);
        return out;
    }

    /**
     * The differences between two engines' reports, as a diff of their {@link #lines}: {@code -}
     * only in {@code left}, {@code +} only in {@code right}; empty when they agree.
     */
    public static List<String> diff(String leftName, GateReport left, String rightName, GateReport right) {
        List<String> a = lines(left);
        List<String> b = lines(right);
        List<String> onlyA = new ArrayList<>(a);
        b.forEach(onlyA::remove);
        List<String> onlyB = new ArrayList<>(b);
        a.forEach(onlyB::remove);
        List<String> out = new ArrayList<>();
        onlyA.forEach(l -> out.add("- only on " + leftName + ": " + l));
        onlyB.forEach(l -> out.add("+ only on " + rightName + ": " + l));
        return out;
    }

    /** {@link #diff} as one message for an assertion, or null when the reports agree. */
    public static String explain(String what, String leftName, GateReport left, String rightName, GateReport right) {
        List<String> d = diff(leftName, left, rightName, right);
        if (d.isEmpty()) {
            return null;
        }
        return what + ": the engines disagree (" + d.size() + " line" + (d.size() == 1 ? "" : "s") + ")\n  "
                + String.join("\n  ", d);
    }

    private static String line(String manifest, Finding f) {
        return manifest + " " + f.rule() + " " + f.outcome().wireName() + " at " + f.path() + " ("
                + f.location().line() + ":" + f.location().column() + ")" + " evidence " + evidence(f.evidence())
                + (f.waiver() == null ? "" : " waiver " + f.waiver()) + " message \"" + f.message() + "\"";
    }

    private static String evidence(Map<String, Object> evidence) {
        return evidence.entrySet().stream().map(e -> e.getKey() + "=" + value(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static String value(Object v) {
        if (v instanceof String s) {
            return "\"" + s + "\"";
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof List<?> list) {
            return list.stream().map(Parity::value).collect(Collectors.joining(", ", "[", "]"));
        }
        return String.valueOf(v);
    }
}
