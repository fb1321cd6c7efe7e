package dev.spendgate.policy;

import dev.spendgate.manifest.TaskType;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The intents a policy set may set, each with its parameters and their defaults written as a
 * policy set would write them ({@code maxTtl: 24h}, {@code requiredTags: [costCenter]}), taken from
 * {@link Parameters#defaults()}: what the rules reference says a rule's intent can tune.
 */
public final class Intents {

    private Intents() {
    }

    /** Intent name to parameter name to its default in YAML flow style, in the order of the README. */
    public static Map<String, Map<String, String>> defaults() {
        Parameters d = Parameters.defaults();
        Map<String, Map<String, String>> intents = new LinkedHashMap<>();
        intents.put("ownership", params(
                "requiredTags", list(d.ownership().requiredTags()),
                "teams", list(d.ownership().teams())));
        intents.put("budgets", params(
                "maxPerExperiment", number(d.budgets().maxPerExperiment()),
                "approvalAbove", number(d.budgets().approvalAbove()),
                "teams", map(d.budgets().teamMonthly())));
        intents.put("expiry", params("maxTtl", d.expiry().maxTtl().text()));
        intents.put("modelSelection", params(
                "frontierTaskTypes", list(d.modelSelection().frontierTaskTypes().stream().map(TaskType::name).toList()),
                "allowedModels", map(d.modelSelection().allowedModels())));
        intents.put("tokens", params(
                "maxSystemPromptTokens", String.valueOf(d.tokens().maxSystemPromptTokens()),
                "maxInputTokens", String.valueOf(d.tokens().maxInputTokens()),
                "maxRetries", String.valueOf(d.tokens().maxRetries())));
        intents.put("gpu", params(
                "spotOutsideProduction", String.valueOf(d.gpu().spotOutsideProduction()),
                "scheduleOutsideProduction", String.valueOf(d.gpu().scheduleOutsideProduction()),
                "maxGpusWithoutApproval", String.valueOf(d.gpu().maxGpusWithoutApproval()),
                "targetUtilization", number(d.gpu().targetUtilization())));
        Parameters.LiveSpend live = d.liveSpend();
        intents.put("liveSpend", params(
                "warnAt", number(live.warnAt()),
                "blockAt", number(live.blockAt()),
                "maxStaleness", live.maxStaleness().text(),
                "anomalyFactor", number(live.anomalyFactor()),
                "costColumn", live.costColumn(),
                "tags", map(live.tags())));
        Parameters.Changes changes = d.changes();
        Map<String, Object> estimate = new LinkedHashMap<>();
        if (changes.maxEstimateIncreaseAmount() != null) {
            estimate.put("amount", changes.maxEstimateIncreaseAmount());
        }
        if (changes.maxEstimateIncreasePercent() != null) {
            estimate.put("percent", changes.maxEstimateIncreasePercent());
        }
        intents.put("changes", params(
                "maxBudgetIncrease", number(changes.maxBudgetIncrease()),
                "maxEstimateIncrease", map(estimate)));
        intents.put("unitEconomics", params(
                "maxCostPer1kRequests", map(d.unitEconomics().maxCostPer1kRequests()),
                "teams", map(d.unitEconomics().teams())));
        intents.put("prices", params("maxAge", d.prices().maxAge().text()));
        return java.util.Collections.unmodifiableMap(intents);
    }

    private static Map<String, String> params(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    private static String number(BigDecimal n) {
        return n.toPlainString();
    }

    private static String list(Collection<?> items) {
        return items.stream().map(Intents::flow).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String map(Map<?, ?> entries) {
        return new TreeMap<>(entries.entrySet().stream().collect(Collectors.toMap(e -> e.getKey().toString(), Map.Entry::getValue)))
                .entrySet().stream().map(e -> e.getKey() + ": " + flow(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static String flow(Object value) {
        if (value instanceof BigDecimal n) {
            return number(n);
        }
        if (value instanceof Map<?, ?> m) {
            return map(m);
        }
        if (value instanceof List<?> l) {
            return list(l);
        }
        return value instanceof Enum<?> e ? e.name() : value.toString();
    }
}
