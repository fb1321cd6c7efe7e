package dev.spendgate.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the rules reference says of each intent's parameters is what a policy set reads. */
class IntentsTest {

    @TempDir
    Path dir;

    @Test
    void everyParameterWrittenAsItsDefaultReadsAsTheDefaults() throws Exception {
        StringBuilder all = new StringBuilder("intents:\n");
        for (Map.Entry<String, Map<String, String>> intent : Intents.defaults().entrySet()) {
            all.append("  ").append(intent.getKey()).append(":\n");
            for (Map.Entry<String, String> p : intent.getValue().entrySet()) {
                all.append("    ").append(p.getKey()).append(": ").append(p.getValue()).append('\n');
                // one at a time: a parameter name the parser does not know would be a problem here
                assertEquals(Parameters.defaults(), parameters("intents:\n  " + intent.getKey() + ":\n    " + p.getKey()
                        + ": " + p.getValue() + "\n"), intent.getKey() + "." + p.getKey());
            }
        }
        assertEquals(Parameters.defaults(), parameters(all.toString()));
    }

    @Test
    void theIntentsAreThoseOfThePolicySet() {
        assertEquals(List.of("ownership", "budgets", "expiry", "modelSelection", "tokens", "gpu", "liveSpend", "changes",
                "unitEconomics", "prices"), List.copyOf(Intents.defaults().keySet()));
        assertEquals("[reasoning, generation]", Intents.defaults().get("modelSelection").get("frontierTaskTypes"));
        assertEquals("{percent: 50}", Intents.defaults().get("changes").get("maxEstimateIncrease"));
        assertEquals("{manifest: spendgate-manifest, team: team}", Intents.defaults().get("liveSpend").get("tags"));
    }

    private Parameters parameters(String intents) throws Exception {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, "apiVersion: spendgate.dev/v1\nkind: PolicySet\nmetadata: {name: p}\npacks: [baseline]\n" + intents);
        return new PolicySetLoader(PackLoaderTest.testLoader(), new dev.spendgate.yaml.YamlReader()).load(file, "policy.yaml").policySet().parameters();
    }
}
