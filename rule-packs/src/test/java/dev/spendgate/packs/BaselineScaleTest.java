package dev.spendgate.packs;

import dev.spendgate.engine.Detection;
import dev.spendgate.engine.EngineException;
import dev.spendgate.engine.EvaluationInput;
import dev.spendgate.engine.ManifestInput;
import dev.spendgate.manifest.Capacity;
import dev.spendgate.manifest.Environment;
import dev.spendgate.manifest.ModelTier;
import dev.spendgate.policy.Parameters;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.spendgate.packs.ManifestBuilder.manifest;
import static dev.spendgate.packs.ManifestBuilder.maxRetries;
import static dev.spendgate.packs.ManifestBuilder.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One evaluation over 10,000 manifests: one session, facts inserted once, well under the budget. */
class BaselineScaleTest {

    @Test
    void tenThousandManifestsInOneEvaluation() throws EngineException {
        List<ManifestInput> inputs = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            int n = i;
            ManifestBuilder m = manifest().with(b -> {
                b.name = "workload-" + n;
                b.models.add(model("gpt-4o"));
                b.modelTier = n % 2 == 0 ? ModelTier.small : null;
                b.environment = n % 3 == 0 ? Environment.production : Environment.dev;
                return b;
            });
            if (n % 5 == 0) {
                m.compute("H100", 16, Capacity.ON_DEMAND);
            }
            if (n % 7 == 0) {
                m.model(0, maxRetries(null));
            }
            inputs.add(m.build());
        }
        EvaluationInput input = new EvaluationInput(Baseline.NOW, Parameters.defaults(), inputs);
        Baseline.policies().evaluate(input); // warm-up, as a long-running server would be

        long start = System.nanoTime();
        List<Detection> found = Baseline.policies().evaluate(input).detections();
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("evaluate(10,000 manifests, 20,000 models): " + found.size() + " detections in " + millis + " ms");

        Map<String, Long> byRule = found.stream().collect(Collectors.groupingBy(Detection::rule, Collectors.counting()));
        assertEquals(10_000L, byRule.get("SG-MOD-001"));          // gpt-4o is frontier, task is classification
        assertEquals(5_000L, byRule.get("SG-MOD-002"));           // declared small: gpt-4o differs
        assertEquals(2_000L, byRule.get("SG-GPU-003"));
        assertEquals(1_333L, byRule.get("SG-GPU-001"));           // every 5th, but not in production (every 3rd)
        assertEquals(1_429L, byRule.get("SG-TOK-005"));
        assertTrue(millis < 5_000, "10,000 manifests took " + millis + " ms");
    }
}
