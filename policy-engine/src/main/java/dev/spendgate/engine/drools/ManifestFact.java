package dev.spendgate.engine.drools;

import dev.spendgate.cost.Estimate;
import dev.spendgate.engine.Derived;
import dev.spendgate.manifest.Budget;
import dev.spendgate.manifest.Compute;
import dev.spendgate.manifest.Manifest;
import dev.spendgate.manifest.Metadata;
import dev.spendgate.manifest.ModelTier;
import dev.spendgate.manifest.Spec;
import dev.spendgate.yaml.Ttl;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One manifest as the DRL sees it: flat getters, enums as their YAML spelling, null where the
 * manifest leaves a key out. A plain class because the executable model cannot take records.
 */
public final class ManifestFact {

    private final String name;
    private final String kind;
    private final String environment;
    private final String owner;
    private final String team;
    private final Set<String> tagNames;
    private final String taskType;
    private final String modelTier;
    private final String justification;
    private final Budget budget;
    private final Ttl ttl;
    private final Instant startsAt;
    private final Instant expiresAt;
    private final Compute compute;
    private final Estimate estimate;
    private final Spec base;
    private final Derived.EstimateChange estimateChange;
    private final Derived.UnitEconomics unitEconomics;
    private String firstFrontierModel = "";
    private final List<String> modelTiers = new ArrayList<>();

    /**
     * {@code base}: the manifest's base version, or null when it has none; {@code estimateChange}:
     * how the estimate moved against the base version's, null exactly when there is no base.
     */
    ManifestFact(Manifest manifest, Estimate estimate, Manifest base, Derived.EstimateChange estimateChange,
                 Derived.UnitEconomics unitEconomics) {
        Metadata metadata = manifest.metadata();
        Spec spec = manifest.spec();
        this.name = manifest.name();
        this.kind = manifest.kind().name();
        this.environment = metadata.environment().name();
        this.owner = metadata.owner();
        this.team = metadata.team();
        this.tagNames = Derived.tags(metadata).keySet();
        this.taskType = spec.taskType() == null ? null : spec.taskType().name();
        this.modelTier = spec.modelTier() == null ? null : spec.modelTier().name();
        this.justification = spec.justification();
        this.budget = spec.budget();
        this.ttl = spec.ttl();
        this.startsAt = spec.startsAt();
        this.expiresAt = Derived.expiresAt(spec);
        this.compute = spec.compute();
        this.estimate = estimate;
        this.base = base == null ? null : base.spec();
        this.estimateChange = estimateChange;
        this.unitEconomics = unitEconomics;
    }

    /** Called for each model, in manifest order, while the facts are built. */
    void seeModel(ModelFact model) {
        if (firstFrontierModel.isEmpty() && ModelTier.frontier.name().equals(model.getCatalogTier())) {
            firstFrontierModel = model.getName();
        }
        modelTiers.add(model.getName() + " " + (model.getCatalogTier() == null ? "not in the catalog" : model.getCatalogTier()));
    }

    public String getName() {
        return name;
    }

    /** {@code Experiment}, {@code TrainingJob}, {@code InferenceEndpoint} or {@code LlmWorkflow}. */
    public String getKind() {
        return kind;
    }

    /** {@code dev}, {@code staging} or {@code production}. */
    public String getEnvironment() {
        return environment;
    }

    /** {@code metadata.environment != production}. */
    public boolean isOutsideProduction() {
        return !"production".equals(environment);
    }

    public String getOwner() {
        return owner;
    }

    public String getTeam() {
        return team;
    }

    /** Names of every tag: the scalar metadata keys other than name/team/owner/environment, and the labels. */
    public Set<String> getTagNames() {
        return tagNames;
    }

    /** JSON pointer of tag {@code tag} at the top of metadata: {@code /metadata/<tag>}, escaped. */
    public String tagPath(String tag) {
        return "/metadata/" + tag.replace("~", "~0").replace("/", "~1");
    }

    public String getTaskType() {
        return taskType;
    }

    public String getModelTier() {
        return modelTier;
    }

    /** True when {@code spec.justification} is present and not blank. */
    public boolean isJustified() {
        return justification != null && !justification.isBlank();
    }

    /** The name of the first model (in manifest order) whose catalog tier is frontier, or "". */
    public String getFirstFrontierModel() {
        return firstFrontierModel;
    }

    /**
     * What makes SG-MOD-001's choice frontier, in words: for a declared frontier tier,
     * {@code spec.modelTier: frontier; catalog tiers: gpt-4o-mini small, acme-llm not in the catalog}
     * (or {@code no models declared}).
     */
    public String getFrontierTierText() {
        return "spec.modelTier: frontier; " + (modelTiers.isEmpty() ? "no models declared"
                : "catalog tiers: " + String.join(", ", modelTiers));
    }

    /** {@code model "gpt-4o" is frontier in the price catalog}, for the first frontier model. */
    public String getFrontierModelText() {
        return "model \"" + firstFrontierModel + "\" is frontier in the price catalog";
    }

    /** The estimate per 1,000 requests, or null without declared traffic. */
    public BigDecimal getCostPer1kRequests() {
        return unitEconomics.costs().costPer1kRequests();
    }

    /** The requests the estimate covers, or null without declared traffic. */
    public BigDecimal getRequests() {
        return unitEconomics.costs().requests();
    }

