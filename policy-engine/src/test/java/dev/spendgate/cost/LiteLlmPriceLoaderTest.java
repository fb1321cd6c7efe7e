package dev.spendgate.cost;

import dev.spendgate.error.InvalidInputException;
import dev.spendgate.input.Problem;
import dev.spendgate.manifest.ModelTier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiteLlmPriceLoaderTest {

    static final String FIXTURE = "litellm-prices.json";

    private final LiteLlmPriceLoader loader = new LiteLlmPriceLoader();

    @TempDir
    Path tmp;

    private static BigDecimal num(String s) {
        return new BigDecimal(s);
    }

    private static ModelPrice price(String name, String provider, String input, String output, String cached) {
        return new ModelPrice(name, provider, null, num(input), num(output), cached == null ? null : num(cached));
    }

    /** {@code p} without its batch prices, to compare with the standard prices alone. */
    private static ModelPrice standard(ModelPrice p) {
        return new ModelPrice(p.name(), p.provider(), p.tier(), p.mode(), p.input(), p.output(), p.cachedInput(),
                p.cacheWrite(), p.perQuery(), null);
    }

    @Test
    void textModelsAreImportedPerMillionTokensExactly() throws Exception {
        PriceCatalog c = loader.load(Fixtures.path(FIXTURE), FIXTURE);
        assertEquals(List.of("azure/gpt-4o", "bedrock/anthropic.claude-3-5-haiku-20241022-v1:0",
                "claude-sonnet-4-20250514", "claude-sonnet-4-5", "deepseek/deepseek-chat", "ft:gpt-4o-mini-2024-07-18",
                "gemini/gemini-2.5-flash", "gpt-3.5-turbo-instruct", "gpt-4o", "gpt-4o-mini",
                "mistral/mistral-large-latest", "o1-pro", "rerank-v3.5", "text-embedding-3-small", "voyage/rerank-2.5",
                "voyage/voyage-3.5"), List.copyOf(c.models().keySet()));
        assertEquals(List.of(), List.copyOf(c.gpus().keySet()));

        // 2.5e-06 USD per token is 2.5 USD per million, 1e-05 is 10: exact, without trailing zeros or exponents
        assertEquals(price("azure/gpt-4o", "azure", "2.5", "10", "1.25"), c.model("azure/gpt-4o").orElseThrow());
        assertEquals("10", c.model("gpt-4o").orElseThrow().output().toPlainString());
        assertEquals(price("gpt-4o-mini", "openai", "0.15", "0.6", "0.075"),
                standard(c.model("gpt-4o-mini").orElseThrow()));
        assertEquals(price("deepseek/deepseek-chat", "deepseek", "0.27", "1.1", "0.07"),
                c.model("deepseek/deepseek-chat").orElseThrow());
        assertEquals(new ModelPrice("bedrock/anthropic.claude-3-5-haiku-20241022-v1:0", "bedrock", null,
                        ModelPrice.Mode.TEXT, num("0.8"), num("4"), num("0.08"), num("1"), null, null),
                c.model("bedrock/anthropic.claude-3-5-haiku-20241022-v1:0").orElseThrow());
        // completion and responses modes are text models too; no cache price means none
        assertEquals(price("gpt-3.5-turbo-instruct", "text-completion-openai", "1.5", "2", null),
                c.model("gpt-3.5-turbo-instruct").orElseThrow());
        assertEquals(price("o1-pro", "openai", "150", "600", null), standard(c.model("o1-pro").orElseThrow()));
        assertEquals(price("mistral/mistral-large-latest", "mistral", "2", "6", null),
                c.model("mistral/mistral-large-latest").orElseThrow());
        // tiered prices (above 200k tokens) are not the standard price and are not read
        assertEquals(new ModelPrice("claude-sonnet-4-20250514", "anthropic", null, ModelPrice.Mode.TEXT, num("3"),
                num("15"), num("0.3"), num("3.75"), null, null), c.model("claude-sonnet-4-20250514").orElseThrow());
    }

    @Test
    void cacheWriteAndBatchPricesAreReadWhereGiven() throws Exception {
        PriceCatalog c = loader.load(Fixtures.path(FIXTURE), FIXTURE);
        // cache_creation_input_token_cost 3.75e-06 is the cache write; the *_batches prices the batch tier
        assertEquals(new ModelPrice("claude-sonnet-4-5", "anthropic", null, ModelPrice.Mode.TEXT, num("3"), num("15"),
                num("0.3"), num("3.75"), null, new ModelPrice.Batch(num("1.5"), num("7.5"), num("0.15"), num("1.875"))),
                c.model("claude-sonnet-4-5").orElseThrow());
        assertEquals(new ModelPrice.Batch(num("0.075"), num("0.3"), null, null), c.model("gpt-4o-mini").orElseThrow().batch());
        assertNull(c.model("azure/gpt-4o").orElseThrow().batch(), "no batch price: no batch tier");
    }

    @Test
    void embeddingModelsArePricedByInputTokensAndRerankersByQueryOrToken() throws Exception {
        PriceCatalog c = loader.load(Fixtures.path(FIXTURE), FIXTURE);
        assertEquals(new ModelPrice("voyage/voyage-3.5", "voyage", null, ModelPrice.Mode.EMBEDDING, num("0.06"),
                num("0"), null, null, null, null), c.model("voyage/voyage-3.5").orElseThrow());
        assertEquals(new ModelPrice("text-embedding-3-small", "openai", null, ModelPrice.Mode.EMBEDDING, num("0.02"),
                num("0"), null, null, null, new ModelPrice.Batch(num("0.01"), null, null, null)),
                c.model("text-embedding-3-small").orElseThrow());
        // input_cost_per_query is USD per query (a search unit), not per token: 0.002 stays 0.002
        assertEquals(new ModelPrice("rerank-v3.5", "cohere", null, ModelPrice.Mode.RERANK, num("0"), num("0"), null,
                null, num("0.002"), null), c.model("rerank-v3.5").orElseThrow());
        assertEquals(new ModelPrice("voyage/rerank-2.5", "voyage", null, ModelPrice.Mode.RERANK, num("0.05"), num("0"),
                null, null, null, null), c.model("voyage/rerank-2.5").orElseThrow());
    }

    @Test
    void anEmbeddingWithoutATokenPriceIsSkippedAndARerankerNeedsOneOfItsPrices() throws Exception {
        PriceCatalog c = loader.load("p.json", """
                {"image-embed": {"input_cost_per_image": 6e-05, "output_cost_per_token": 0.0, "mode": "embedding"},
                 "free-ranker": {"output_cost_per_token": 0.0, "mode": "rerank"},
                 "text-embed": {"input_cost_per_token": 1e-07, "mode": "embedding"}}
                """.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("text-embed"), List.copyOf(c.models().keySet()));
        assertEquals(BigDecimal.ZERO, c.model("text-embed").orElseThrow().output(), "an embedding has no output price");
        assertEquals(List.of("2 entries skipped: 2 without the prices of their mode (embedding 1: needs"
                + " input_cost_per_token; rerank 1: needs input_cost_per_query or input_cost_per_token)"
                + " (1 model imported: embedding 1)"), c.origins().get(0).notes());
    }

    @Test
    void aQueryPriceThatIsNotANumberIsLocated() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> loader.load("p.json", """
                {"r": {"input_cost_per_query": "0.002", "mode": "rerank"}}
                """.getBytes(StandardCharsets.UTF_8)));
        assertEquals("p.json:1:32: \"r\": input_cost_per_query must be a number (USD per query), not a string"
                + " (\"0.002\")", e.problems().get(0).toString());
    }

    @Test
    void skippedEntriesAreCountedNotSilentlyDropped() throws Exception {
        PriceCatalog c = loader.load(Fixtures.path(FIXTURE), FIXTURE);
        CatalogOrigin o = c.origins().get(0);
        assertEquals(new CatalogOrigin("litellm", null, null, FIXTURE,
                List.of("LiteLLM model prices litellm-prices.json (undated)"), CatalogOrigin.Format.LITELLM,
                List.of("6 entries skipped: 4 of a mode that is not priced (audio_speech 1, audio_transcription 1,"
                        + " image_generation 1, moderation 1); 2 without the prices of their mode (chat 1: needs"
                        + " input_cost_per_token and output_cost_per_token; embedding 1: needs input_cost_per_token)"
                        + " (16 models imported: embedding 2, rerank 2, text 12)")), o);
        assertEquals("undated", c.asOf());
    }

    @Test
    void entriesWithoutAModeAreSkippedAndSaidSo() throws Exception {
        PriceCatalog c = loader.load("p.json", """
                {"legacy-model": {"input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06},
                 "chat-model": {"input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06, "mode": "chat"}}
                """.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("chat-model"), List.copyOf(c.models().keySet()));
        assertEquals(price("chat-model", "unknown", "1", "2", null), c.model("chat-model").orElseThrow());
        assertEquals(List.of("1 entry skipped: 1 of a mode that is not priced ((no mode) 1) (1 model imported: text 1)"),
                c.origins().get(0).notes());
        PriceCatalog none = loader.load("p.json", "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(), none.origins().get(0).notes());
    }

    @Test
    void overTheShippedCatalogTiersAreKeptOrUnknown() throws Exception {
        PriceCatalog merged = PriceCatalog.shipped().overlay(loader.load(Fixtures.path(FIXTURE), FIXTURE));
        // a model the shipped catalog knows keeps its tier; the price and origin are the file's
        assertEquals(new ModelPrice("gpt-4o-mini", "openai", ModelTier.small, num("0.15"), num("0.6"), num("0.075")),
                standard(merged.model("gpt-4o-mini").orElseThrow()));
        assertEquals(Optional.of(ModelTier.frontier), merged.tierOf("gpt-4o"));
        assertEquals(FIXTURE, merged.modelOrigin("gpt-4o").orElseThrow().file());
        // a new model has a price but no tier: rules comparing tiers do not see one
        assertTrue(merged.model("azure/gpt-4o").isPresent());
        assertNull(merged.model("azure/gpt-4o").orElseThrow().tier());
        assertEquals(Optional.empty(), merged.tierOf("azure/gpt-4o"));
        // GPUs and the models the file does not have stay the shipped ones
        assertEquals(PriceCatalog.shipped().model("claude-sonnet-4"), merged.model("claude-sonnet-4"));
        assertEquals(PriceCatalog.SHIPPED_DISPLAY, merged.modelOrigin("claude-sonnet-4").orElseThrow().file());
        assertEquals(PriceCatalog.SHIPPED_DISPLAY, merged.gpuOrigin("h100").orElseThrow().file());
        // the shipped date stays the date; the file is named among the sources
        assertEquals("2026-11-01", merged.asOf());
        List<String> sources = merged.sources();
        assertEquals("LiteLLM model prices litellm-prices.json (undated)", sources.get(sources.size() - 1));
    }

    @Test
    void filesAreLaidOverTheShippedCatalogInTheOrderGiven() throws Exception {
        Path dir = Fixtures.path(FIXTURE).getParent();
        PriceCatalog jsonLast = PriceFiles.overShipped(List.of(Path.of("user-prices.yaml"), Path.of(FIXTURE)), dir);
        assertEquals(new ModelPrice("gpt-4o", "openai", ModelTier.frontier, num("2.5"), num("10"), num("1.25")),
                standard(jsonLast.model("gpt-4o").orElseThrow()));
        assertEquals(FIXTURE, jsonLast.modelOrigin("gpt-4o").orElseThrow().file());
        assertEquals("user-prices.yaml", jsonLast.modelOrigin("acme-llm").orElseThrow().file());
        assertEquals("2026-11-01 spendgate-default + 2026-12-05 acme-prices", jsonLast.asOf());
        assertEquals(List.of("spendgate-default", "acme-prices", "litellm"),
                jsonLast.origins().stream().map(CatalogOrigin::name).toList());

        PriceCatalog yamlLast = PriceFiles.overShipped(List.of(Path.of(FIXTURE), Path.of("user-prices.yaml")), dir);
        assertEquals(new ModelPrice("gpt-4o", "azure", ModelTier.frontier, num("2.20"), num("8.80"), null),
                yamlLast.model("gpt-4o").orElseThrow());
        assertEquals("user-prices.yaml", yamlLast.modelOrigin("gpt-4o").orElseThrow().file());
        assertEquals(FIXTURE, yamlLast.modelOrigin("gpt-4o-mini").orElseThrow().file());
    }

    @Test
    void problemsOfEveryFileAreListedTogether() throws Exception {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\"m\": {\"mode\": \"chat\", \"input_cost_per_token\": -1e-06}}");
        Path badYaml = tmp.resolve("bad.yaml");
        Files.writeString(badYaml, "kind: PriceCatalog\n");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> PriceFiles.overShipped(List.of(Path.of("bad.json"), Path.of("bad.yaml")), tmp));
        assertEquals(List.of(
                "bad.json:1:48: \"m\": input_cost_per_token must not be negative, got -1e-06",
                "bad.yaml:1:1: missing required key 'apiVersion'",
                "bad.yaml:1:1: missing required key 'asOf' (the date of the prices, YYYY-MM-DD)",
                "bad.yaml:1:1: missing required key 'metadata'"), problems(e));
    }

    @Test
    void badFilesSayWhereWithLineAndColumn() {
        assertEquals(List.of("p.json:3:55: invalid JSON: expected a string, found ','"),
                problems("""
                        {
                            "gpt-4o": {
                                "mode": "chat", "input_cost_per_token": 1e-06,, "output_cost_per_token": 1
                            }
                        }
                        """));
        assertEquals(List.of("p.json:2:5: expected a JSON object of model prices keyed by model name (LiteLLM's"
                        + " model_prices_and_context_window.json), not an array"),
                problems("\n    [{\"gpt-4o\": {}}]\n"));
        assertEquals(List.of("p.json:1:1: expected a JSON object of model prices keyed by model name (LiteLLM's"
                        + " model_prices_and_context_window.json), not a string"),
                problems("\"gpt-4o\""));
        assertEquals(List.of(
                        "p.json:2:54: \"gpt-4o\": input_cost_per_token must be a number (USD per token), not a string (\"2.5e-06\")",
                        "p.json:3:93: \"gpt-4o-mini\": output_cost_per_token must not be negative, got -6e-07",
                        "p.json:4:57: \"o1\": cache_read_input_token_cost must be a number (USD per token), not an object",
                        "p.json:5:8: \"x\": must be an object of prices, not a number",
                        "p.json:6:3: \"x\": duplicate key, already at line 5",
                        "p.json:7:75: \"text-embedding-3-small\": input_cost_per_token must not be negative, got -2e-08"),
                problems("""
                        {
                          "gpt-4o": {"mode": "chat", "input_cost_per_token": "2.5e-06", "output_cost_per_token": 1e-05},
                          "gpt-4o-mini": {"mode": "chat", "input_cost_per_token": 1.5e-07, "output_cost_per_token": -6e-07},
                          "o1": {"mode": "chat", "cache_read_input_token_cost": {"a": 1}},
                          "x": 12,
                          "x": {},
                          "text-embedding-3-small": {"mode": "embedding", "input_cost_per_token": -2e-08}
                        }
                        """));
    }

    @Test
    void truncatedEmptyOrTrailingContentIsInvalid() {
        assertEquals(List.of("p.json:2:29: invalid JSON: expected ',' or '}', found the end of the file"),
                problems("{\n  \"gpt-4o\": {\"mode\": \"chat\"}"));
        assertEquals(List.of("p.json:1:16: invalid JSON: unexpected end of file"), problems("{\"gpt-4o\": \"cha"));
        assertEquals(List.of("p.json:1:1: empty file, expected a JSON object of model prices (LiteLLM's"
                + " model_prices_and_context_window.json)"), problems("  \n"));
        assertEquals(List.of("p.json:2:1: invalid JSON: unexpected character 'x'"), problems("{}\nx"));
        assertEquals(List.of("p.json:2:11: invalid JSON: unexpected character ' ', expected 'e'"),
                problems("{\n  \"a\": tru }"));
        // a token out of place is pointed at where it starts
        assertEquals(List.of("p.json:3:3: invalid JSON: expected ',', found a string"),
                problems("{\n  \"gpt-4o\": {\"mode\": \"chat\"}\n  \"o1\": {}\n}"));
        assertEquals(List.of("p.json:1:10: invalid JSON: expected ',', found a number"),
                problems("{\"a\": {} 1.5e-06}"));
        assertEquals(List.of("p.json:1:11: invalid JSON: expected ',', found false"),
                problems("{\"a\": {}  false}"));
        assertEquals(List.of("p.json:1:1: not UTF-8 text"), problems(new byte[] {'{', (byte) 0xC3, '}'}));
    }

    @Test
    void aFileOver64MiBIsRefusedUnread() throws IOException {
        Path big = tmp.resolve("big.json");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(LiteLlmPriceLoader.MAX_BYTES + 1);
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> loader.load(big, "big.json"));
        assertEquals(List.of("big.json:1:1: file is 67108865 bytes, more than the limit of 67108864 (64 MiB) for a"
                + " LiteLLM price file"), problems(e));
        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> loader.load(tmp.resolve("none.json"), "none.json"));
        assertEquals(List.of("none.json:1:1: file not found"), problems(missing));
    }

    @Test
    void theKindOfFileIsToldByItsName() throws Exception {
        assertTrue(PriceFiles.isLiteLlm("prices/model_prices_and_context_window.JSON"));
        PriceCatalog yaml = PriceFiles.read(Fixtures.path("user-prices.yaml"), "user-prices.yaml");
        assertEquals(CatalogOrigin.Format.SPENDGATE, yaml.origins().get(0).format());
        PriceCatalog json = PriceFiles.read(FIXTURE, Files.readAllBytes(Fixtures.path(FIXTURE)));
        assertEquals(CatalogOrigin.Format.LITELLM, json.origins().get(0).format());
    }

    private List<String> problems(String json) {
        return problems(json.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> problems(byte[] bytes) {
        return problems(assertThrows(InvalidInputException.class, () -> loader.load("p.json", bytes)));
    }

    private static List<String> problems(InvalidInputException e) {
        return e.problems().stream().map(Problem::toString).toList();
    }
}
