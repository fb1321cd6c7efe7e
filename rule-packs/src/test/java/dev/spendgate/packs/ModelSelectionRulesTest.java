package dev.spendgate.packs;

import dev.spendgate.engine.Detection;
import dev.spendgate.manifest.Environment;
import dev.spendgate.manifest.ModelTier;
import dev.spendgate.manifest.TaskType;
import dev.spendgate.policy.Parameters;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.spendgate.packs.Baseline.assertNone;
import static dev.spendgate.packs.Baseline.assertOne;
import static dev.spendgate.packs.Baseline.assertOnly;
import static dev.spendgate.packs.Baseline.evidence;
import static dev.spendgate.packs.Baseline.of;
import static dev.spendgate.packs.Baseline.run;
import static dev.spendgate.packs.Baseline.with;
import static dev.spendgate.packs.ManifestBuilder.manifest;
import static dev.spendgate.packs.ManifestBuilder.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SG-MOD-001..003 on the precompiled baseline pack. */
class ModelSelectionRulesTest {

    private static final List<Object> FRONTIER_TASKS = List.of("reasoning", "generation");

    @Test
    void frontierTierForAClassificationTask() {
        ManifestBuilder m = manifest().with(b -> {
            b.modelTier = ModelTier.frontier;
            b.models.set(0, model("gpt-4o"));
            return b;
        });
        List<Detection> found = run(m);
        assertOne(found, "SG-MOD-001", "/spec/modelTier",
                evidence("taskType", "classification", "frontierTaskTypes", FRONTIER_TASKS, "model", "gpt-4o",
                        "declaredTier", "frontier", "frontier", "spec.modelTier: frontier; catalog tiers: gpt-4o frontier"));
        assertOnly(found, "SG-MOD-001");
    }

    @Test
    void frontierTierWithoutTaskTypeOrFrontierModel() {
        ManifestBuilder m = manifest().with(b -> {
            b.modelTier = ModelTier.frontier;
            b.taskType = null;
            b.models.clear();
            return b;
        });
        assertOne(run(m), "SG-MOD-001", "/spec/modelTier",
                evidence("taskType", "", "frontierTaskTypes", FRONTIER_TASKS, "model", "", "declaredTier", "frontier",
                        "frontier", "spec.modelTier: frontier; no models declared"));
    }

    /** The declared tier is frontier, the only model is small: the evidence names both, not an empty model. */
    @Test
    void frontierTierOverASmallModelSaysWhatIsTrue() {
        ManifestBuilder m = manifest().with(b -> {
            b.modelTier = ModelTier.frontier;
            b.models.add(model("in-house-llm"));
            b.catalogTiers.remove("in-house-llm");
            return b;
        });
        assertOne(run(m), "SG-MOD-001", "/spec/modelTier", evidence("taskType", "classification",
                "frontierTaskTypes", FRONTIER_TASKS, "model", "", "declaredTier", "frontier", "frontier",
                "spec.modelTier: frontier; catalog tiers: gpt-4o-mini small, in-house-llm not in the catalog"));
    }

    @Test
    void firstFrontierModelWhenTheTierIsNotDeclaredFrontier() {
        ManifestBuilder m = manifest().with(b -> {
            b.modelTier = null;
            b.models.add(model("claude-opus-4"));
            b.models.add(model("gpt-4o"));
            return b;
        });
        List<Detection> found = run(m);
        assertOne(found, "SG-MOD-001", "/spec/models/1/name",
                evidence("taskType", "classification", "frontierTaskTypes", FRONTIER_TASKS, "model", "claude-opus-4",
                        "declaredTier", "", "frontier", "model \"claude-opus-4\" is frontier in the price catalog"));
        assertOnly(found, "SG-MOD-001");
    }

    @Test
    void frontierForAFrontierTaskOrJustifiedPasses() {
        ManifestBuilder reasoning = manifest().with(b -> {
            b.modelTier = ModelTier.frontier;
            b.taskType = TaskType.reasoning;
            b.models.set(0, model("gpt-4o"));
            return b;
        });
        assertEquals(List.of(), run(reasoning));
        ManifestBuilder justified = manifest().with(b -> {
            b.models.set(0, model("gpt-4o"));
            b.modelTier = ModelTier.frontier;
            b.justification = "A/B evaluation against the frontier baseline";
            return b;
        });
        assertEquals(List.of(), run(justified));
        ManifestBuilder blank = manifest().with(b -> {
            b.modelTier = ModelTier.frontier;
            b.justification = "   ";
            return b;
        });
        assertEquals(1, of("SG-MOD-001", run(blank)).size());
        Parameters classification = with(new Parameters.ModelSelection(List.of(TaskType.classification), Map.of()));
        assertNone(run(classification, manifest().with(b -> { b.modelTier = ModelTier.frontier; return b; })), "SG-MOD-001");
    }

    @Test
    void declaredTierDiffersFromTheCatalogPerModel() {
        ManifestBuilder m = manifest().with(b -> {
            b.modelTier = ModelTier.mid;
            b.taskType = TaskType.generation;
            b.models.add(model("claude-sonnet-4"));
            b.models.add(model("gpt-4o"));
            b.models.add(model("in-house-llm"));   // not in the catalog: no tier to compare
            return b;
        });
        List<Detection> mod2 = of("SG-MOD-002", run(m));
        assertEquals(2, mod2.size(), mod2::toString);
        assertTrue(mod2.contains(new Detection("SG-MOD-002", "churn-classifier-ft", "/spec/models/0/name",
                evidence("model", "gpt-4o-mini", "declaredTier", "mid", "catalogTier", "small"))));
        assertTrue(mod2.contains(new Detection("SG-MOD-002", "churn-classifier-ft", "/spec/models/2/name",
                evidence("model", "gpt-4o", "declaredTier", "mid", "catalogTier", "frontier"))));
    }

    @Test
    void undeclaredTierIsNeverWrong() {
        assertNone(run(manifest().with(b -> { b.modelTier = null; return b; })), "SG-MOD-002");
    }

    @Test
    void modelNotAllowedInTheEnvironment() {
        Parameters allowed = with(new Parameters.ModelSelection(List.of(TaskType.reasoning, TaskType.generation),
                Map.of(Environment.production, List.of("gpt-4o", "claude-sonnet-4"), Environment.dev, List.of("gpt-4o-mini"))));
        ManifestBuilder m = manifest().with(b -> {
            b.environment = Environment.production;
            b.models.add(model("claude-sonnet-4"));
            b.catalogTiers.remove("claude-sonnet-4");
            return b;
        });
        List<Detection> found = run(allowed, m);
        assertOne(found, "SG-MOD-003", "/spec/models/0/name", evidence("model", "gpt-4o-mini", "environment", "production",
                "allowed", List.of("gpt-4o", "claude-sonnet-4")));
        assertOnly(found, "SG-MOD-003");
        assertNone(run(allowed, manifest()), "SG-MOD-003");
        // no list for staging: any model
        assertNone(run(allowed, manifest().with(b -> { b.environment = Environment.staging; return b; })), "SG-MOD-003");
    }
}
