package dev.spendgate.docs;

import dev.spendgate.cases.PackCase;
import dev.spendgate.policy.Intents;
import dev.spendgate.policy.Pack;
import dev.spendgate.policy.RuleInfo;
import dev.spendgate.yaml.YamlNode;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The rules reference of a pack in Markdown, made from its {@code pack.yaml} and its cases: per
 * rule its id (the heading, so {@code docs: baseline#sg-own-001} finds it), title, default level,
 * intent with the parameters and their defaults, the exact firing condition, the message, the
 * remediation, and a manifest of the pack's cases on which it fires and one on which it does not.
 * The same pack and cases give the same bytes.
 */
public final class RuleReference {

    private RuleReference() {
    }

    /**
     * The page of {@code pack}.
     *
     * @param source where the pack's files are, as the page names them ({@code rule-packs/baseline})
     * @param cases  the pack's cases, in the order of their files
     */
    public static String page(Pack pack, String source, List<PackCase> cases) {
        StringBuilder out = new StringBuilder();
        out.append("# The `").append(pack.id()).append("` rule pack, version ").append(pack.version()).append("\n\n");
        out.append("Made by `spendgate docs` from `").append(source).append("/pack.yaml` and the cases in `")
                .append(source).append("/cases/`; edit those, not this page. `spendgate explain RULE` prints a rule's ")
                .append("text with the level your policy set enforces.\n\n");
        out.append("| rule | title | intent | default level |\n|---|---|---|---|\n");
        for (RuleInfo r : pack.rules()) {
            out.append("| [").append(r.id()).append("](#").append(anchor(r.id())).append(") | ").append(cell(r.title()))
                    .append(" | `").append(r.intent()).append("` | ").append(r.level().wireName()).append(" |\n");
        }
        out.append('\n');
        for (RuleInfo r : pack.rules()) {
            rule(out, r, cases);
        }
        return out.toString();
    }

    /** The anchor GitHub gives the heading {@code ### id}: lower case, as {@code docs:} anchors are written. */
    public static String anchor(String ruleId) {
        return ruleId.toLowerCase(Locale.ROOT);
    }

    private static void rule(StringBuilder out, RuleInfo r, List<PackCase> cases) {
        out.append("### ").append(r.id()).append("\n\n");
        out.append("**").append(r.title()).append("** · intent `").append(r.intent()).append("` · ")
                .append(r.level().wireName()).append(" by default\n\n");
        out.append("**Condition:** ").append(r.description().strip()).append("\n\n");
        out.append("**Message:** `").append(r.message().strip()).append("`\n\n");
        out.append("**Fix:** ").append(r.remediation().strip()).append("\n\n");
        Map<String, String> params = Intents.defaults().get(r.intent());
        if (params == null) {
            out.append("**Parameters:** none; the intent `").append(r.intent()).append("` has no parameters in a policy set.\n\n");
        } else {
            out.append("**Parameters** of the intent, with their defaults (set them under `intents:` in the policy set):\n\n");
            out.append("```yaml\nintents:\n  ").append(r.intent()).append(":\n");
            params.forEach((name, value) -> out.append("    ").append(name).append(": ").append(value).append('\n'));
            out.append("```\n\n");
        }
        Optional<Example> fires = firing(r.id(), cases);
        Optional<Example> passes = passing(r.id(), cases);
        example(out, "Fires", r.id(), fires);
        example(out, "Passes", r.id(), passes);
    }

    /** A manifest of a case, and the case. */
    private record Example(PackCase c, YamlNode manifest) {
    }

    /** The first case that expects a finding of {@code rule}, preferring one that fails or warns, and its manifest. */
    private static Optional<Example> firing(String rule, List<PackCase> cases) {
        for (boolean strict : new boolean[] {true, false}) {
            for (PackCase c : cases) {
                for (PackCase.Expectation e : c.expect()) {
                    if (e.rule().equals(rule) && (!strict || "fail".equals(e.outcome()) || "warn".equals(e.outcome()))) {
                        return Optional.of(new Example(c, named(c, e.manifest())));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The first case that says {@code rule} must not fire, and its first manifest. */
    private static Optional<Example> passing(String rule, List<PackCase> cases) {
        return cases.stream().filter(c -> c.absent().contains(rule)).findFirst()
                .map(c -> new Example(c, c.manifests().get(0)));
    }

    private static YamlNode named(PackCase c, String name) {
        if (name != null) {
            for (YamlNode m : c.manifests()) {
                if (m instanceof YamlNode.Mapping map && map.get("metadata") instanceof YamlNode.Mapping meta
                        && meta.get("name") instanceof YamlNode.Scalar s && name.equals(s.text())) {
                    return m;
                }
            }
        }
        return c.manifests().get(0);
    }

    private static void example(StringBuilder out, String what, String rule, Optional<Example> example) {
        if (example.isEmpty()) {
            out.append("**").append(what).append(":** no case of the pack shows ").append(rule)
                    .append(what.equals("Fires") ? " firing" : " not firing").append(".\n\n");
            return;
        }
        PackCase c = example.get().c();
        out.append("**").append(what).append("** — case `").append(c.id()).append("` in `").append(c.location().file())
                .append('`').append(c.description().isEmpty() ? "" : ": " + c.description().strip()).append("\n\n");
        if (c.policy() != null) {
            out.append("The case's policy:\n\n```yaml\n").append(YamlText.block(c.policy())).append("```\n\n");
        }
        out.append("The manifest");
        if (!c.bases().isEmpty()) {
            out.append(" (judged against a base version of it)");
        }
        if (c.spend() != null) {
            out.append(" (with the case's live spend)");
        }
        out.append(":\n\n```yaml\n").append(YamlText.block(example.get().manifest())).append("```\n\n");
    }

    /** Text in a table cell: a pipe would end the cell. */
    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
