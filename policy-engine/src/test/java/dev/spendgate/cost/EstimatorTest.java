package dev.spendgate.cost;

import dev.spendgate.input.Diagnostic;
import dev.spendgate.input.SourceLocation;
import dev.spendgate.input.SourceMap;
import dev.spendgate.manifest.Budget;
import dev.spendgate.manifest.BudgetPeriod;
import dev.spendgate.manifest.Capacity;
import dev.spendgate.manifest.Compute;
import dev.spendgate.manifest.Environment;
import dev.spendgate.manifest.Manifest;
import dev.spendgate.manifest.Metadata;
import dev.spendgate.manifest.ModelTier;
import dev.spendgate.manifest.ModelUse;
import dev.spendgate.manifest.Schedule;
import dev.spendgate.manifest.Spec;
import dev.spendgate.manifest.TaskType;
import dev.spendgate.manifest.WorkloadKind;
import dev.spendgate.yaml.Ttl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EstimatorTest {

    private static final String FILE = "manifests/w.yaml";
    private static PriceCatalog prices;
    private static Estimator estimator;

    @BeforeAll
    static void loadTestPrices() throws Exception {
        prices = new PriceCatalogLoader().load(Fixtures.path("test-prices.yaml"), "test-prices.yaml");
        estimator = new Estimator(prices);
    }

    @Test
    void trainingJobWithHoursIsARun() {
        Compute compute = new Compute("H100", 8, bd("12"), null, Capacity.SPOT, null, null);
        Estimate e = estimate(WorkloadKind.TrainingJob, ttl(24), total(), List.of(), compute);

        assertEquals(List.of(new EstimateItem("gpu", "8 × H100 spot", "8 GPUs × 12 h = 96 GPU-h × 2.10 USD/GPU-h spot",
                bd("96"), "GPU-h", bd("2.10"), bd("201.60"), "/spec/compute")), e.items());
        assertEquals(bd("201.60"), e.total());
        assertEquals("USD", e.currency());
        assertEquals(bd("1"), e.days());
        assertEquals("ttl 24h = 1 day", e.basis());
        assertTrue(e.complete());
        assertEquals(List.of(), e.unpriced());
    }

    @Test
    void endpointCappedByScheduleWindowOnWeekdays() {
        Compute compute = new Compute("L4", 2, null, null, null,
                new Schedule("08:00-20:00", "Europe/Berlin", true), null);
        Estimate e = estimate(WorkloadKind.InferenceEndpoint, ttl(36), monthly(), List.of(), compute);

        EstimateItem gpu = e.items().get(0);
        assertEquals("2 × L4 on-demand", gpu.label(), "absent capacity is on-demand");
        assertEquals("2 GPUs × 12 h/day (hoursPerDay not set: 24; capped by activeHours 08:00-20:00)"
                + " × 5/7 weekdays × 30 days = 514.285714 GPU-h × 0.80 USD/GPU-h on-demand", gpu.formula());
        // 2 × 12 × 5/7 × 30 = 514.2857142857… GPU-h × 0.80 = 411.428571… USD
        assertEquals(bd("514.285714"), gpu.quantity());
        assertEquals(bd("411.43"), gpu.amount());
        assertEquals(bd("411.43"), e.total());
        assertEquals("monthly budget = 30 days", e.basis());
    }

    @Test
    void endpointWithoutScheduleRunsAroundTheClock() {
        Compute compute = new Compute("L4", 1, null, null, Capacity.RESERVED, null, null);
        EstimateItem gpu = estimate(WorkloadKind.InferenceEndpoint, null, monthly(), List.of(), compute).items().get(0);
        assertEquals("1 GPU × 24 h/day (hoursPerDay not set: 24) × 30 days = 720 GPU-h × 0.50 USD/GPU-h reserved", gpu.formula());
        assertEquals(bd("360.00"), gpu.amount());
    }

    @Test
    void windowWrappingMidnightCapsHoursPerDay() {
        Compute compute = new Compute("L4", 1, null, bd("10"), Capacity.RESERVED,
                new Schedule("22:00-06:00", "UTC", false), null);
        Estimate e = estimate(WorkloadKind.Experiment, ttl(36), total(), List.of(), compute);
        EstimateItem gpu = e.items().get(0);
        assertEquals("1 GPU × 8 h/day (capped by activeHours 22:00-06:00) × 1.5 days = 12 GPU-h × 0.50 USD/GPU-h"
                + " reserved", gpu.formula());
        assertEquals(bd("12"), gpu.quantity());
        assertEquals(bd("6.00"), gpu.amount());
        assertEquals("ttl 36h = 1.5 days", e.basis());
        assertEquals(bd("1.5"), e.days());
    }

    @Test
    void hoursPerDayBelowTheWindowIsKept() {
        Compute compute = new Compute("H100", 4, null, bd("6"), Capacity.ON_DEMAND,
                new Schedule("08:00-20:00", null, null), null);
        EstimateItem gpu = estimate(WorkloadKind.Experiment, null, total(), List.of(), compute).items().get(0);
        assertEquals("4 GPUs × 6 h/day × 30 days = 720 GPU-h × 6.00 USD/GPU-h on-demand", gpu.formula());
        assertEquals(bd("4320.00"), gpu.amount());
    }

    @Test
    void windowLengths() {
        assertEquals(bd("720"), Estimator.windowMinutes("08:00-20:00").orElseThrow());
        assertEquals(bd("480"), Estimator.windowMinutes("22:00-06:00").orElseThrow());
        assertEquals(bd("1440"), Estimator.windowMinutes("00:00-24:00").orElseThrow());
        assertEquals(bd("1440"), Estimator.windowMinutes("09:00-09:00").orElseThrow());
        assertEquals(bd("510"), Estimator.windowMinutes(" 8:30 - 17:00 ").orElseThrow());
        assertFalse(Estimator.windowMinutes("9 to 5").isPresent());
        assertFalse(Estimator.windowMinutes("08:00-25:00").isPresent());
        assertFalse(Estimator.windowMinutes("08:60-20:00").isPresent());
    }

    @Test
    void unreadableWindowCapsNothingAndSaysSo() {
        Compute compute = new Compute("L4", 1, null, null, Capacity.SPOT, new Schedule("9 to 5", null, null), null);
        EstimateResult r = estimator.estimate(manifest(WorkloadKind.InferenceEndpoint, spec(null, monthly(), List.of(), compute),
                Map.of("/spec/compute/schedule/activeHours", new SourceLocation(FILE, 17, 5))));
        assertEquals("1 GPU × 24 h/day (hoursPerDay not set: 24) × 30 days = 720 GPU-h × 0.30 USD/GPU-h spot",
                r.estimate().items().get(0).formula());
        assertEquals(List.of(Diagnostic.warning("unreadable_schedule", new SourceLocation(FILE, 17, 5),
                "activeHours '9 to 5' is not a window like 08:00-20:00; the estimate does not cap GPU hours per day by it")),
                r.diagnostics());
        assertTrue(r.estimate().complete());
    }

    @Test
    void gpuTypeWithoutHoursIsAssumedUpAroundTheClock() {
        Compute compute = new Compute("h100", null, null, null, null, null, null);
        Estimate e = estimate(WorkloadKind.Experiment, ttl(36), total(), List.of(), compute);
        assertEquals(List.of(new EstimateItem("gpu", "1 × H100 on-demand",
                "1 GPU × 36 h (1.5 days × 24 h: no hours or hoursPerDay, assumed up around the clock)"
                        + " = 36 GPU-h × 6.00 USD/GPU-h on-demand",
                bd("36"), "GPU-h", bd("6.00"), bd("216.00"), "/spec/compute")), e.items());
    }

    @Test
    void horizonMonthlyBudgetBeatsTtl() {
        assertEquals("monthly budget = 30 days", estimate(WorkloadKind.Experiment, ttl(36), monthly(), List.of(), null).basis());
        Estimate ttl = estimate(WorkloadKind.Experiment, ttl(36), total(), List.of(), null);
        assertEquals("ttl 36h = 1.5 days", ttl.basis());
        assertEquals(bd("1.5"), ttl.days());
        Estimate none = estimate(WorkloadKind.Experiment, null, null, List.of(), null);
        assertEquals("no ttl: 30-day horizon", none.basis());
        assertEquals(bd("30"), none.days());
        assertEquals(bd("0.00"), none.total(), "nothing to price");
        assertTrue(none.complete());
        Estimate week = estimate(WorkloadKind.Experiment, new Ttl("2w", Duration.ofDays(14)), total(), List.of(), null);
        assertEquals("ttl 2w = 14 days", week.basis());
    }

    @Test
    void llmWorkflowWithPromptCaching() {
        ModelUse use = new ModelUse("gpt-4o-mini", "openai", 512L, 8000L, 350L, 20000L, 1200L, 300L, true, 2);
        Estimate e = estimate(WorkloadKind.LlmWorkflow, null, total(), List.of(use), null);

        assertEquals(List.of(
                new EstimateItem("tokens", "gpt-4o-mini input",
                        "20000 req/day × 30 days × 1200 tokens = 720.0M tokens × 0.15 USD/M",
                        bd("720"), "M tokens", bd("0.15"), bd("108.00"), "/spec/models/0"),
                new EstimateItem("tokens", "gpt-4o-mini cached input",
                        "20000 req/day × 30 days × 350 tokens (system prompt) = 210.0M tokens × 0.075 USD/M",
                        bd("210"), "M tokens", bd("0.075"), bd("15.75"), "/spec/models/0"),
                new EstimateItem("tokens", "gpt-4o-mini output",
                        "20000 req/day × 30 days × 300 tokens = 180.0M tokens × 0.60 USD/M",
                        bd("180"), "M tokens", bd("0.60"), bd("108.00"), "/spec/models/0")),
                e.items());
        assertEquals(bd("231.75"), e.total());
        assertEquals("no ttl: 30-day horizon", e.basis());
    }

    @Test
    void withoutCachingTheSystemPromptIsPlainInput() {
        ModelUse use = new ModelUse("gpt-4o-mini", "openai", 512L, null, 350L, 20000L, 1200L, 300L, false, null);
        EstimateItem input = estimate(WorkloadKind.LlmWorkflow, null, total(), List.of(use), null).items().get(0);
        assertEquals("20000 req/day × 30 days × 1550 tokens (1200 avg input + 350 system prompt)"
                + " = 930.0M tokens × 0.15 USD/M", input.formula());
        assertEquals(bd("139.50"), input.amount());
    }

    @Test
    void cachingWithoutACachedPriceUsesTheInputPriceAndOutputFallsBackToMaxOutputTokens() {
        ModelUse use = new ModelUse("llama-3.1-8b-instruct", null, 400L, null, 2000L, 1000L, null, null, true, null);
        List<EstimateItem> items = estimate(WorkloadKind.LlmWorkflow, ttl(48), total(), List.of(use), null).items();
        assertEquals(List.of(
                "1000 req/day × 2 days × 0 tokens = 0.0M tokens × 0.18 USD/M",
                "1000 req/day × 2 days × 2000 tokens (system prompt) = 4.0M tokens × 0.18 USD/M"
                        + " (no cachedInput price in the catalog: input price)",
                "1000 req/day × 2 days × 400 tokens (maxOutputTokens; no avgOutputTokens) = 0.8M tokens × 0.18 USD/M"),
                items.stream().map(EstimateItem::formula).toList());
        assertEquals(List.of(bd("0.00"), bd("0.72"), bd("0.14")), items.stream().map(EstimateItem::amount).toList());
    }

    @Test
    void anEmbeddingModelOfACatalogWithoutAModeIsATextModelWithFreeOutput() {
        // test-prices.yaml gives text-embedding-3-small no mode: a text model whose output costs nothing
        ModelUse use = new ModelUse("text-embedding-3-small", "openai", null, null, null, 5000L, 800L, null, null, null);
        List<EstimateItem> items = estimate(WorkloadKind.LlmWorkflow, null, monthly(), List.of(use), null).items();
        assertEquals("5000 req/day × 30 days × 0 tokens (no avgOutputTokens or maxOutputTokens) = 0.0M tokens × 0.00 USD/M",
                items.get(1).formula());
        assertEquals(bd("2.40"), items.get(0).amount());
        // the shipped catalog says it is an embedding model: input tokens only
        EstimateResult shipped = new Estimator(PriceCatalog.shipped()).estimate(manifest(WorkloadKind.LlmWorkflow,
                spec(null, monthly(), List.of(use), null), Map.of()));
        assertEquals(List.of("5000 req/day × 30 days × 800 tokens (embedding: input tokens only) = 120.0M tokens"
                + " × 0.02 USD/M"), shipped.estimate().items().stream().map(EstimateItem::formula).toList());
    }

    @Test
    void modelWithoutTrafficAddsNothingQuietly() {
        ModelUse use = new ModelUse("gpt-4o-mini", "openai", 512L, null, null, null, 1200L, 300L, null, null);
        EstimateResult r = estimator.estimate(manifest(WorkloadKind.LlmWorkflow, spec(null, total(), List.of(use), null), Map.of()));
        assertEquals(List.of(), r.estimate().items());
        assertEquals(List.of(), r.diagnostics());
        assertTrue(r.estimate().complete());
    }

    @Test
    void fractionalHorizonAndHalfUpCents() {
        // 1 h ttl: 1/24 day; 100 req/day × 1/24 day × 1000 tokens = 4166.666… tokens
        ModelUse use = new ModelUse("gpt-4o-mini", null, null, null, null, 100L, 1000L, 0L, null, null);
        Estimate e = estimate(WorkloadKind.LlmWorkflow, ttl(1), total(), List.of(use), null);
        assertEquals("ttl 1h = 0.041667 days", e.basis());
        assertEquals("100 req/day × 0.041667 days × 1000 tokens = 0.004167M tokens × 0.15 USD/M",
                e.items().get(0).formula());
        assertEquals(bd("0.00"), e.items().get(0).amount());

        // 0.00625 h × 0.80 = 0.005 exactly: HALF_UP gives a cent; the total is the sum of rounded items
        Compute compute = new Compute("L4", 1, bd("0.00625"), null, null, null, null);
        ModelUse half = new ModelUse("gpt-4o-mini", null, null, null, null, 1L, 1111L, 0L, null, null);
        Estimate h = estimate(WorkloadKind.Experiment, ttl(720), total(), List.of(half), compute);
        // 1 × 30 × 1111 = 33330 tokens × 0.15 / 10^6 = 0.0049995 -> 0.00
        assertEquals(List.of(bd("0.01"), bd("0.00"), bd("0.00")), h.items().stream().map(EstimateItem::amount).toList());
        assertEquals(bd("0.01"), h.total());
    }

    @Test
    void unknownModelAndGpuMakeTheEstimateIncompleteWithLocatedDiagnostics() {
        ModelUse known = new ModelUse("gpt-4o-mini", "openai", 512L, null, null, 1000L, 1000L, 100L, null, null);
        ModelUse unknown = new ModelUse("gpt-9", "openai", 512L, null, null, 1000L, 1000L, 100L, null, null);
        Compute compute = new Compute("H1000", 8, bd("12"), null, Capacity.SPOT, null, null);
        Map<String, SourceLocation> at = Map.of(
                "/spec/models/1/name", new SourceLocation(FILE, 14, 13),
                "/spec/compute/gpuType", new SourceLocation(FILE, 20, 5));
        EstimateResult r = estimator.estimate(manifest(WorkloadKind.LlmWorkflow,
                spec(null, total(), List.of(known, unknown), compute), at));

        Estimate e = r.estimate();
        assertFalse(e.complete());
        assertEquals(List.of("H1000", "gpt-9"), e.unpriced());
        assertEquals(List.of("gpt-4o-mini input", "gpt-4o-mini output"), e.items().stream().map(EstimateItem::label).toList(),
                "what is known is still estimated; nothing is priced at zero for the unknown");
        assertEquals(bd("6.30"), e.total());
        assertEquals(List.of(
                Diagnostic.warning("unpriced_gpu", new SourceLocation(FILE, 20, 5),
                        "GPU type 'H1000' is not in the price catalog (asOf 2026-11-01); its cost is not in the estimate"
                                + " and budget rules cannot vouch for it; did you mean 'H100'?"),
                Diagnostic.warning("unpriced_model", new SourceLocation(FILE, 14, 13),
                        "model 'gpt-9' is not in the price catalog (asOf 2026-11-01); its cost is not in the estimate"
                                + " and budget rules cannot vouch for it")),
                r.diagnostics());
    }

    @Test
    void unknownModelWithoutTrafficIsStillReported() {
        ModelUse unknown = new ModelUse("gpt-4o-mimi", null, null, null, null, null, null, null, null, null);
        EstimateResult r = estimator.estimate(manifest(WorkloadKind.LlmWorkflow, spec(null, total(), List.of(unknown), null),
                Map.of("/spec/models", new SourceLocation(FILE, 9, 3))));
        assertFalse(r.estimate().complete());
        Diagnostic d = r.diagnostics().get(0);
        assertEquals("unpriced_model", d.code());
        assertEquals(new SourceLocation(FILE, 9, 3), d.location(), "nearest present ancestor");
        assertTrue(d.message().endsWith("did you mean 'gpt-4o-mini'?"), d.message());
    }

    @Test
    void sameInputSameEstimate() throws Exception {
        ModelUse use = new ModelUse("gpt-4o-mini", "openai", 512L, 8000L, 350L, 20000L, 1200L, 300L, true, 2);
        Compute compute = new Compute("L4", 3, null, bd("16.5"), Capacity.SPOT,
                new Schedule("07:30-19:45", "UTC", true), bd("0.7"));
        Manifest m = manifest(WorkloadKind.InferenceEndpoint, spec(ttl(100), total(), List.of(use), compute), Map.of());
        EstimateResult first = estimator.estimate(m);
        EstimateResult again = estimator.estimate(m);
        PriceCatalog reloaded = new PriceCatalogLoader().load(Fixtures.path("test-prices.yaml"), "test-prices.yaml");
        EstimateResult fresh = new Estimator(reloaded).estimate(m);
        assertEquals(first, again);
        assertEquals(first, fresh);
        assertEquals(first.estimate().toString(), fresh.estimate().toString());
        assertEquals("3 GPUs × 12.25 h/day (capped by activeHours 07:30-19:45) × 5/7 weekdays × 4.166667 days"
                + " = 109.375 GPU-h × 0.30 USD/GPU-h spot", first.estimate().items().get(0).formula());
    }

    @Test
    void shippedCatalogPricesARealisticManifest() {
        ModelUse use = new ModelUse("claude-sonnet-4", "anthropic", 1024L, 32000L, 800L, 2000L, 3000L, 500L, true, 2);
        Compute compute = new Compute("A100-80GB", 2, bd("40"), null, Capacity.SPOT, null, null);
        EstimateResult r = new Estimator(PriceCatalog.shipped())
                .estimate(manifest(WorkloadKind.Experiment, spec(ttl(72), total(), List.of(use), compute), Map.of()));
        assertTrue(r.estimate().complete());
        assertEquals(4, r.estimate().items().size());
        BigDecimal sum = r.estimate().items().stream().map(EstimateItem::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(sum, r.estimate().total());
        assertEquals(2, r.estimate().total().scale());
    }

    // --- building manifests by hand ---

    // ---- units beyond text tokens, priced from the LiteLLM fixture laid over the shipped catalog

    private static Estimate litellm(Ttl ttl, Budget budget, ModelUse... models) throws Exception {
        PriceCatalog catalog = PriceCatalog.shipped().overlay(new LiteLlmPriceLoader()
                .load(Fixtures.path(LiteLlmPriceLoaderTest.FIXTURE), LiteLlmPriceLoaderTest.FIXTURE));
        EstimateResult r = new Estimator(catalog).estimate(manifest(WorkloadKind.LlmWorkflow,
                spec(ttl, budget, List.of(models), null), Map.of()));
        assertEquals(List.of(), r.diagnostics());
        assertTrue(r.estimate().complete());
        return r.estimate();
    }

    private static ModelUse use(String name, long requestsPerDay, Long avgInput, Long avgOutput, Long system,
                                Boolean caching, Boolean batch, Long cacheWrites, Long searchUnits) {
        return new ModelUse(name, null, null, null, system, requestsPerDay, avgInput, avgOutput, caching, null, batch,
                cacheWrites, searchUnits);
    }

    @Test
    void anEmbeddingModelOnlyLiteLlmKnowsIsPricedByItsInputTokens() throws Exception {
        // declared output tokens do not count: an embedding model writes none
        Estimate e = litellm(null, monthly(), use("voyage/voyage-3.5", 5000, 800L, 100L, null, null, null, null, null));
        assertEquals(List.of(new EstimateItem("tokens", "voyage/voyage-3.5 input",
                "5000 req/day × 30 days × 800 tokens (embedding: input tokens only) = 120.0M tokens × 0.06 USD/M",
                bd("120"), "M tokens", bd("0.06"), bd("7.20"), "/spec/models/0")), e.items());
        assertEquals(bd("7.20"), e.total());
    }

    @Test
    void batchPricesWithBatchTrueAndTheStandardPriceSaidWhereThereIsNone() throws Exception {
        Estimate e = litellm(null, monthly(),
                use("text-embedding-3-small", 5000, 800L, null, null, null, true, null, null),
                use("azure/gpt-4o", 100, 1000L, 100L, null, null, true, null, null));
        assertEquals(List.of(
                "5000 req/day × 30 days × 800 tokens (embedding: input tokens only) = 120.0M tokens × 0.01 USD/M batch",
                "100 req/day × 30 days × 1000 tokens = 3.0M tokens × 2.50 USD/M"
                        + " (batch: no batch input price in the catalog, standard price)",
                "100 req/day × 30 days × 100 tokens = 0.3M tokens × 10.00 USD/M"
                        + " (batch: no batch output price in the catalog, standard price)"),
                e.items().stream().map(EstimateItem::formula).toList());
        assertEquals(List.of(bd("1.20"), bd("7.50"), bd("3.00")), e.items().stream().map(EstimateItem::amount).toList());
    }

    @Test
    void cacheWritesPayTheCacheWritePriceInsteadOfTheRead() throws Exception {
        ModelUse standard = use("claude-sonnet-4-5", 2000, 3000L, 500L, 1000L, true, null, 24L, null);
        Estimate e = litellm(ttl(72), total(), standard);
        assertEquals(List.of(
                new EstimateItem("tokens", "claude-sonnet-4-5 input",
                        "2000 req/day × 3 days × 3000 tokens = 18.0M tokens × 3.00 USD/M",
                        bd("18"), "M tokens", bd("3"), bd("54.00"), "/spec/models/0"),
                new EstimateItem("tokens", "claude-sonnet-4-5 cached input",
                        "(2000 − 24 cache writes) req/day × 3 days × 1000 tokens (system prompt)"
                                + " = 5.928M tokens × 0.30 USD/M",
                        bd("5.928"), "M tokens", bd("0.3"), bd("1.78"), "/spec/models/0"),
                new EstimateItem("tokens", "claude-sonnet-4-5 cache write",
                        "24 cache writes/day × 3 days × 1000 tokens (system prompt) = 0.072M tokens × 3.75 USD/M",
                        bd("0.072"), "M tokens", bd("3.75"), bd("0.27"), "/spec/models/0"),
                new EstimateItem("tokens", "claude-sonnet-4-5 output",
                        "2000 req/day × 3 days × 500 tokens = 3.0M tokens × 15.00 USD/M",
                        bd("3"), "M tokens", bd("15"), bd("45.00"), "/spec/models/0")),
                e.items());
        assertEquals(bd("101.05"), e.total());

        ModelUse batch = use("claude-sonnet-4-5", 2000, 3000L, 500L, 1000L, true, true, 24L, null);
        Estimate b = litellm(ttl(72), total(), batch);
        assertEquals(List.of(
                "2000 req/day × 3 days × 3000 tokens = 18.0M tokens × 1.50 USD/M batch",
                "(2000 − 24 cache writes) req/day × 3 days × 1000 tokens (system prompt) = 5.928M tokens × 0.15 USD/M batch",
                "24 cache writes/day × 3 days × 1000 tokens (system prompt) = 0.072M tokens × 1.875 USD/M batch",
                "2000 req/day × 3 days × 500 tokens = 3.0M tokens × 7.50 USD/M batch"),
                b.items().stream().map(EstimateItem::formula).toList());
        // 0.8892 -> 0.89, 0.135 -> 0.14 (HALF_UP)
        assertEquals(List.of(bd("27.00"), bd("0.89"), bd("0.14"), bd("22.50")),
                b.items().stream().map(EstimateItem::amount).toList());
    }

    @Test
    void cacheWritesWithoutACacheWritePriceAreAtTheInputPriceAndNeverMoreThanTheRequests() {
        ModelUse use = new ModelUse("gpt-4o-mini", null, null, null, 100L, 10L, 0L, 0L, true, null, null, 50L, null);
        List<EstimateItem> items = estimate(WorkloadKind.LlmWorkflow, ttl(24), total(), List.of(use), null).items();
        assertEquals(List.of("gpt-4o-mini input", "gpt-4o-mini cached input", "gpt-4o-mini cache write",
                "gpt-4o-mini output"), items.stream().map(EstimateItem::label).toList());
        assertEquals("(10 − 10 cache writes) req/day × 1 day × 100 tokens (system prompt) = 0.0M tokens × 0.075 USD/M",
                items.get(1).formula());
        assertEquals("10 cache writes/day × 1 day × 100 tokens (system prompt) = 0.001M tokens × 0.15 USD/M"
                + " (no cacheWrite price in the catalog: input price)", items.get(2).formula());
    }

    @Test
    void aRerankerIsPricedPerSearchUnitOrByItsInputTokens() throws Exception {
        Estimate e = litellm(null, monthly(),
                use("rerank-v3.5", 1000, 2000L, null, null, null, null, null, 3L),
                use("rerank-v3.5", 1000, null, null, null, null, null, null, null),
                use("voyage/rerank-2.5", 1000, 2000L, 10L, null, null, null, null, null));
        assertEquals(List.of(
                new EstimateItem("queries", "rerank-v3.5 queries",
                        "1000 req/day × 30 days × 3 search units = 90000 search units × 0.002 USD/unit",
                        bd("90000"), "search units", bd("0.002"), bd("180.00"), "/spec/models/0"),
                new EstimateItem("queries", "rerank-v3.5 queries",
                        "1000 req/day × 30 days × 1 search unit (no searchUnitsPerRequest: 1)"
                                + " = 30000 search units × 0.002 USD/unit",
                        bd("30000"), "search units", bd("0.002"), bd("60.00"), "/spec/models/1"),
                new EstimateItem("tokens", "voyage/rerank-2.5 input",
                        "1000 req/day × 30 days × 2000 tokens (rerank: input tokens only) = 60.0M tokens × 0.05 USD/M",
                        bd("60"), "M tokens", bd("0.05"), bd("3.00"), "/spec/models/2")),
                e.items());
        assertEquals(bd("243.00"), e.total());
    }

    private static Estimate estimate(WorkloadKind kind, Ttl ttl, Budget budget, List<ModelUse> models, Compute compute) {
        EstimateResult r = estimator.estimate(manifest(kind, spec(ttl, budget, models, compute), Map.of()));
        return r.estimate();
    }

    private static Spec spec(Ttl ttl, Budget budget, List<ModelUse> models, Compute compute) {
        return new Spec("test", TaskType.other, ModelTier.small, null, budget, ttl, null, models, compute);
    }

    private static Manifest manifest(WorkloadKind kind, Spec spec, Map<String, SourceLocation> locations) {
        Metadata metadata = new Metadata("w", "growth-ml", "alice@example.com", Environment.dev, Map.of());
        return new Manifest(FILE, 0, kind, metadata, spec, Map.of(), new SourceMap(FILE, locations));
    }

    private static Ttl ttl(int hours) {
        return new Ttl(hours + "h", Duration.ofHours(hours));
    }

    private static Budget total() {
        return new Budget(bd("1000"), "USD", BudgetPeriod.total);
    }

    private static Budget monthly() {
        return new Budget(bd("1000"), "USD", BudgetPeriod.monthly);
    }

    private static BigDecimal bd(String s) {
        return new BigDecimal(s);
    }
}
