package dev.spendgate.cli;

import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scheduled watch workflow carries its state: the folder the cache restores and saves is the
 * one --state writes into, the save runs even when a delivery failed, runs never overlap, and every
 * variable the example policy's channels name is given to the step.
 */
class WatchWorkflowTest {

    @Test
    @SuppressWarnings("unchecked")
    void theStateFileTravelsInTheActionsCacheAndTheChannelsGetTheirVariables() throws Exception {
        Map<String, Object> wf = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(
                Files.readString(Path.of("../examples/github-actions/spendgate-watch.yml"), StandardCharsets.UTF_8));
        assertEquals(false, ((Map<String, Object>) wf.get("concurrency")).get("cancel-in-progress"));
        Map<String, Object> job = (Map<String, Object>) ((Map<String, Object>) wf.get("jobs")).get("watch");
        List<Map<String, Object>> steps = (List<Map<String, Object>>) job.get("steps");
        Map<String, Object> restore = step(steps, "actions/cache/restore@");
        Map<String, Object> save = step(steps, "actions/cache/save@");
        Map<String, Object> watch = steps.stream().filter(s -> String.valueOf(s.get("run")).contains("spendgate watch"))
                .findFirst().orElseThrow();
        String path = (String) ((Map<String, Object>) restore.get("with")).get("path");
        assertEquals(path, ((Map<String, Object>) save.get("with")).get("path"));
        assertTrue(((String) watch.get("run")).contains("--state " + path + "/"), watch.get("run").toString());
        assertEquals("always()", save.get("if"));
        assertTrue(steps.indexOf(restore) < steps.indexOf(watch) && steps.indexOf(watch) < steps.indexOf(save));

        Map<String, Object> env = (Map<String, Object>) watch.get("env");
        String policy = Files.readString(Path.of("../examples/policy.yaml"), StandardCharsets.UTF_8);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:webhookEnv|routingKeyEnv|urlEnv|tokenEnv): ([A-Z_]+)")
                .matcher(policy);
        int named = 0;
        while (m.find()) {
            named++;
            assertTrue(env.containsKey(m.group(1)), m.group(1) + " is not given to the watch step");
        }
        assertTrue(named >= 4, "the example policy names its channels' variables");
        assertTrue(env.containsKey("GITHUB_TOKEN"), "the github-issues channel's default token");
    }

    private static Map<String, Object> step(List<Map<String, Object>> steps, String uses) {
        return steps.stream().filter(s -> String.valueOf(s.get("uses")).startsWith(uses)).findFirst().orElseThrow();
    }
}
