package dev.spendgate.policy;

import dev.spendgate.manifest.Environment;
import dev.spendgate.manifest.TaskType;
import dev.spendgate.yaml.Ttl;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The parameters of the packs' rules, grouped by intent as in a policy set's {@code intents:}.
 * Every value is resolved: absent keys carry the defaults of DESIGN section 3.
 */
public record Parameters(
        Ownership ownership,
        Budgets budgets,
        Expiry expiry,
        ModelSelection modelSelection,
        Tokens tokens,
        Gpu gpu,
        LiveSpend liveSpend,
        Changes changes,
        UnitEconomics unitEconomics,
        Prices prices) {

    public Parameters {
        Objects.requireNonNull(ownership, "ownership == null");
        Objects.requireNonNull(budgets, "budgets == null");
        Objects.requireNonNull(expiry, "expiry == null");
        Objects.requireNonNull(modelSelection, "modelSelection == null");
        Objects.requireNonNull(tokens, "tokens == null");
        Objects.requireNonNull(gpu, "gpu == null");
        Objects.requireNonNull(liveSpend, "liveSpend == null");
        Objects.requireNonNull(changes, "changes == null");
        Objects.requireNonNull(unitEconomics, "unitEconomics == null");
        Objects.requireNonNull(prices, "prices == null");
    }

    /** Parameters with the default {@code unitEconomics} (no limits) and {@code prices} intents. */
    public Parameters(Ownership ownership, Budgets budgets, Expiry expiry, ModelSelection modelSelection, Tokens tokens,
                      Gpu gpu, LiveSpend liveSpend, Changes changes) {
        this(ownership, budgets, expiry, modelSelection, tokens, gpu, liveSpend, changes, UnitEconomics.NONE, Prices.DEFAULT);
    }

    /** The parameters of a policy set that sets none. */
    public static Parameters defaults() {
        return new Parameters(
                new Ownership(List.of("costCenter"), List.of()),
                new Budgets(new BigDecimal("1000"), new BigDecimal("5000"), Map.of()),
                new Expiry(new Ttl("24h", Duration.ofHours(24))),
                new ModelSelection(List.of(TaskType.reasoning, TaskType.generation), Map.of()),
                new Tokens(500, 32000, 3),
                new Gpu(true, true, 8, new BigDecimal("0.6")),
                new LiveSpend(new BigDecimal("0.8"), new BigDecimal("1.0"), new Ttl("36h", Duration.ofHours(36)),
                        new BigDecimal("3.0"), "EffectiveCost", Map.of("manifest", "spendgate-manifest", "team", "team")),
                new Changes(new BigDecimal("0.5"), null, new BigDecimal(50)), UnitEconomics.NONE, Prices.DEFAULT);
    }

    /**
     * Intent {@code unitEconomics}: the most a workload may cost per 1,000 requests, per environment
     * ({@code maxCostPer1kRequests: {production: 5.00}}), optionally per team
     * ({@code teams: {support-ai: {maxCostPer1kRequests: {production: 8.00}}}}); a team's limit for an
     * environment wins over the environment's. No limit by default.
     */
    public record UnitEconomics(Map<Environment, BigDecimal> maxCostPer1kRequests,
                                Map<String, Map<Environment, BigDecimal>> teams) {

        public static final UnitEconomics NONE = new UnitEconomics(Map.of(), Map.of());

        public UnitEconomics {
            maxCostPer1kRequests = Map.copyOf(maxCostPer1kRequests);
            teams = Map.copyOf(teams);
        }

        /** The limit for a workload of {@code team} in {@code environment}, or null when there is none. */
        public BigDecimal limit(String team, Environment environment) {
            Map<Environment, BigDecimal> own = team == null ? null : teams.get(team);
            if (own != null && own.containsKey(environment)) {
                return own.get(environment);
            }
            return maxCostPer1kRequests.get(environment);
        }
    }

    /** {@code teams} empty means any team is accepted. */
    public record Ownership(List<String> requiredTags, List<String> teams) {
        public Ownership {
            requiredTags = List.copyOf(requiredTags);
            teams = List.copyOf(teams);
        }
    }

    /** {@code teamMonthly}: team name to its monthly budget. */
    public record Budgets(BigDecimal maxPerExperiment, BigDecimal approvalAbove, Map<String, BigDecimal> teamMonthly) {
        public Budgets {
            Objects.requireNonNull(maxPerExperiment, "maxPerExperiment == null");
            Objects.requireNonNull(approvalAbove, "approvalAbove == null");
            teamMonthly = Map.copyOf(teamMonthly);
        }
    }

    public record Expiry(Ttl maxTtl) {
        public Expiry {
            Objects.requireNonNull(maxTtl, "maxTtl == null");
        }
    }

    /** {@code allowedModels}: per environment, the only models allowed there (absent: any). */
    public record ModelSelection(List<TaskType> frontierTaskTypes, Map<Environment, List<String>> allowedModels) {
        public ModelSelection {
            frontierTaskTypes = List.copyOf(frontierTaskTypes);
            allowedModels = Map.copyOf(allowedModels);
        }
    }

    public record Tokens(long maxSystemPromptTokens, long maxInputTokens, int maxRetries) {
    }

    public record Gpu(boolean spotOutsideProduction, boolean scheduleOutsideProduction,
                      int maxGpusWithoutApproval, BigDecimal targetUtilization) {
        public Gpu {
            Objects.requireNonNull(targetUtilization, "targetUtilization == null");
        }
    }

    /** {@code tags}: which tag names attribute spend rows to a manifest ({@code manifest}) and team ({@code team}). */
    public record LiveSpend(BigDecimal warnAt, BigDecimal blockAt, Ttl maxStaleness, BigDecimal anomalyFactor,
                            String costColumn, Map<String, String> tags) {
        public LiveSpend {
            Objects.requireNonNull(warnAt, "warnAt == null");
            Objects.requireNonNull(blockAt, "blockAt == null");
            Objects.requireNonNull(maxStaleness, "maxStaleness == null");
            Objects.requireNonNull(anomalyFactor, "anomalyFactor == null");
            Objects.requireNonNull(costColumn, "costColumn == null");
            tags = Map.copyOf(tags);
        }
    }

    /**
     * @param maxBudgetIncrease           the largest budget increase against the base version, a fraction
     * @param maxEstimateIncreaseAmount   the largest rise of the estimate, in the budget's currency; null: no amount limit
     * @param maxEstimateIncreasePercent  the largest rise of the estimate, in per cent of the base estimate;
     *                                    null: no per-cent limit (with both set, a rise must pass both to count)
     */
    public record Changes(BigDecimal maxBudgetIncrease, BigDecimal maxEstimateIncreaseAmount,
                          BigDecimal maxEstimateIncreasePercent) {
        public Changes {
            Objects.requireNonNull(maxBudgetIncrease, "maxBudgetIncrease == null");
        }
    }

    /**
     * The price catalog the gate judges with, not a rule's parameter: the gate warns
     * ({@code prices_stale}) when a catalog file it prices with is dated more than {@code maxAge}
     * before the clock.
     */
    public record Prices(Ttl maxAge) {
        /** {@code maxAge: 90d}. */
        public static final Prices DEFAULT = new Prices(new Ttl("90d", Duration.ofDays(90)));

        public Prices {
            Objects.requireNonNull(maxAge, "maxAge == null");
        }
    }
}
