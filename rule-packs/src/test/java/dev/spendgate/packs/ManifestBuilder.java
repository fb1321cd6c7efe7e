package dev.spendgate.packs;

import dev.spendgate.cost.Estimate;
import dev.spendgate.engine.ManifestInput;
import dev.spendgate.input.SourceMap;
import dev.spendgate.manifest.Budget;
import dev.spendgate.manifest.BudgetPeriod;
import dev.spendgate.manifest.Capacity;
import dev.spendgate.manifest.Compute;
import dev.spendgate.manifest.Environment;
import dev.spendgate.manifest.Manifest;
import dev.spendgate.manifest.Metadata;
import dev.spendgate.manifest.ModelTier;
import dev.spendgate.manifest.ModelUse;
import dev.spendgate.manifest.Schedule;
import dev.spendgate.manifest.Spec;
import dev.spendgate.manifest.TaskType;
import dev.spendgate.manifest.WorkloadKind;
import dev.spendgate.yaml.Ttl;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Builds {@link ManifestInput}s straight from the domain records. It starts from a manifest that
 * meets every baseline rule under the default parameters; each test changes what it is about.
 */
final class ManifestBuilder {

    String name = "churn-classifier-ft";
    WorkloadKind kind = WorkloadKind.Experiment;
    String team = "growth-ml";
    String owner = "alice@example.com";
    Environment environment = Environment.dev;
    Map<String, String> tags = new TreeMap<>(Map.of("costCenter", "CC-4410", "project", "churn"));
    TaskType taskType = TaskType.classification;
    ModelTier modelTier = ModelTier.small;
    String justification;
    Budget budget = new Budget(new BigDecimal("800"), "USD", BudgetPeriod.total);
    Ttl ttl = ttl("24h", Duration.ofHours(24));
    Instant startsAt = Instant.parse("2026-11-22T09:00:00Z");
    List<ModelUse> models = new ArrayList<>(List.of(model("gpt-4o-mini")));
    Compute compute = new Compute("H100", 2, new BigDecimal("12"), null, Capacity.SPOT, null, new BigDecimal("0.65"));
    Estimate estimate = estimate("120");
    Map<String, ModelTier> catalogTiers = new HashMap<>(Map.of(
            "gpt-4o-mini", ModelTier.small, "gpt-4o", ModelTier.frontier, "claude-sonnet-4", ModelTier.mid,
            "claude-opus-4", ModelTier.frontier));

    /** The base version: the same manifest at the base revision (null: none). */
    ManifestBuilder base;

    static ManifestBuilder manifest() {
        return new ManifestBuilder();
    }

    /** A model call that meets every token rule: bounded, cached, few retries. */
    static ModelUse model(String name) {
        return new ModelUse(name, "openai", 512L, 8000L, 350L, 20000L, 1200L, 300L, true, 2);
    }

    static Ttl ttl(String text, Duration duration) {
        return new Ttl(text, duration);
    }

    static Estimate estimate(String total) {
        return new Estimate(new BigDecimal(total), "USD", BigDecimal.ONE, "ttl 24h = 1 day", List.of(), true, List.of());
    }

    ManifestBuilder with(UnaryOperator<ManifestBuilder> change) {
        return change.apply(this);
    }

    /** Replaces model {@code i} by {@code change} applied to it. */
    ManifestBuilder model(int i, UnaryOperator<ModelUse> change) {
        models.set(i, change.apply(models.get(i)));
        return this;
    }

    ManifestBuilder compute(String gpuType, Integer gpuCount, Capacity capacity) {
        compute = new Compute(gpuType, gpuCount, compute == null ? null : compute.hours(),
                compute == null ? null : compute.hoursPerDay(), capacity,
                compute == null ? null : compute.schedule(), compute == null ? null : compute.expectedUtilization());
        return this;
    }

    ManifestBuilder hoursPerDay(String hours) {
        compute = new Compute(compute.gpuType(), compute.gpuCount(), compute.hours(), hours == null ? null : new BigDecimal(hours),
                compute.capacity(), compute.schedule(), compute.expectedUtilization());
        return this;
    }

    ManifestBuilder schedule(Schedule schedule) {
        compute = new Compute(compute.gpuType(), compute.gpuCount(), compute.hours(), compute.hoursPerDay(),
                compute.capacity(), schedule, compute.expectedUtilization());
        return this;
    }

    ManifestBuilder utilization(String expected) {
        compute = new Compute(compute.gpuType(), compute.gpuCount(), compute.hours(), compute.hoursPerDay(),
                compute.capacity(), compute.schedule(), expected == null ? null : new BigDecimal(expected));
        return this;
    }

    /** This manifest judged as a change of {@code base}. */
    ManifestBuilder against(ManifestBuilder base) {
        this.base = base;
        return this;
    }

    ManifestInput build() {
        Metadata metadata = new Metadata(name, team, owner, environment, tags);
        Spec spec = new Spec("fine-tune a small model for churn classification", taskType, modelTier, justification,
                budget, ttl, startsAt, models, compute);
        String file = "manifests/" + name + ".yaml";
        // the Drools engine reads the records; the parsed document is for engines that take JSON
        Manifest m = new Manifest(file, 0, kind, metadata, spec, Map.of(), new SourceMap(file, Map.of()));
        Map<String, ModelTier> tiers = new HashMap<>();
        for (ModelUse use : models) {
            if (catalogTiers.containsKey(use.name())) {
                tiers.put(use.name(), catalogTiers.get(use.name()));
            }
        }
        if (base == null) {
            return new ManifestInput(m, estimate, tiers);
        }
        ManifestInput was = base.build();
        return new ManifestInput(m, estimate, tiers, was.manifest(), was.estimate());
    }

    // ModelUse changes, for model(i, ...)

    static UnaryOperator<ModelUse> maxOutputTokens(Long value) {
        return u -> new ModelUse(u.name(), u.provider(), value, u.maxInputTokens(), u.systemPromptTokens(),
                u.requestsPerDay(), u.avgInputTokens(), u.avgOutputTokens(), u.promptCaching(), u.maxRetries());
    }

    static UnaryOperator<ModelUse> maxInputTokens(Long value) {
        return u -> new ModelUse(u.name(), u.provider(), u.maxOutputTokens(), value, u.systemPromptTokens(),
                u.requestsPerDay(), u.avgInputTokens(), u.avgOutputTokens(), u.promptCaching(), u.maxRetries());
    }

    static UnaryOperator<ModelUse> systemPrompt(Long tokens, Long requestsPerDay, Boolean caching) {
        return u -> new ModelUse(u.name(), u.provider(), u.maxOutputTokens(), u.maxInputTokens(), tokens,
                requestsPerDay, u.avgInputTokens(), u.avgOutputTokens(), caching, u.maxRetries());
    }

    static UnaryOperator<ModelUse> maxRetries(Integer value) {
        return u -> new ModelUse(u.name(), u.provider(), u.maxOutputTokens(), u.maxInputTokens(), u.systemPromptTokens(),
                u.requestsPerDay(), u.avgInputTokens(), u.avgOutputTokens(), u.promptCaching(), value);
    }
}
