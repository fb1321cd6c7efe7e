package dev.spendgate.cli;

import dev.spendgate.cost.PriceServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cost model from the command line: {@code spendgate estimate} and its arithmetic (golden files,
 * regenerate with {@code -Dgolden.update=true}), price files laid over the shipped catalog
 * ({@code --prices}, repeatable, LiteLLM or spendgate), and the rules that cannot vouch for an
 * incomplete estimate.
 */
class CostCliTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    /** A LiteLLM price file of 17 entries and its sample_spec. */
    static final String LITELLM = "../policy-engine/src/test/resources/cost/litellm-prices.json";
    static final String CHURN = "../examples/manifests/experiments/churn-classifier-ft.yaml";
    /** GPU hours by capacity, tokens with and without a cached prompt, days from a ttl or a monthly budget. */
    static final String[] ESTIMATED = {CHURN, "../examples/manifests/inference/fraud-scorer.yaml",
            "../examples/manifests/inference/search-reranker.yaml", "../examples/manifests/llm/support-assistant.yaml",
            "../examples/manifests/training/llama-finetune.yaml"};
    static final String NOW = "2026-11-22T12:00:00Z";

    @TempDir
    Path tmp;

    private static void golden(String name, String actual) throws IOException {
        Path golden = GOLDEN.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual,
                "differs from " + golden + " (run with -Dgolden.update=true and review the diff if intended)");
    }

    private static String lastLine(String text) {
        String[] lines = text.split("\n");
        return lines[lines.length - 1];
    }

    private static String[] estimate(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("estimate"));
        args.addAll(List.of(ESTIMATED));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** estimate --alternatives: what each alternative would cost, as check's findings say it. */
    @Test
    void estimateListsThePricedAlternatives() {
        CliRun text = CliRun.of("estimate", "../examples/manifests/training/llama-finetune.yaml", "--alternatives");
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("  alternatives:\n    - spot capacity would cost 1,760.00 USD instead of 4,403.20 USD"
                + " (saves 2,643.20 USD, 60 %)\n      16 × H100 spot: 16 GPUs × 40 h = 640 GPU-h × 2.75 USD/GPU-h spot ="
                + " 1760.00 USD; total 1760.00 USD instead of 4403.20 USD\n"), text.out());
        CliRun check = CliRun.of("check", "../examples/manifests/training/llama-finetune.yaml", "--policy",
                "../examples/policy.yaml", "--now", NOW);
        assertTrue(check.out().contains("; spot capacity would cost 1,760.00 USD instead of 4,403.20 USD (saves 2,643.20 USD,"
                + " 60 %)"), check.out());

        CliRun json = CliRun.of("estimate", "../examples/manifests/llm/support-assistant.yaml", "--alternatives",
                "--policy", "../examples/policy.yaml", "--format", "json");
        assertTrue(json.out().contains("\"alternative\": \"prompt caching on claude-sonnet-4\""), json.out());
        assertTrue(json.out().contains("\"costPer1kRequests\": 13.5"), json.out());
        assertFalse(CliRun.of("estimate", "../examples/manifests/llm/support-assistant.yaml").out().contains("alternatives"));
    }
    @Test
    void estimateShowsItsArithmeticInText() throws IOException {
        CliRun r = CliRun.of(estimate());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
        golden("estimate.text", r.out());
        // the lines a reader checks by hand
        assertTrue(r.out().startsWith("""
                Prices as of 2026-11-01, USD
                  from classpath:dev/spendgate/cost/prices.yaml (spendgate-default 2026.11.0, 2026-11-01)

                churn-classifier-ft  ../examples/manifests/experiments/churn-classifier-ft.yaml
                  horizon: ttl 24h = 1 day
                  2 × T4 spot                                2.40  2 GPUs × 6 h = 12 GPU-h × 0.20 USD/GPU-h spot
                  gpt-4o-mini input                          0.54  4000 req/day × 1 day × 900 tokens = 3.6M tokens × 0.15 USD/M
                  gpt-4o-mini cached input                   0.11  4000 req/day × 1 day × 350 tokens (system prompt) = 1.4M tokens × 0.075 USD/M
                  gpt-4o-mini output                         0.14  4000 req/day × 1 day × 60 tokens = 0.24M tokens × 0.60 USD/M
                  total                                      3.19 USD  (budget 150)
                """), r.out());
        assertTrue(r.out().contains("""
                fraud-scorer  ../examples/manifests/inference/fraud-scorer.yaml
                  horizon: monthly budget = 30 days
                  2 × L40S on-demand                      2678.40  2 GPUs × 24 h/day × 30 days = 1440 GPU-h × 1.86 USD/GPU-h on-demand
                  total                                   2678.40 USD  (budget 4500)
                """), r.out());
    }

    @Test
    void estimateShowsItsArithmeticInJson() throws IOException {
        CliRun r = CliRun.of(estimate("--format", "json"));
        assertEquals(0, r.exitCode(), r.err());
        golden("estimate.json", r.out());
        assertTrue(r.out().contains("""
                {
                    "kind": "tokens",
                    "label": "gpt-4o-mini cached input",
                    "formula": "4000 req/day × 1 day × 350 tokens (system prompt) = 1.4M tokens × 0.075 USD/M",
                    "quantity": 1.4,
                    "unit": "M tokens",
                    "rate": 0.075,
                    "amount": 0.11,
                    "path": "/spec/models/0"
                },
                """.indent(20)), r.out());
    }

    @Test
    void aLiteLlmFilePricesTheEstimateAndSaysWhatItSkipped() throws IOException {
        CliRun r = CliRun.of("estimate", CHURN, "--prices", LITELLM, "--format", "json");
        assertEquals(0, r.exitCode(), r.err());
        golden("estimate-litellm.json", r.out());
        String skipped = "6 entries skipped: 4 of a mode that is not priced (audio_speech 1, audio_transcription 1,"
                + " image_generation 1, moderation 1); 2 without the prices of their mode (chat 1: needs"
                + " input_cost_per_token and output_cost_per_token; embedding 1: needs input_cost_per_token)"
                + " (16 models imported: embedding 2, rerank 2, text 12)";
        assertTrue(r.out().contains("""
                "prices": [
                    {
                        "kind": "model",
                        "name": "gpt-4o-mini",
                        "from": "%s",
                        "format": "litellm",
                        "provider": "openai",
                        "tier": "small",
                        "mode": "text",
                        "unit": "USD per million tokens",
                        "input": 0.15,
                        "output": 0.6,
                        "cachedInput": 0.075,
                        "cacheWrite": null,
                        "perQuery": null,
                        "batch": {
                            "input": 0.075,
                            "output": 0.3,
                            "cachedInput": null,
                            "cacheWrite": null
                        }
                    },
                    {
                        "kind": "gpu",
                        "name": "T4",
                        "from": "classpath:dev/spendgate/cost/prices.yaml",
                        "format": "spendgate",
                """.formatted(LITELLM).indent(12)), r.out());
        assertTrue(r.out().contains("\"diagnostics\": [\n        \"" + LITELLM + ":1:1: info: " + skipped + "\"\n    ]\n}\n"),
                r.out());

        CliRun text = CliRun.of("estimate", CHURN, "--prices", LITELLM);
        assertTrue(text.out().startsWith("Prices as of 2026-11-01, USD\n"
                + "  from classpath:dev/spendgate/cost/prices.yaml (spendgate-default 2026.11.0, 2026-11-01)\n"
                + "  from " + LITELLM + " (LiteLLM, undated)\n"
                + "note: " + LITELLM + ":1:1: info: " + skipped + "\n"
                + "\n"
                + "churn-classifier-ft  " + CHURN + "\n"
                + "  horizon: ttl 24h = 1 day\n"
                + "  priced from: classpath:dev/spendgate/cost/prices.yaml (T4); " + LITELLM + " (gpt-4o-mini)\n"), text.out());

        // the gate says it too, in every report
        CliRun check = CliRun.of("check", CHURN, "--now", NOW, "--prices", LITELLM);
        assertEquals(0, check.exitCode(), check.out() + check.err());
        assertTrue(check.out().contains("\nnote: " + LITELLM + ":1:1: info: " + skipped + "\n"), check.out());
        CliRun checkJson = CliRun.of("check", CHURN, "--now", NOW, "--prices", LITELLM, "--format", "json");
        assertTrue(checkJson.out().contains("\"severity\": \"info\",\n            \"code\": \"prices_skipped\",\n"
                + "            \"file\": \"" + LITELLM + "\",\n"), checkJson.out());
    }

    @Test
    void anEmbeddingWorkflowOnAModelOnlyLiteLlmKnowsIsPricedFromTheLiteLlmFile() throws IOException {
        Files.writeString(tmp.resolve("rag.yaml"), """
                apiVersion: spendgate.dev/v1
                kind: LlmWorkflow
                metadata: {name: docs-rag, team: search, owner: erin@example.com, environment: dev}
                spec:
                  taskType: embedding
                  modelTier: small
                  budget: {amount: 400, currency: USD, period: monthly}
                  models:
                    - {name: voyage/voyage-3.5, requestsPerDay: 50000, avgInputTokens: 600}
                    - {name: text-embedding-3-small, requestsPerDay: 200000, avgInputTokens: 500, batch: true}
                    - {name: rerank-v3.5, requestsPerDay: 20000, searchUnitsPerRequest: 2}
                """);
        String litellm = Path.of(LITELLM).toAbsolutePath().normalize().toString();
        CliRun r = CliRun.of("estimate", "rag.yaml", "-C", tmp.toString(), "--prices", litellm);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("""
                docs-rag  rag.yaml
                  horizon: monthly budget = 30 days
                  priced from: %s (voyage/voyage-3.5, text-embedding-3-small, rerank-v3.5)
                  voyage/voyage-3.5 input                   54.00  50000 req/day × 30 days × 600 tokens (embedding: input tokens only) = 900.0M tokens × 0.06 USD/M
                  text-embedding-3-small input              30.00  200000 req/day × 30 days × 500 tokens (embedding: input tokens only) = 3000.0M tokens × 0.01 USD/M batch
                  rerank-v3.5 queries                     2400.00  20000 req/day × 30 days × 2 search units = 1200000 search units × 0.002 USD/unit
                  total                                   2484.00 USD  (budget 400)
                """.formatted(litellm)), r.out());

        // without the file the shipped catalog does not know the model: the estimate is incomplete, never zero
        CliRun shipped = CliRun.of("estimate", "rag.yaml", "-C", tmp.toString());
        assertTrue(shipped.out().contains("model 'voyage/voyage-3.5' is not in the price catalog"), shipped.out());
    }

    @Test
    void aPriceUrlIsFetchedOnceThenRevalidatedAndItsCopyUsedWhenTheServerIsGone() throws IOException {
        Files.writeString(tmp.resolve("rag.yaml"), """
                apiVersion: spendgate.dev/v1
                kind: LlmWorkflow
                metadata: {name: docs-rag, team: search, owner: erin@example.com, environment: dev}
                spec:
                  taskType: embedding
                  budget: {amount: 400, currency: USD, period: monthly}
                  models:
                    - {name: voyage/voyage-3.5, requestsPerDay: 50000, avgInputTokens: 600}
                """);
        Map<String, String> env = Map.of("SPENDGATE_CACHE_DIR", tmp.resolve("cache").toString());
        try (PriceServer server = new PriceServer().serve(Files.readString(Path.of(LITELLM)))) {
            String url = server.url("/litellm/model_prices_and_context_window.json");
            CliRun first = CliRun.withEnv(env, "estimate", "rag.yaml", "-C", tmp.toString(), "--prices", url);
            assertEquals(0, first.exitCode(), first.err());
            assertTrue(first.out().contains("  from " + url + " (LiteLLM, undated)\n"), first.out());
            assertTrue(first.out().contains("  priced from: " + url + " (voyage/voyage-3.5)\n"
                    + "  voyage/voyage-3.5 input                   54.00  50000 req/day × 30 days × 600 tokens"
                    + " (embedding: input tokens only) = 900.0M tokens × 0.06 USD/M\n"), first.out());
            assertEquals(1, server.requests.size());
            assertTrue(Files.list(tmp.resolve("cache/prices")).anyMatch(p -> p.toString().endsWith(".body")));

            CliRun again = CliRun.withEnv(env, "check", "rag.yaml", "-C", tmp.toString(), "--prices", url,
                    "--now", NOW);
            assertEquals(2, server.requests.size(), "one request a run");
            assertEquals(server.etag(), server.requests.get(1).headers().get("if-none-match"), "revalidated");
            assertFalse(again.out().contains("prices_cached"), again.out());

            server.fail(404);
            CliRun stale = CliRun.withEnv(env, "estimate", "rag.yaml", "-C", tmp.toString(), "--prices", url);
            assertEquals(0, stale.exitCode(), stale.err());
            assertTrue(stale.out().contains(url + ":1:1: warning: cannot fetch the price file (HTTP 404): using the"
                    + " copy cached (Last-Modified " + server.lastModified() + ", ETag " + server.etag() + ")"),
                    stale.out());
            assertTrue(stale.out().contains("  voyage/voyage-3.5 input                   54.00"), stale.out());

            CliRun none = CliRun.withEnv(Map.of("SPENDGATE_CACHE_DIR", tmp.resolve("empty").toString()),
                    "check", "rag.yaml", "-C", tmp.toString(), "--prices", url, "--now", NOW);
            assertEquals(4, none.exitCode(), none.out());
            assertEquals("spendgate: prices_unreachable: " + url + ": cannot fetch the price file (HTTP 404) and no copy"
                    + " of it is cached in " + tmp.resolve("empty/prices") + " (exit 4)\n", none.err());
        }
        CliRun bad = CliRun.of("estimate", CHURN, "--prices", "https://exa mple.com/p.json");
        assertEquals(2, bad.exitCode(), bad.err());
    }

    @Test
    void aCatalogOlderThanPricesMaxAgeIsSaidInEveryReport() throws IOException {
        // the shipped catalog is dated 2026-11-01: 90 days later it is still current, 91 days later stale
        String stale = "classpath:dev/spendgate/cost/prices.yaml:1:1: warning: the prices of spendgate-default 2026.11.0"
                + " are dated 2026-11-01, 91 days before 2027-01-31T12:00:00Z, more than prices.maxAge (90d): estimates"
                + " may be off; update the catalog (a newer spendgate, or --prices with current prices)";
        CliRun current = CliRun.of("check", CHURN, "--now", "2027-01-30T12:00:00Z");
        assertEquals(1, current.exitCode(), "expired by then (SG-TTL-003): " + current.out());
        assertFalse(current.out().contains("prices_stale") || current.out().contains("are dated"), current.out());
        assertTrue(current.out().contains("\nPRICES classpath:dev/spendgate/cost/prices.yaml"
                + " (spendgate-default 2026.11.0, 2026-11-01)\n"), current.out());

        CliRun old = CliRun.of("check", CHURN, "--now", "2027-01-31T12:00:00Z");
        assertEquals(1, old.exitCode(), old.out());
        assertEquals(lastLine(current.out()), lastLine(old.out()), "a diagnostic, not a finding");
        assertTrue(old.out().contains("\nnote: " + stale + "\n"), old.out());
        CliRun json = CliRun.of("check", CHURN, "--now", "2027-01-31T12:00:00Z", "--format", "json");
        assertTrue(json.out().contains("""
                "severity": "warning",
                "code": "prices_stale",
                "file": "classpath:dev/spendgate/cost/prices.yaml",
                """.indent(12)), json.out());
        assertTrue(json.out().contains("""
                "prices": [
                    {
                        "file": "classpath:dev/spendgate/cost/prices.yaml",
                        "format": "spendgate",
                        "name": "spendgate-default",
                        "version": "2026.11.0",
                        "asOf": "2026-11-01"
                    }
                ],
                """.indent(4)), json.out());

        // prices.maxAge of the policy set, and a fresh file laid over the shipped one that still prices the GPUs
        Files.writeString(tmp.resolve("policy.yaml"), """
                apiVersion: spendgate.dev/v1
                kind: PolicySet
                metadata: {name: slow-moving}
                intents: {prices: {maxAge: 26w}}
                """);
        Files.writeString(tmp.resolve("fresh.yaml"), """
                apiVersion: spendgate.dev/v1
                kind: PriceCatalog
                metadata: {name: negotiated}
                asOf: 2027-01-15
                models:
                  gpt-4o-mini: {provider: azure, tier: mid, input: 0.10, output: 0.40, cachedInput: 0.05}
                """);
        String churn = Path.of(CHURN).toAbsolutePath().normalize().toString();
        CliRun lenient = CliRun.of("check", churn, "-C", tmp.toString(), "--policy", "policy.yaml",
                "--now", "2027-01-31T12:00:00Z");
        assertFalse(lenient.out().contains("are dated"), lenient.out());
        CliRun overlaid = CliRun.of("check", churn, "-C", tmp.toString(), "--prices", "fresh.yaml",
                "--now", "2027-01-31T12:00:00Z", "--format", "markdown");
        assertTrue(overlaid.out().contains("the prices of spendgate-default 2026.11.0 are dated 2026-11-01"),
                overlaid.out());
        assertFalse(overlaid.out().contains("the prices of negotiated"), overlaid.out());
        assertTrue(overlaid.out().contains("Prices: classpath:dev/spendgate/cost/prices.yaml (spendgate-default"
                + " 2026.11.0, 2026-11-01); fresh.yaml (negotiated, 2027-01-15)\n"), overlaid.out());
    }

    /**
     * Two price files in {@code dir}: {@code early.yaml} (a spendgate catalog with gpt-4o-mini and
     * T4) and {@code late.json} (LiteLLM, gpt-4o-mini only, no cache price). Over the shipped catalog,
     * early then late, the churn-classifier-ft example costs 2.99; late then early, 1.73.
     */
    static void writeEarlyAndLatePrices(Path dir) throws IOException {
        Files.writeString(dir.resolve("late.json"), """
                {"gpt-4o-mini": {"input_cost_per_token": 3e-07, "output_cost_per_token": 1.2e-06, "mode": "chat",
                                 "litellm_provider": "openai"}}
                """);
        Files.writeString(dir.resolve("early.yaml"), """
                apiVersion: spendgate.dev/v1
                kind: PriceCatalog
                metadata: {name: negotiated}
                asOf: 2026-11-15
                models:
                  gpt-4o-mini: {provider: azure, tier: mid, input: 0.10, output: 0.40, cachedInput: 0.05}
                gpus:
                  T4: {onDemand: 0.50, spot: 0.10, reserved: 0.30}
                """);
    }

    @Test
    void priceFilesAreLaidOverTheShippedCatalogInTheOrderGiven() throws IOException {
        writeEarlyAndLatePrices(tmp);
        String churn = Path.of(CHURN).toAbsolutePath().normalize().toString();
        CliRun jsonLast = CliRun.of("check", churn, "-C", tmp.toString(), "--now", NOW, "--format", "json",
                "--prices", "early.yaml", "--prices", "late.json");
        assertEquals(0, jsonLast.exitCode(), jsonLast.err());
        // late.json's token prices (its entry has no cache price: the prompt is priced at input), early.yaml's T4
        assertTrue(jsonLast.out().contains("\"total\": 2.99,"), jsonLast.out());
        CliRun yamlLast = CliRun.of("check", churn, "-C", tmp.toString(), "--now", NOW, "--format", "json",
                "--prices", "late.json", "--prices", "early.yaml");
        assertTrue(yamlLast.out().contains("\"total\": 1.73,"), yamlLast.out());
    }

    @Test
    void badPriceFilesExitThreeWithLineAndColumn() throws IOException {
        Files.writeString(tmp.resolve("prices.json"), """
                {
                    "gpt-4o-mini": {
                        "input_cost_per_token": "0.15",
                        "output_cost_per_token": -6e-07,
                        "mode": "chat"
                    }
                }
                """);
        Files.writeString(tmp.resolve("broken.json"), "{\n  \"gpt-4o\": {\"mode\": \"chat\"\n  \"o1\": {}\n}\n");
        Files.writeString(tmp.resolve("list.json"), "[]\n");
        CliRun r = CliRun.of("estimate", CHURN, "--prices", tmp.resolve("prices.json").toString(),
                "--prices", tmp.resolve("broken.json").toString(), "--prices", tmp.resolve("list.json").toString());
        assertEquals(3, r.exitCode(), r.out());
        assertEquals("", r.out());
        for (String line : List.of(
                tmp.resolve("prices.json") + ":3:33: \"gpt-4o-mini\": input_cost_per_token must be a number (USD per token),"
                        + " not a string (\"0.15\")",
                tmp.resolve("prices.json") + ":4:34: \"gpt-4o-mini\": output_cost_per_token must not be negative, got -6e-07",
                tmp.resolve("broken.json") + ":3:3: invalid JSON: expected ',', found a string",
                tmp.resolve("list.json") + ":1:1: expected a JSON object of model prices keyed by model name (LiteLLM's"
                        + " model_prices_and_context_window.json), not an array")) {
            assertTrue(r.err().contains(line + "\n"), line + " missing in\n" + r.err());
        }
        CliRun check = CliRun.of("check", CHURN, "--now", NOW, "--prices", tmp.resolve("list.json").toString());
        assertEquals(3, check.exitCode(), check.out());
    }

    @Test
    void rulesThatNeedTheEstimateSayWhenTheyCannotVouchForIt() throws IOException {
        Files.writeString(tmp.resolve("acme.yaml"), """
                apiVersion: spendgate.dev/v1
                kind: LlmWorkflow
                metadata:
                  name: acme-assistant
                  team: support-ai
                  owner: "@acme/support-ai"
                  environment: production
                  costCenter: CC-5200
                spec:
                  purpose: "answer tickets"
                  taskType: generation
                  modelTier: mid
                  budget: {amount: 800, currency: USD, period: monthly}
                  models:
                    - name: acme-llm
                      provider: acme
                      maxOutputTokens: 400
                      maxInputTokens: 4000
                      requestsPerDay: 2000
                      avgInputTokens: 1000
                      avgOutputTokens: 200
                      maxRetries: 2
                """);
        String dir = tmp.toString();
        String bud3 = "acme.yaml:13:12: warning: SG-BUD-003 could not vouch for 'acme-assistant': the estimate is"
                + " incomplete (unpriced model 'acme-llm'), so a budget of 800 USD may not cover it";
        String bud4 = "acme.yaml:13:12: warning: SG-BUD-004 could not vouch for 'acme-assistant': the estimate is"
                + " incomplete (unpriced model 'acme-llm'), so the real cost may be more than the 0.00 USD it was judged on";
        String unpriced = "acme.yaml:15:7: warning: model 'acme-llm' is not in the price catalog (asOf 2026-11-01);"
                + " its cost is not in the estimate and budget rules cannot vouch for it";

        CliRun text = CliRun.of("check", "acme.yaml", "-C", dir, "--now", NOW);
        assertEquals(0, text.exitCode(), text.out() + text.err());
        assertTrue(text.out().contains("note: " + bud3 + "\nnote: " + bud4 + "\nnote: " + unpriced + "\n"), text.out());

        CliRun json = CliRun.of("check", "acme.yaml", "-C", dir, "--now", NOW, "--format", "json");
        assertTrue(json.out().contains("""
                    "diagnostics": [
                        {
                            "severity": "warning",
                            "code": "estimate_unvouched",
                            "file": "acme.yaml",
                            "line": 13,
                            "column": 12,
                            "message": "SG-BUD-003 could not vouch for 'acme-assistant': the estimate is incomplete (unpriced model 'acme-llm'), so a budget of 800 USD may not cover it"
                        },
                        {
                            "severity": "warning",
                            "code": "estimate_unvouched",
                            "file": "acme.yaml",
                            "line": 13,
                            "column": 12,
                            "message": "SG-BUD-004 could not vouch for 'acme-assistant': the estimate is incomplete (unpriced model 'acme-llm'), so the real cost may be more than the 0.00 USD it was judged on"
                        },
                        {
                            "severity": "warning",
                            "code": "unpriced_model",
                """), json.out());

        CliRun markdown = CliRun.of("check", "acme.yaml", "-C", dir, "--now", NOW, "--format", "markdown");
        int three = markdown.out().indexOf("SG-BUD-003 could not vouch for 'acme-assistant'");
        int four = markdown.out().indexOf("SG-BUD-004 could not vouch for 'acme-assistant'");
        assertTrue(markdown.out().contains("### Notes\n"), markdown.out());
        assertTrue(three > 0 && four > three, markdown.out());

        // priced from a LiteLLM file, the estimate is complete and the rules judge it: 2000 req/day × 30 days
        // × (1000 tokens × 2.5 + 200 tokens × 10 USD/M) = 270 USD, within the budget
        Files.writeString(tmp.resolve("prices.json"), """
                {"acme-llm": {"input_cost_per_token": 2.5e-06, "output_cost_per_token": 1e-05,
                              "litellm_provider": "acme", "mode": "chat"}}
                """);
        CliRun priced = CliRun.of("check", "acme.yaml", "-C", dir, "--now", NOW, "--prices", "prices.json");
        assertEquals(0, priced.exitCode(), priced.out());
        assertTrue(priced.out().contains("estimate 270.00 USD"), priced.out());
        assertFalse(priced.out().contains("could not vouch"), priced.out());
        assertFalse(priced.out().contains("note:"), priced.out());
    }
}
