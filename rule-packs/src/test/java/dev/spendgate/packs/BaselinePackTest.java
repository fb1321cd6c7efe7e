package dev.spendgate.packs;

import dev.spendgate.engine.Detection;
import dev.spendgate.engine.EngineException;
import dev.spendgate.engine.EngineSettings;
import dev.spendgate.engine.EvaluationInput;
import dev.spendgate.engine.ManifestInput;
import dev.spendgate.engine.PolicyEngine;
import dev.spendgate.engine.drools.DroolsEngine;
import dev.spendgate.engine.drools.DroolsPolicies;
import dev.spendgate.manifest.ModelTier;
import dev.spendgate.manifest.WorkloadKind;
import dev.spendgate.policy.Pack;
import dev.spendgate.policy.Parameters;
import dev.spendgate.policy.RuleInfo;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The baseline pack as shipped: loaded precompiled, equal to its DRL, and its pack.yaml and DRL agree. */
class BaselinePackTest {

    private static final List<String> DRL_FILES =
            List.of("ownership.drl", "budgets.drl", "expiry.drl", "model-selection.drl", "tokens.drl", "gpu.drl",
                    "changes.drl", "live-spend.drl", "unit-economics.drl");

    @Test
    void shippedPackLoadsTheModelPrecompiledAtBuildTime() {
        String origin = Baseline.policies().origins().get("baseline");
        assertTrue(origin.matches("precompiled dev\\.spendgate\\.packs\\.baseline\\.Rules[0-9A-Fa-f]+"), origin);
    }

    @Test
    void shippedPackNeverParsesDrl() throws EngineException {
        // DRL that cannot compile: a shipped pack must not even look at it
        Pack broken = Baseline.shippedPack(Map.of("drools", Map.of("broken.drl", "rule \"x\" when then oops")));
        long start = System.nanoTime();
        DroolsPolicies policies = new DroolsEngine().prepare(List.of(broken), EngineSettings.none());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(policies.origins().get("baseline").startsWith("precompiled "));
        System.out.println("prepare(baseline), precompiled, in a warm JVM: " + millis + " ms");
    }

    @Test
    void baselineDrlCompiledAtRunTimeDetectsTheSameAsThePrecompiledModel() throws EngineException {
        Map<String, String> drl = new TreeMap<>();
        DRL_FILES.forEach(f -> drl.put(f, Baseline.resource("drools/" + f)));
        Pack copy = new Pack("baseline", "2026.12.0", "policy/packs/baseline", Baseline.PACK.rules(), Map.of("drools", drl));
        DroolsPolicies compiled = new DroolsEngine().prepare(List.of(copy), EngineSettings.none());
        assertEquals("compiled at run time from 9 DRL files", compiled.origins().get("baseline"));

        List<ManifestInput> manifests = List.of(
                ManifestBuilder.manifest().build(),
                ManifestBuilder.manifest().with(m -> {
                    m.name = "everything-wrong";
                    m.owner = "nobody";
                    m.team = null;
                    m.tags.clear();
                    m.budget = null;
                    m.ttl = null;
                    m.modelTier = ModelTier.mid;
                    m.models.add(ManifestBuilder.model("gpt-4o"));
                    m.estimate = ManifestBuilder.estimate("9000");
                    m.kind = WorkloadKind.InferenceEndpoint;
                    return m;
                }).compute("H100", 12, null).utilization("0.2").model(0, ManifestBuilder.maxRetries(null)).build());
        EvaluationInput input = new EvaluationInput(Baseline.NOW, Parameters.defaults(), manifests);
        Set<Detection> precompiled = new HashSet<>(Baseline.policies().evaluate(input).detections());
        assertEquals(precompiled, new HashSet<>(compiled.evaluate(input).detections()));
        assertTrue(precompiled.size() >= 12, precompiled::toString);
    }

    @Test
    void droolsIsFoundWithServiceLoader() {
        PolicyEngine engine = ServiceLoader.load(PolicyEngine.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(e -> e.id().equals("drools"))
                .findFirst().orElse(null);
        assertNotNull(engine);
        assertEquals(DroolsEngine.class, engine.getClass());
    }

    @Test
    void everyEngineRuleOfPackYamlIsImplementedInDrlAndNothingElse() {
        Set<String> declared = new TreeSet<>();
        for (Object o : (List<?>) Baseline.packYaml().get("rules")) {
            Map<?, ?> rule = (Map<?, ?>) o;
            if (!"gate".equals(rule.get("engine"))) {
                declared.add((String) rule.get("id"));
            }
        }
        Set<String> implemented = new TreeSet<>();
        Pattern reported = Pattern.compile("detections\\.add\\(\"(SG-[A-Z]{3,4}-\\d{3})\"");
        for (String file : DRL_FILES) {
            Matcher m = reported.matcher(Baseline.resource("drools/" + file));
            while (m.find()) {
                implemented.add(m.group(1));
            }
        }
        assertEquals(declared, implemented);
    }

    @Test
    void packYamlRulesAreComplete() {
        Pack pack = Baseline.PACK;
        assertEquals("baseline", pack.id());
        assertEquals("2026.12.0", pack.version());
        assertEquals(38, pack.rules().size());
        Pattern placeholder = Pattern.compile("\\{(\\w+)}");
        for (RuleInfo rule : pack.rules()) {
            assertNotNull(rule.level(), rule.id() + " level");
            assertFalse(rule.description().isBlank(), rule.id() + " description");
            assertFalse(rule.remediation().isBlank(), rule.id() + " remediation");
            Matcher m = placeholder.matcher(rule.message());
            while (m.find()) {
                assertTrue(rule.description().contains(m.group(1)),
                        rule.id() + ": message placeholder {" + m.group(1) + "} is not evidence named in the description");
            }
        }
    }
}
