package dev.spendgate.gate;

import dev.spendgate.cost.Alternatives;
import dev.spendgate.cost.Saving;
import dev.spendgate.policy.RuleInfo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Quantified savings: a finding of a rule that names an {@link RuleInfo#alternative() alternative}
 * carries what that alternative would save, priced in Java with the run's catalog (so every engine
 * gives the same numbers), and its message says it. A manifest's potential savings are its
 * findings' best alternatives taken together.
 */
final class Savings {

    private static final Pattern MODEL_PATH = Pattern.compile("/spec/models/(\\d{1,6})(/.*)?");

    private Savings() {
    }

    /** {@code f} with the savings of its rule's alternative, or {@code f} itself when there is none to price. */
    static Finding priced(Finding f, RuleInfo rule, Alternatives alternatives) {
        if (alternatives == null || rule.alternative() == null) {
            return f;
        }
        List<Saving> savings = switch (rule.alternative()) {
            case "spot" -> list(alternatives.spot());
            case "schedule" -> list(alternatives.schedule());
            case "smaller-model" -> alternatives.smallerModels();
            case "prompt-caching" -> modelIndex(f.path()).map(i -> list(alternatives.promptCaching(i))).orElse(List.of());
            case "shorter-prompt" -> modelIndex(f.path()).flatMap(i -> number(f, "limit")
                    .map(limit -> list(alternatives.shorterPrompt(i, limit.longValue())))).orElse(List.of());
            case "right-size" -> number(f, "target").map(t -> list(alternatives.rightSized(t))).orElse(List.of());
            default -> List.of();
        };
        if (savings.isEmpty()) {
            return f;
        }
        StringBuilder message = new StringBuilder(f.message());
        for (Saving s : savings) {
            message.append("; ").append(s.sentence());
        }
        return new Finding(f.rule(), f.title(), f.intent(), f.enforcement(), f.outcome(), message.toString(),
                f.remediation(), f.path(), f.location(), f.evidence(), f.waiver(), f.preexisting(), savings);
    }

    /**
     * The best saving of each finding (the largest; the first on a tie), taken together and priced
     * at once, or null when no finding has one.
     */
    static Saving together(List<Finding> findings, Alternatives alternatives) {
        if (alternatives == null) {
            return null;
        }
        List<Saving> best = new ArrayList<>();
        for (Finding f : findings) {
            f.savings().stream().max(Comparator.comparing(Saving::saves)).ifPresent(best::add);
        }
        return alternatives.combined(best).orElse(null);
    }

    private static List<Saving> list(Optional<Saving> s) {
        return s.map(List::of).orElse(List.of());
    }

    private static Optional<Integer> modelIndex(String path) {
        Matcher m = MODEL_PATH.matcher(path);
        return m.matches() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    private static Optional<BigDecimal> number(Finding f, String key) {
        Object v = f.evidence().get(key);
        if (v instanceof BigDecimal d) {
            return Optional.of(d);
        }
        if (v instanceof Number n) {
            return Optional.of(new BigDecimal(n.toString()));
        }
        return Optional.empty();
    }
}