    /** unitEconomics.maxCostPer1kRequests for this manifest's team and environment, or null. */
    public BigDecimal getMaxCostPer1kRequests() {
        return unitEconomics.maxCostPer1kRequests();
    }

    /** {@code spec.modelTier}, or "" when absent. */
    public String getDeclaredTier() {
        return modelTier == null ? "" : modelTier;
    }

    public boolean isBudgetDeclared() {
        return budget != null;
    }

    /** {@code spec.budget.amount}, or null when the budget or its amount is absent. */
    public BigDecimal getBudgetAmount() {
        return budget == null ? null : budget.amount();
    }

    /** The budget's currency (USD unless declared otherwise). */
    public String getBudgetCurrency() {
        return budget == null ? "USD" : budget.currency();
    }

    public BigDecimal getEstimateTotal() {
        return estimate.total();
    }

    public String getEstimateCurrency() {
        return estimate.currency();
    }

    /** False when something could not be priced. */
    public boolean isEstimateComplete() {
        return estimate.complete();
    }

    /** {@code spec.ttl} as written ({@code 36h}), or null. */
    public String getTtl() {
        return ttl == null ? null : ttl.text();
    }

    /** {@code spec.ttl} in hours, or null. */
    public BigDecimal getTtlHours() {
        return ttl == null ? null : Derived.hours(ttl);
    }

    public Instant getStartsAt() {
        return startsAt;
    }

    /** {@code startsAt + ttl}, or null when either is absent. */
    public Instant getExpiresAt() {
        return expiresAt;
    }

    public boolean isComputeDeclared() {
        return compute != null;
    }

    /**
     * Compute is present and asks for GPUs: {@code gpuCount > 0} when the count is given, else a
     * {@code gpuType} is given.
     */
    public boolean hasGpus() {
        if (compute == null) {
            return false;
        }
        return compute.gpuCount() != null ? compute.gpuCount() > 0 : compute.gpuType() != null;
    }

    public String getGpuType() {
        return compute == null ? null : compute.gpuType();
    }

    public Integer getGpuCount() {
        return compute == null ? null : compute.gpuCount();
    }

    /** {@code spot}, {@code on-demand}, {@code reserved}, or null when absent. */
    public String getCapacity() {
        return compute == null || compute.capacity() == null ? null : compute.capacity().wireName();
    }

    public BigDecimal getHoursPerDay() {
        return compute == null ? null : compute.hoursPerDay();
    }

    public boolean isScheduled() {
        return compute != null && compute.schedule() != null;
    }

    public BigDecimal getExpectedUtilization() {
        return compute == null ? null : compute.expectedUtilization();
    }

    // ---- against the base version (the manifest of the same name at the base revision)

    /** True when the manifest has a base version to compare with. */
    public boolean isBased() {
        return base != null;
    }

    /** The base version's {@code spec.budget.amount}, or null when it has no base or no amount. */
    public BigDecimal getBaseBudgetAmount() {
        return base == null || base.budget() == null ? null : base.budget().amount();
    }

    /**
     * {@code (amount - base amount) / base amount} ({@link Derived#budgetIncrease}), or null when
     * there is no base version, either amount is absent or the base amount is not positive.
     */
    public BigDecimal getBudgetIncrease() {
        return base == null ? null : Derived.budgetIncrease(base.budget(), budget);
    }

    /** The base version's estimate total, or null without a base version. */
    public BigDecimal getBaseEstimateTotal() {
        return estimateChange == null ? null : estimateChange.before();
    }

    /** The rise of the estimate against the base version's (negative when it fell), or null without a base version. */
    public BigDecimal getEstimateIncrease() {
        return estimateChange == null ? null : estimateChange.increase();
    }

    /** The rise in per cent of the base estimate; null without a base version or when the base estimate is 0. */
    public BigDecimal getEstimateIncreasePercent() {
        return estimateChange == null ? null : estimateChange.percent();
    }

    /** The rise in per cent as messages say it: {@code +100%}, {@code from 0}; null without a base version. */
    public String getEstimateIncreaseText() {
        return estimateChange == null ? null : estimateChange.percentText();
    }

    /** True when both the estimate and the base version's priced everything. */
    public boolean isEstimateChangeComplete() {
        return estimateChange != null && estimateChange.complete();
    }

    /** The base version's {@code spec.modelTier}, or null. */
    public String getBaseModelTier() {
        return base == null || base.modelTier() == null ? null : base.modelTier().name();
    }

    /** The rank of {@code spec.modelTier}: small 0, mid 1, frontier 2; null when absent. */
    public Integer getModelTierRank() {
        return rank(modelTier);
    }

    /** The rank of the base version's {@code spec.modelTier}, or null. */
    public Integer getBaseModelTierRank() {
        return rank(getBaseModelTier());
    }

    /** The base version's {@code spec.ttl} as written, or null. */
    public String getBaseTtl() {
        return base == null || base.ttl() == null ? null : base.ttl().text();
    }

    /** The base version's {@code spec.ttl} in hours, or null. */
    public BigDecimal getBaseTtlHours() {
        return base == null || base.ttl() == null ? null : Derived.hours(base.ttl());
    }

    private static Integer rank(String tier) {
        return tier == null ? null : ModelTier.valueOf(tier).ordinal();
    }

    @Override
    public String toString() {
        return "ManifestFact[" + name + "]";
    }
}
