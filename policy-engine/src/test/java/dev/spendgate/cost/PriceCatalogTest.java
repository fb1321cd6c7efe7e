package dev.spendgate.cost;

import dev.spendgate.manifest.Capacity;
import dev.spendgate.manifest.ModelTier;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PriceCatalogTest {

    private static final PriceCatalog SHIPPED = PriceCatalog.shipped();

    @Test
    void shippedCatalogIsDatedVersionedAndInUsd() {
        assertSame(SHIPPED, PriceCatalog.shipped(), "read once and cached");
        assertEquals(1, SHIPPED.origins().size());
        CatalogOrigin origin = SHIPPED.origins().get(0);
        assertEquals("spendgate-default", origin.name());
        assertEquals("2026.11.0", origin.version());
        assertEquals(LocalDate.of(2026, 11, 1), origin.asOf());
        assertEquals("2026-11-01", SHIPPED.asOf());
        assertEquals("USD", SHIPPED.currency());
        assertTrue(SHIPPED.sources().contains("OpenAI API pricing page"), SHIPPED.sources().toString());
    }

    @Test
    void shippedCatalogCoversTheWidelyUsedModels() {
        List<String> expected = List.of(
                "gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "o3", "o4-mini",
                "gpt-5", "gpt-5-mini", "gpt-5-nano", "text-embedding-3-small", "text-embedding-3-large",
                "claude-opus-4", "claude-sonnet-4", "claude-3-5-haiku", "claude-haiku-4-5",
                "gemini-2.5-pro", "gemini-2.5-flash", "gemini-2.5-flash-lite", "gemini-2.0-flash",
                "llama-3.1-8b-instruct", "llama-3.1-70b-instruct", "llama-3.1-405b-instruct", "llama-3.3-70b",
                "mixtral-8x7b", "mistral-large", "deepseek-v3", "deepseek-r1", "qwen2.5-72b");
        for (String name : expected) {
            assertTrue(SHIPPED.model(name).isPresent(), name);
        }
        for (ModelPrice p : SHIPPED.models().values()) {
            assertTrue(p.input().signum() > 0, p.name() + " input");
            assertTrue(p.output().signum() >= 0, p.name() + " output");
            if (p.cachedInput() != null) {
                assertTrue(p.cachedInput().compareTo(p.input()) < 0, p.name() + " cached input is a discount");
            }
        }
    }

    @Test
    void embeddingsHaveNoOutputPrice() {
        assertEquals(0, SHIPPED.model("text-embedding-3-small").orElseThrow().output().signum());
        assertEquals(0, SHIPPED.model("text-embedding-3-large").orElseThrow().output().signum());
    }

    @Test
    void tiersForSgMod002() {
        assertEquals(ModelTier.small, SHIPPED.tierOf("gpt-4o-mini").orElseThrow());
        assertEquals(ModelTier.mid, SHIPPED.tierOf("gemini-2.5-flash").orElseThrow());
        assertEquals(ModelTier.frontier, SHIPPED.tierOf("claude-opus-4").orElseThrow());
        assertEquals(ModelTier.frontier, SHIPPED.tierOf("o3").orElseThrow());
        assertFalse(SHIPPED.tierOf("gpt-9").isPresent());
        assertFalse(SHIPPED.tierOf("GPT-4O").isPresent(), "model names are case-sensitive");
    }

    @Test
    void everyGpuTypeHasEveryCapacityAndSpotIsCheapestThenReserved() {
        for (String type : List.of("H100", "H200", "A100", "A100-80GB", "L40S", "L4", "A10G", "T4")) {
            GpuPrice price = SHIPPED.gpu(type).orElseThrow(() -> new AssertionError(type));
            for (Capacity c : Capacity.values()) {
                assertNotNull(price.rate(c), type + " " + c);
                assertTrue(price.rate(c).signum() > 0, type + " " + c);
            }
        }
        for (GpuPrice p : SHIPPED.gpus().values()) {
            assertTrue(p.spot().compareTo(p.reserved()) < 0, p.type() + " spot < reserved");
            assertTrue(p.reserved().compareTo(p.onDemand()) < 0, p.type() + " reserved < on-demand");
            assertEquals(p.onDemand(), p.rate(null), "absent capacity is on-demand");
        }
    }

    @Test
    void gpuLookupIgnoresCaseAndKeepsTheCatalogSpelling() {
        GpuPrice h100 = SHIPPED.gpu("h100").orElseThrow();
        assertEquals("H100", h100.type());
        assertEquals(h100, SHIPPED.gpu("H100").orElseThrow());
        assertEquals("A100-80GB", SHIPPED.gpu("a100-80gb").orElseThrow().type());
        assertFalse(SHIPPED.gpu("H1000").isPresent());
        assertEquals("H100", SHIPPED.closestGpu("H1000").orElseThrow());
    }

    @Test
    void cachedInputFallsBackToInput() {
        ModelPrice noCache = SHIPPED.model("mistral-large").orElseThrow();
        assertEquals(null, noCache.cachedInput());
        assertEquals(noCache.input(), noCache.cachedInputOrInput());
        assertEquals(new BigDecimal("0.075"), SHIPPED.model("gpt-4o-mini").orElseThrow().cachedInputOrInput());
    }
}
