package dev.spendgate.engine.drools;

import dev.spendgate.engine.Derived;
import dev.spendgate.manifest.Environment;
import dev.spendgate.manifest.TaskType;
import dev.spendgate.policy.Parameters;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one fact per evaluation that carries the policy set's parameters (flattened, with their
 * defaults resolved) and the evaluation clock.
 */
public final class ParamsFact {

    private final Parameters parameters;
    private final Instant now;
    private final List<String> frontierTaskTypes;
    private final Map<String, List<String>> allowedModels;

    ParamsFact(Parameters parameters, Instant now) {
        this.parameters = parameters;
        this.now = now;
        this.frontierTaskTypes = parameters.modelSelection().frontierTaskTypes().stream().map(TaskType::name).toList();
        Map<String, List<String>> allowed = new TreeMap<>();
        for (Map.Entry<Environment, List<String>> e : parameters.modelSelection().allowedModels().entrySet()) {
            allowed.put(e.getKey().name(), List.copyOf(e.getValue()));
        }
        this.allowedModels = java.util.Collections.unmodifiableMap(allowed);
    }

    /** The instant the evaluation runs at ({@code EvaluationInput.now}). */
    public Instant getNow() {
        return now;
    }

    /** {@code ownership.requiredTags}. */
    public List<String> getRequiredTags() {
        return parameters.ownership().requiredTags();
    }

    /** {@code ownership.teams}; empty means any team. */
    public List<String> getTeams() {
        return parameters.ownership().teams();
    }

    /** {@code budgets.maxPerExperiment}. */
    public BigDecimal getMaxPerExperiment() {
        return parameters.budgets().maxPerExperiment();
    }

    /** {@code budgets.approvalAbove}. */
    public BigDecimal getApprovalAbove() {
        return parameters.budgets().approvalAbove();
    }

    /** {@code expiry.maxTtl} as written ({@code 24h}). */
    public String getMaxTtl() {
        return parameters.expiry().maxTtl().text();
    }

    /** {@code expiry.maxTtl} in hours. */
    public BigDecimal getMaxTtlHours() {
        return Derived.hours(parameters.expiry().maxTtl());
    }

    /** {@code modelSelection.frontierTaskTypes}. */
    public List<String> getFrontierTaskTypes() {
        return frontierTaskTypes;
    }

    /** {@code modelSelection.allowedModels}: environment to the only models allowed there. */
    public Map<String, List<String>> getAllowedModels() {
        return allowedModels;
    }

    /** {@code tokens.maxSystemPromptTokens}. */
    public long getMaxSystemPromptTokens() {
        return parameters.tokens().maxSystemPromptTokens();
    }

    /** {@code tokens.maxInputTokens}. */
    public long getMaxInputTokens() {
        return parameters.tokens().maxInputTokens();
    }

    /** {@code tokens.maxRetries}. */
    public int getMaxRetries() {
        return parameters.tokens().maxRetries();
    }

    /** {@code gpu.spotOutsideProduction}. */
    public boolean isSpotOutsideProduction() {
        return parameters.gpu().spotOutsideProduction();
    }

    /** {@code gpu.scheduleOutsideProduction}. */
    public boolean isScheduleOutsideProduction() {
        return parameters.gpu().scheduleOutsideProduction();
    }

    /** {@code gpu.maxGpusWithoutApproval}. */
    public int getMaxGpusWithoutApproval() {
        return parameters.gpu().maxGpusWithoutApproval();
    }

    /** {@code changes.maxBudgetIncrease}: the largest budget increase against the base version, a fraction. */
    public BigDecimal getMaxBudgetIncrease() {
        return parameters.changes().maxBudgetIncrease();
    }

    /** {@code changes.maxEstimateIncrease.amount}: the largest rise of the estimate, or null when not limited by amount. */
    public BigDecimal getMaxEstimateIncreaseAmount() {
        return parameters.changes().maxEstimateIncreaseAmount();
    }

    /** {@code changes.maxEstimateIncrease.percent}: the largest rise in per cent, or null when not limited by per cent. */
    public BigDecimal getMaxEstimateIncreasePercent() {
        return parameters.changes().maxEstimateIncreasePercent();
    }

    /** {@code changes.maxEstimateIncrease} as messages say it: {@code 50%}, {@code 500 USD}, {@code 500 USD and 50%}. */
    public String getMaxEstimateIncrease() {
        return Derived.estimateLimit(parameters.changes());
    }

    /** {@code liveSpend.warnAt}: the fraction of a budget spent that draws a warning. */
    public BigDecimal getWarnAt() {
        return parameters.liveSpend().warnAt();
    }

    /** {@code liveSpend.blockAt}: the fraction of a budget spent that blocks. */
    public BigDecimal getBlockAt() {
        return parameters.liveSpend().blockAt();
    }

    /** {@code liveSpend.maxStaleness} as written ({@code 36h}). */
    public String getMaxStaleness() {
        return parameters.liveSpend().maxStaleness().text();
    }

    /** {@code liveSpend.maxStaleness} in hours. */
    public BigDecimal getMaxStalenessHours() {
        return Derived.hours(parameters.liveSpend().maxStaleness());
    }

    /** {@code liveSpend.anomalyFactor}. */
    public BigDecimal getAnomalyFactor() {
        return parameters.liveSpend().anomalyFactor();
    }

    /** {@code gpu.targetUtilization}. */
    public BigDecimal getTargetUtilization() {
        return parameters.gpu().targetUtilization();
    }
}
