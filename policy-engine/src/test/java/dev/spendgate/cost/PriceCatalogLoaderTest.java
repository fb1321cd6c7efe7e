package dev.spendgate.cost;

import dev.spendgate.error.InvalidInputException;
import dev.spendgate.input.Problem;
import dev.spendgate.manifest.ModelTier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PriceCatalogLoaderTest {

    private final PriceCatalogLoader loader = new PriceCatalogLoader();

    private static BigDecimal bd(String s) {
        return new BigDecimal(s);
    }

    @Test
    void userCatalogMergesOverTheShippedOneEntryByEntry() throws Exception {
        PriceCatalog merged = loader.loadOverShipped(Fixtures.path("user-prices.yaml"), "user-prices.yaml");
        PriceCatalog shipped = PriceCatalog.shipped();

        // a model in the user file replaces the shipped entry as a whole: no cachedInput is inherited
        ModelPrice gpt4o = merged.model("gpt-4o").orElseThrow();
        assertEquals(new ModelPrice("gpt-4o", "azure", dev.spendgate.manifest.ModelTier.frontier,
                new BigDecimal("2.20"), new BigDecimal("8.80"), null), gpt4o);
        assertEquals(new BigDecimal("0.50"), merged.model("acme-llm").orElseThrow().input(), "added");
        assertEquals(shipped.model("gpt-4o-mini"), merged.model("gpt-4o-mini"), "kept");
        assertEquals(shipped.models().size() + 1, merged.models().size());

        // GPU types replace ignoring case, with the user's spelling
        GpuPrice h100 = merged.gpu("H100").orElseThrow();
        assertEquals("h100", h100.type());
        assertEquals(new BigDecimal("1.50"), h100.spot());
        assertFalse(merged.gpus().containsKey("H100"));
        assertEquals(new BigDecimal("4.50"), merged.gpu("mi300x").orElseThrow().onDemand(), "added");
        assertEquals(shipped.gpu("L4"), merged.gpu("L4"), "kept");
        assertEquals(shipped.gpus().size() + 1, merged.gpus().size());

        // asOf and sources say both
        assertEquals("2026-11-01 spendgate-default + 2026-12-05 acme-prices", merged.asOf());
        assertEquals(List.of("spendgate-default", "acme-prices"),
                merged.origins().stream().map(CatalogOrigin::name).toList());
        assertEquals("user-prices.yaml", merged.origins().get(1).file());
        assertEquals("7", merged.origins().get(1).version());
        assertTrue(merged.sources().contains("OpenAI API pricing page"));
        assertTrue(merged.sources().contains("Acme negotiated Azure OpenAI rates"));

        // the shipped catalog itself is untouched
        assertEquals(new BigDecimal("1.25"), shipped.model("gpt-4o").orElseThrow().cachedInput());
    }

    @Test
    void aUserCatalogAloneHoldsOnlyItsEntries() throws Exception {
        PriceCatalog user = loader.load(Fixtures.path("user-prices.yaml"), "user-prices.yaml");
        assertEquals(2, user.models().size());
        assertEquals(2, user.gpus().size());
        assertEquals(LocalDate.of(2026, 12, 5), user.origins().get(0).asOf());
        assertEquals("2026-12-05", user.asOf());
    }

    @Test
    void everyProblemIsListedWithLineAndColumn() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> loader.load(Fixtures.path("bad-prices.yaml"), "bad-prices.yaml"));
        assertEquals(List.of(
                "bad-prices.yaml:1:1: apiVersion: 'spendgate.dev/v2' is not supported, expected spendgate.dev/v1",
                "bad-prices.yaml:3:1: metadata: missing required key 'name'",
                "bad-prices.yaml:5:3: metadata.owner: unknown key (expected name, version, description)",
                "bad-prices.yaml:6:1: asOf: '2026-13-01' is not a date (use YYYY-MM-DD)",
                "bad-prices.yaml:7:1: currency: 'EUR' is not supported yet, price catalogs must be in USD",
                "bad-prices.yaml:10:5: sources[1]: must be a non-empty string, not a number",
                "bad-prices.yaml:12:3: models.gpt-4o: missing required key 'output' (USD per million tokens)",
                "bad-prices.yaml:12:58: models.gpt-4o.ouput: unknown key, did you mean output?",
                "bad-prices.yaml:15:5: models.gpt-4o-mini.tier: unknown tier 'tiny' (expected small, mid, frontier)",
                "bad-prices.yaml:16:5: models.gpt-4o-mini.input: must not be negative, got -0.15",
                "bad-prices.yaml:17:5: models.gpt-4o-mini.output: must be a number (USD per million tokens),"
                        + " not a string ('0.60')",
                "bad-prices.yaml:18:37: models.cheap.input: 0.0000025 looks like a price per token;"
                        + " prices are USD per million tokens (2.5?)",
                "bad-prices.yaml:18:55: models.cheap.output: 2000 USD per million tokens is implausibly high"
                        + " (more than 1000)",
                "bad-prices.yaml:19:3: models.claude-x: must be a mapping {provider, tier, input, output,"
                        + " cachedInput}, not a list",
                "bad-prices.yaml:21:3: gpus.H100: missing required key 'reserved' (USD per GPU-hour)",
                "bad-prices.yaml:22:3: gpus.h100: GPU types are compared ignoring case and 'H100' (line 21)"
                        + " is the same type",
                "bad-prices.yaml:23:8: gpus.L4.onDemand: must be a number (USD per GPU-hour), not a boolean ('true')",
                "bad-prices.yaml:23:35: gpus.L4.reserved: 900 USD per GPU-hour is implausibly high"
                        + " (more than 500; prices are per GPU, not per instance)",
                "bad-prices.yaml:24:1: extra: unknown key (expected apiVersion, kind, metadata, asOf, currency,"
                        + " sources, models, gpus)"),
                e.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void wrongKindAndMissingHeaderKeys() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> loader.load(Fixtures.path("wrong-kind.yaml"), "wrong-kind.yaml"));
        assertEquals(List.of(
                "wrong-kind.yaml:1:1: kind: expected PriceCatalog, not 'PolicySet'",
                "wrong-kind.yaml:1:1: missing required key 'apiVersion'",
                "wrong-kind.yaml:1:1: missing required key 'asOf' (the date of the prices, YYYY-MM-DD)",
                "wrong-kind.yaml:1:1: missing required key 'metadata'",
                "wrong-kind.yaml:2:1: model: unknown key, did you mean models?"),
                e.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void currencyDefaultsToUsdAndSectionsAreOptional() throws Exception {
        PriceCatalog c = load("""
                apiVersion: spendgate.dev/v1
                kind: PriceCatalog
                metadata: {name: empty, version: 2026.10}
                asOf: 2026-10-01
                models:
                """);
        assertTrue(c.models().isEmpty());
        assertTrue(c.gpus().isEmpty());
        assertEquals("USD", c.currency());
        assertEquals("2026.10", c.origins().get(0).version(), "version as written");
        assertTrue(c.origins().get(0).sources().isEmpty());
    }

    @Test
    void cachedInputIsOptionalAndZeroPricesAreAllowed() throws Exception {
        PriceCatalog c = load("""
                apiVersion: spendgate.dev/v1
                kind: PriceCatalog
                metadata: {name: own-hardware}
                asOf: 2026-10-01
                models:
                  local-llm: {provider: self, tier: small, input: 0, output: 0, cachedInput: null}
                  exponent: {provider: self, tier: mid, input: 1e1, output: 1.5E+1}
                gpus:
                  H100: {onDemand: 0, spot: 0, reserved: 0}
                """);
        ModelPrice p = c.model("local-llm").orElseThrow();
        assertNull(p.cachedInput());
        assertNull(c.origins().get(0).version());
        assertEquals(0, c.gpu("h100").orElseThrow().spot().signum());
        ModelPrice exponent = c.model("exponent").orElseThrow();
        assertEquals("10", exponent.input().toString(), "no exponent in reports");
        assertEquals("15", exponent.output().toString());
    }

    @Test
    void modesCacheWritesQueryAndBatchPrices() throws Exception {
        PriceCatalog c = load("""
                apiVersion: spendgate.dev/v1
                kind: PriceCatalog
                metadata: {name: negotiated}
                asOf: 2026-12-01
                models:
                  claude-x: {provider: anthropic, tier: mid, input: 3, output: 15, cachedInput: 0.30, cacheWrite: 3.75,
                             batch: {input: 1.5, output: 7.5, cachedInput: 0.15, cacheWrite: 1.875}}
                  acme-embed: {provider: acme, tier: small, mode: embedding, input: 0.02, batch: {input: 0.01}}
                  acme-rerank: {provider: acme, tier: small, mode: rerank, perQuery: 0.002}
                  token-rerank: {provider: acme, tier: small, mode: rerank, input: 0.05}
                """);
        BigDecimal zero = BigDecimal.ZERO;
        assertEquals(new ModelPrice("claude-x", "anthropic", ModelTier.mid, ModelPrice.Mode.TEXT, bd("3"), bd("15"),
                bd("0.30"), bd("3.75"), null, new ModelPrice.Batch(bd("1.5"), bd("7.5"), bd("0.15"), bd("1.875"))),
                c.model("claude-x").orElseThrow());
        assertEquals(new ModelPrice("acme-embed", "acme", ModelTier.small, ModelPrice.Mode.EMBEDDING, bd("0.02"), zero,
                null, null, null, new ModelPrice.Batch(bd("0.01"), null, null, null)), c.model("acme-embed").orElseThrow());
        assertEquals(new ModelPrice("acme-rerank", "acme", ModelTier.small, ModelPrice.Mode.RERANK, zero, zero, null,
                null, bd("0.002"), null), c.model("acme-rerank").orElseThrow());
        assertEquals(bd("0.05"), c.model("token-rerank").orElseThrow().input());
        // the shipped embedding models are priced by input tokens only; Anthropic's cache writes are given
        assertEquals(ModelPrice.Mode.EMBEDDING, PriceCatalog.shipped().model("text-embedding-3-small").orElseThrow().mode());
        assertEquals(bd("3.75"), PriceCatalog.shipped().model("claude-sonnet-4").orElseThrow().cacheWrite());
    }

    @Test
    void badModesAndPricesOfTheNewKeysAreLocated() {
        assertEquals(List.of(
                "p.yaml:6:36: models.a.mode: unknown mode 'embeding', did you mean embedding?",
                "p.yaml:7:3: models.b: missing required key 'input' (USD per million tokens)",
                "p.yaml:8:50: models.c.perQuery: 50 USD per query is implausibly high (more than 10)",
                "p.yaml:9:65: models.d.batch.inptu: unknown key, did you mean input?",
                "p.yaml:10:57: models.e.batch: must be a mapping {input, output, cachedInput, cacheWrite}, not a list",
                "p.yaml:11:57: models.f.cacheWrite: must be a number (USD per million tokens), not a string ('x')"),
                problems("""
                        apiVersion: spendgate.dev/v1
                        kind: PriceCatalog
                        metadata: {name: bad}
                        asOf: 2026-12-01
                        models:
                          a: {provider: acme, tier: small, mode: embeding, input: 0.02}
                          b: {provider: acme, tier: small, mode: embedding}
                          c: {provider: acme, tier: small, mode: rerank, perQuery: 50}
                          d: {provider: acme, tier: small, input: 1, output: 2, batch: {inptu: 0.5}}
                          e: {provider: acme, tier: small, input: 1, output: 2, batch: [0.5]}
                          f: {provider: acme, tier: small, input: 1, output: 2, cacheWrite: x}
                        """));
    }

    @Test
    void emptyFile() {
        assertEquals(List.of("p.yaml:1:1: empty file, expected a PriceCatalog document"), problems(""));
    }

    @Test
    void oneDocumentPerFile() {
        assertEquals(List.of("p.yaml:6:1: a price catalog file holds one YAML document, this is a second one"), problems("""
                apiVersion: spendgate.dev/v1
                kind: PriceCatalog
                metadata: {name: a}
                asOf: 2026-10-01
                ---
                kind: PriceCatalog
                """));
    }

    @Test
    void notAMapping() {
        assertEquals(List.of("p.yaml:1:1: expected a mapping (a PriceCatalog document), not a list"), problems("- a\n- b\n"));
    }

    @Test
    void malformedYamlAndUnsafeTagsComeFromTheSafeReader() {
        List<String> malformed = problems("models: {gpt-4o: [\n");
        assertEquals(1, malformed.size());
        assertTrue(malformed.get(0).startsWith("p.yaml:2:1: malformed YAML"), malformed.get(0));
        List<String> unsafe = problems("models: !!java.util.HashMap {}\n");
        assertEquals(List.of("p.yaml:1:9: unsafe or unknown tag tag:yaml.org,2002:java.util.HashMap"
                + " (only plain YAML data is accepted)"), unsafe);
    }

    @Test
    void wrongTypesOfSections(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, """
                apiVersion: 1
                kind: PriceCatalog
                metadata: [a]
                asOf: true
                currency: ""
                sources: AWS
                models: [gpt-4o]
                gpus: 3
                """, StandardCharsets.UTF_8);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> loader.load(file, "p.yaml"));
        assertEquals(List.of(
                "p.yaml:1:1: apiVersion: must be a string, not a number ('1')",
                "p.yaml:3:1: metadata: must be a mapping, not a list",
                "p.yaml:4:1: asOf: must be a date (YYYY-MM-DD), not a boolean",
                "p.yaml:5:1: currency: must not be empty",
                "p.yaml:6:1: sources: must be a list of strings, not a string",
                "p.yaml:7:1: models: must be a mapping of model name to prices, not a list",
                "p.yaml:8:1: gpus: must be a mapping of GPU type to prices, not a number"),
                e.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void unreadableFile(@TempDir Path dir) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> loader.load(dir.resolve("missing.yaml"), "missing.yaml"));
        // the wording is the YAML reader's; what matters here is that it is a located problem, not a crash
        assertEquals(1, e.problems().size());
        assertTrue(e.problems().get(0).toString().startsWith("missing.yaml:1:1: "), e.problems().toString());
    }

    private PriceCatalog load(String yaml) throws InvalidInputException {
        return loader.load("p.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> problems(String yaml) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> load(yaml));
        return e.problems().stream().map(Problem::toString).toList();
    }
}
