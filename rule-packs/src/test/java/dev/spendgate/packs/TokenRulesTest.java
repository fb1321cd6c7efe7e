package dev.spendgate.packs;

import dev.spendgate.engine.Detection;
import dev.spendgate.policy.Parameters;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.spendgate.packs.Baseline.assertNone;
import static dev.spendgate.packs.Baseline.assertOne;
import static dev.spendgate.packs.Baseline.assertOnly;
import static dev.spendgate.packs.Baseline.evidence;
import static dev.spendgate.packs.Baseline.of;
import static dev.spendgate.packs.Baseline.run;
import static dev.spendgate.packs.Baseline.with;
import static dev.spendgate.packs.ManifestBuilder.manifest;
import static dev.spendgate.packs.ManifestBuilder.maxInputTokens;
import static dev.spendgate.packs.ManifestBuilder.maxOutputTokens;
import static dev.spendgate.packs.ManifestBuilder.maxRetries;
import static dev.spendgate.packs.ManifestBuilder.model;
import static dev.spendgate.packs.ManifestBuilder.systemPrompt;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** SG-TOK-001..005 on the precompiled baseline pack. */
class TokenRulesTest {

    @Test
    void noOutputTokenLimitPerModel() {
        ManifestBuilder m = manifest().with(b -> { b.models.add(model("claude-sonnet-4")); b.catalogTiers.clear(); return b; })
                .model(1, maxOutputTokens(null));
        List<Detection> found = run(m);
        assertOne(found, "SG-TOK-001", "/spec/models/1/maxOutputTokens", evidence("model", "claude-sonnet-4"));
        assertOnly(found, "SG-TOK-001");
        assertNone(run(manifest()), "SG-TOK-001");
    }

    @Test
    void systemPromptAboveTheLimit() {
        List<Detection> found = run(manifest().model(0, systemPrompt(800L, 100L, false)));
        assertOne(found, "SG-TOK-002", "/spec/models/0/systemPromptTokens",
                evidence("model", "gpt-4o-mini", "systemPromptTokens", 800, "limit", 500));
        assertOnly(found, "SG-TOK-002");
        assertNone(run(manifest().model(0, systemPrompt(500L, 100L, false))), "SG-TOK-002");
        assertNone(run(with(new Parameters.Tokens(1000, 32000, 3)), manifest().model(0, systemPrompt(800L, 100L, false))),
                "SG-TOK-002");
    }

    @Test
    void inputTokensMissingOrAboveTheLimit() {
        List<Detection> missing = run(manifest().model(0, maxInputTokens(null)));
        assertOne(missing, "SG-TOK-003", "/spec/models/0/maxInputTokens",
                evidence("model", "gpt-4o-mini", "maxInputTokens", "", "limit", 32000, "reason", "missing"));
        assertOnly(missing, "SG-TOK-003");
        List<Detection> above = run(manifest().model(0, maxInputTokens(128000L)));
        assertOne(above, "SG-TOK-003", "/spec/models/0/maxInputTokens",
                evidence("model", "gpt-4o-mini", "maxInputTokens", 128000, "limit", 32000, "reason", "above the limit"));
        assertNone(run(manifest().model(0, maxInputTokens(32000L))), "SG-TOK-003");
    }

    @Test
    void largeUncachedSystemPromptOnABusyModel() {
        List<Detection> found = run(manifest().model(0, systemPrompt(1024L, 1000L, null)));
        assertOne(found, "SG-TOK-004", "/spec/models/0/promptCaching",
                evidence("model", "gpt-4o-mini", "systemPromptTokens", 1024, "requestsPerDay", 1000));
        assertOnly(found, "SG-TOK-002", "SG-TOK-004");
        assertEquals(1, of("SG-TOK-004", run(manifest().model(0, systemPrompt(4000L, 50000L, false)))).size());
    }

    @Test
    void cachedOrSmallOrQuietPromptsPass() {
        assertNone(run(manifest().model(0, systemPrompt(4000L, 50000L, true))), "SG-TOK-004");
        assertNone(run(manifest().model(0, systemPrompt(1023L, 50000L, false))), "SG-TOK-004");
        assertNone(run(manifest().model(0, systemPrompt(4000L, 999L, false))), "SG-TOK-004");
        assertNone(run(manifest().model(0, systemPrompt(4000L, null, false))), "SG-TOK-004");
    }

    @Test
    void retriesMissingOrAboveTheLimit() {
        List<Detection> missing = run(manifest().model(0, maxRetries(null)));
        assertOne(missing, "SG-TOK-005", "/spec/models/0/maxRetries",
                evidence("model", "gpt-4o-mini", "maxRetries", "", "limit", 3, "reason", "missing"));
        assertOnly(missing, "SG-TOK-005");
        assertOne(run(manifest().model(0, maxRetries(10))), "SG-TOK-005", "/spec/models/0/maxRetries",
                evidence("model", "gpt-4o-mini", "maxRetries", 10, "limit", 3, "reason", "above the limit"));
        assertNone(run(manifest().model(0, maxRetries(3))), "SG-TOK-005");
    }
}
