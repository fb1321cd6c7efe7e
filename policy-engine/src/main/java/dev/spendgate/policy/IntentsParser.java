package dev.spendgate.policy;

import dev.spendgate.manifest.Environment;
import dev.spendgate.manifest.TaskType;
import dev.spendgate.yaml.Fields;
import dev.spendgate.yaml.Ttl;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a policy set's {@code intents:} into {@link Parameters}: every intent and parameter is
 * optional and falls back to {@link Parameters#defaults()}; unknown intents and parameters are
 * problems with a did-you-mean.
 */
final class IntentsParser {

    static final BigDecimal MAX_AMOUNT = new BigDecimal("1e12");
    private static final long MAX_TOKENS = 1_000_000_000L;
    private static final BigDecimal MAX_FRACTION = new BigDecimal(100);

    private IntentsParser() {
    }

    /** The parameters {@code intents} sets (null: none), over the defaults. */
    static Parameters parse(Fields intents) {
        Parameters d = Parameters.defaults();
        if (intents == null) {
            return d;
        }
        Parameters p = new Parameters(
                ownership(intents.mapping("ownership"), d.ownership()),
                budgets(intents.mapping("budgets"), d.budgets()),
                expiry(intents.mapping("expiry"), d.expiry()),
                modelSelection(intents.mapping("modelSelection"), d.modelSelection()),
                tokens(intents.mapping("tokens"), d.tokens()),
                gpu(intents.mapping("gpu"), d.gpu()),
                liveSpend(intents.mapping("liveSpend"), d.liveSpend()),
                changes(intents.mapping("changes"), d.changes()),
                unitEconomics(intents.mapping("unitEconomics"), d.unitEconomics()),
                prices(intents.mapping("prices"), d.prices()));
        intents.rejectUnknown();
        return p;
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static Parameters.Ownership ownership(Fields f, Parameters.Ownership d) {
        if (f == null) {
            return d;
        }
        Parameters.Ownership p = new Parameters.Ownership(or(f.strings("requiredTags"), d.requiredTags()),
                or(f.strings("teams"), d.teams()));
        f.rejectUnknown();
        return p;
    }

    private static Parameters.Budgets budgets(Fields f, Parameters.Budgets d) {
        if (f == null) {
            return d;
        }
        BigDecimal max = or(f.number("maxPerExperiment", BigDecimal.ZERO, MAX_AMOUNT), d.maxPerExperiment());
        BigDecimal approval = or(f.number("approvalAbove", BigDecimal.ZERO, MAX_AMOUNT), d.approvalAbove());
        Map<String, BigDecimal> teams = new LinkedHashMap<>(d.teamMonthly());
        Fields t = f.mapping("teams");
        if (t != null) {
            for (String team : t.keys()) {
                Fields one = t.mapping(team);
                if (one != null) {
                    one.require("monthly");
                    BigDecimal monthly = one.number("monthly", BigDecimal.ZERO, MAX_AMOUNT);
                    if (monthly != null) {
                        teams.put(team, monthly);
                    }
                    one.rejectUnknown();
                }
            }
        }
        f.rejectUnknown();
        return new Parameters.Budgets(max, approval, teams);
    }

    private static Parameters.Expiry expiry(Fields f, Parameters.Expiry d) {
        if (f == null) {
            return d;
        }
        Ttl max = or(f.duration("maxTtl"), d.maxTtl());
        f.rejectUnknown();
        return new Parameters.Expiry(max);
    }

    private static Parameters.ModelSelection modelSelection(Fields f, Parameters.ModelSelection d) {
        if (f == null) {
            return d;
        }
        List<TaskType> frontier = or(f.listOf("frontierTaskTypes", Fields.names(TaskType.class)), d.frontierTaskTypes());
        Map<Environment, List<String>> allowed = new LinkedHashMap<>(d.allowedModels());
        Fields a = f.mapping("allowedModels");
        if (a != null) {
            Map<String, Environment> environments = Fields.names(Environment.class);
            for (String env : environments.keySet()) {
                List<String> models = a.strings(env);
                if (models != null) {
                    allowed.put(environments.get(env), models);
                }
            }
            a.rejectUnknown();
        }
        f.rejectUnknown();
        return new Parameters.ModelSelection(frontier, allowed);
    }

    private static Parameters.Tokens tokens(Fields f, Parameters.Tokens d) {
        if (f == null) {
            return d;
        }
        Long system = f.integer("maxSystemPromptTokens", 0, MAX_TOKENS);
        Long input = f.integer("maxInputTokens", 1, MAX_TOKENS);
        Long retries = f.integer("maxRetries", 0, 100);
        f.rejectUnknown();
        return new Parameters.Tokens(system != null ? system : d.maxSystemPromptTokens(),
                input != null ? input : d.maxInputTokens(), retries != null ? retries.intValue() : d.maxRetries());
    }

    private static Parameters.Gpu gpu(Fields f, Parameters.Gpu d) {
        if (f == null) {
            return d;
        }
        Boolean spot = f.bool("spotOutsideProduction");
        Boolean schedule = f.bool("scheduleOutsideProduction");
        Long maxGpus = f.integer("maxGpusWithoutApproval", 0, 100_000);
        BigDecimal target = f.number("targetUtilization", BigDecimal.ZERO, BigDecimal.ONE);
        f.rejectUnknown();
        return new Parameters.Gpu(spot != null ? spot : d.spotOutsideProduction(),
                schedule != null ? schedule : d.scheduleOutsideProduction(),
                maxGpus != null ? maxGpus.intValue() : d.maxGpusWithoutApproval(), or(target, d.targetUtilization()));
    }

    private static Parameters.LiveSpend liveSpend(Fields f, Parameters.LiveSpend d) {
        if (f == null) {
            return d;
        }
        BigDecimal warnAt = or(f.number("warnAt", BigDecimal.ZERO, MAX_FRACTION), d.warnAt());
        BigDecimal blockAt = or(f.number("blockAt", BigDecimal.ZERO, MAX_FRACTION), d.blockAt());
        if (warnAt.compareTo(blockAt) > 0) {
            f.problem(f.has("warnAt") ? "warnAt" : "blockAt", "warnAt (" + warnAt.toPlainString()
                    + ") is above blockAt (" + blockAt.toPlainString() + "): warnings would come after the block");
        }
        Ttl staleness = or(f.duration("maxStaleness"), d.maxStaleness());
        BigDecimal anomaly = or(f.number("anomalyFactor", BigDecimal.ONE, new BigDecimal(1000)), d.anomalyFactor());
        String column = or(f.text("costColumn"), d.costColumn());
        if (!dev.spendgate.spend.SpendQuery.COST_COLUMNS.contains(column)) {
            f.problem("costColumn", f.path("costColumn") + ": '" + column + "' is not a FOCUS cost column spendgate sums"
                    + " (EffectiveCost or BilledCost)" + dev.spendgate.yaml.DidYouMean.suggest(column,
                    dev.spendgate.spend.SpendQuery.COST_COLUMNS).map(s -> ", did you mean " + s + "?").orElse(""));
            column = d.costColumn();
        }
        Map<String, String> tags = new LinkedHashMap<>(d.tags());
        Fields t = f.mapping("tags");
        if (t != null) {
            for (String key : List.of("manifest", "team")) {
                String tag = t.text(key);
                if (tag != null) {
                    tags.put(key, tag);
                }
            }
            t.rejectUnknown();
        }
        f.rejectUnknown();
        return new Parameters.LiveSpend(warnAt, blockAt, staleness, anomaly, column, tags);
    }

    private static Parameters.Changes changes(Fields f, Parameters.Changes d) {
        if (f == null) {
            return d;
        }
        BigDecimal max = or(f.number("maxBudgetIncrease", BigDecimal.ZERO, new BigDecimal(1000)), d.maxBudgetIncrease());
        BigDecimal amount = d.maxEstimateIncreaseAmount();
        BigDecimal percent = d.maxEstimateIncreasePercent();
        Fields estimate = f.mapping("maxEstimateIncrease");
        if (estimate != null) {
            // given: exactly the limits it names, at least one
            amount = estimate.number("amount", BigDecimal.ZERO, MAX_AMOUNT);
            percent = estimate.number("percent", BigDecimal.ZERO, new BigDecimal(100_000));
            if (amount == null && percent == null) {
                estimate.require("percent");
            }
            estimate.rejectUnknown();
        }
        f.rejectUnknown();
        return new Parameters.Changes(max, amount, percent);
    }

    private static Parameters.UnitEconomics unitEconomics(Fields f, Parameters.UnitEconomics d) {
        if (f == null) {
            return d;
        }
        Map<Environment, BigDecimal> byEnvironment = perEnvironment(f.mapping("maxCostPer1kRequests"));
        Map<String, Map<Environment, BigDecimal>> teams = new LinkedHashMap<>();
        Fields t = f.mapping("teams");
        if (t != null) {
            for (String team : t.keys()) {
                Fields one = t.mapping(team);
                if (one != null) {
                    one.require("maxCostPer1kRequests");
                    Map<Environment, BigDecimal> limits = perEnvironment(one.mapping("maxCostPer1kRequests"));
                    if (limits != null) {
                        teams.put(team, limits);
                    }
                    one.rejectUnknown();
                }
            }
        }
        f.rejectUnknown();
        return new Parameters.UnitEconomics(byEnvironment == null ? d.maxCostPer1kRequests() : byEnvironment, teams);
    }

    /** {@code {dev: 1.00, production: 5.00}}: amounts by environment name, did-you-mean for others. */
    private static Map<Environment, BigDecimal> perEnvironment(Fields f) {
        if (f == null) {
            return null;
        }
        Map<Environment, BigDecimal> out = new LinkedHashMap<>();
        Map<String, Environment> environments = Fields.names(Environment.class);
        for (String env : environments.keySet()) {
            BigDecimal limit = f.number(env, BigDecimal.ZERO, MAX_AMOUNT);
            if (limit != null) {
                out.put(environments.get(env), limit);
            }
        }
        f.rejectUnknown();
        return out;
    }

    private static Parameters.Prices prices(Fields f, Parameters.Prices d) {
        if (f == null) {
            return d;
        }
        Ttl maxAge = or(f.duration("maxAge"), d.maxAge());
        f.rejectUnknown();
        return new Parameters.Prices(maxAge);
    }
}
