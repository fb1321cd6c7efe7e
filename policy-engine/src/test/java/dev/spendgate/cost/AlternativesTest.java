package dev.spendgate.cost;

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
import dev.spendgate.manifest.Spec;
import dev.spendgate.manifest.TaskType;
import dev.spendgate.manifest.WorkloadKind;
import dev.spendgate.yaml.Ttl;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each alternative priced by hand with round prices, so every figure below can be checked on paper. */
class AlternativesTest {

    private static final PriceCatalog PRICES = PriceCatalog.of(
            new CatalogOrigin("alternatives-test", "1", LocalDate.parse("2026-11-01"), "test", List.of("made up")),
            List.of(new ModelPrice("gpt-4o", "openai", ModelTier.frontier, bd("2.50"), bd("10.00"), bd("1.25")),
                    new ModelPrice("gpt-4o-mini", "openai", ModelTier.small, bd("0.15"), bd("0.60"), bd("0.075")),
                    new ModelPrice("llama-small", "together", ModelTier.small, bd("0.18"), bd("0.18"), null),
                    new ModelPrice("embed-small", "openai", ModelTier.small, bd("0.02"), bd("0"), null),
                    new ModelPrice("untiered", "litellm", null, bd("0.01"), bd("0.01"), null)),
            List.of(new GpuPrice("H100", bd("6.00"), bd("2.10"), bd("4.00")),
                    new GpuPrice("L4", bd("0.80"), bd("0.30"), bd("0.50"))));
    private static final Estimator ESTIMATOR = new Estimator(PRICES);

    @Test
    void spotCapacity() {
        // 8 × 12 h × 6.00 = 576.00 on demand; × 2.10 = 201.60 on spot
        Alternatives a = of(WorkloadKind.TrainingJob, List.of(), gpus("H100", 8, bd("12"), null, null));
        Saving s = a.spot().orElseThrow();
        assertEquals("spot capacity would cost 201.60 USD instead of 576.00 USD (saves 374.40 USD, 65 %)", s.sentence());
        assertEquals("8 × H100 spot: 8 GPUs × 12 h = 96 GPU-h × 2.10 USD/GPU-h spot = 201.60 USD; "
                + "total 201.60 USD instead of 576.00 USD", s.arithmetic());
        assertEquals(Optional.empty(), of(WorkloadKind.TrainingJob, List.of(),
                gpus("H100", 8, bd("12"), Capacity.SPOT, null)).spot(), "already spot: nothing to offer");
    }

    @Test
    void scheduleOnWeekdays() {
        // around the clock for 7 days: 1 × 24 × 7 × 0.80 = 134.40; 08:00-20:00 on weekdays: 12 × 5/7 × 7 = 60 h → 48.00
        Alternatives a = of(WorkloadKind.InferenceEndpoint, List.of(), gpus("L4", 1, null, Capacity.ON_DEMAND, null));
        assertEquals("a schedule of 08:00-20:00 on weekdays would cost 48.00 USD instead of 134.40 USD (saves 86.40 USD,"
                + " 64.3 %)", a.schedule().orElseThrow().sentence());
        assertEquals(Optional.empty(), of(WorkloadKind.TrainingJob, List.of(), gpus("L4", 1, bd("10"), null, null))
                .schedule(), "a run of fixed hours costs the same on any schedule");
    }

    @Test
    void smallerModelsFromTheSameProviderAndFromAny() {
        // 1000 req/day × 1 day: 1M input tokens, 0.1M output tokens
        // gpt-4o 2.50 + 1.00 = 3.50; gpt-4o-mini 0.15 + 0.06 = 0.21; llama-small 0.18 + 0.018 → 0.20;
        // embed-small (no output price: not a text model) and untiered (no tier) are never offered
        Alternatives a = of(WorkloadKind.LlmWorkflow, List.of(model("gpt-4o", 1000, 1000, 100, 0L, null)), null);
        List<Saving> s = a.smallerModels();
        assertEquals(List.of(
                "gpt-4o-mini (openai, small) instead of gpt-4o would cost 0.21 USD instead of 3.50 USD (saves 3.29 USD, 94 %)",
                "from any provider, llama-small (together, small) instead of gpt-4o would cost 0.20 USD instead of 3.50 USD"
                        + " (saves 3.30 USD, 94.3 %)"), s.stream().map(Saving::sentence).toList());
        assertEquals(List.of(), of(WorkloadKind.LlmWorkflow, List.of(model("gpt-4o-mini", 1000, 1000, 100, 0L, null)),
                null).smallerModels(), "no frontier model: nothing to replace");
    }

    @Test
    void promptCachingAndAShorterPrompt() {
        // 1000 req/day × 2000-token system prompt = 2M tokens: 0.30 at the input price, 0.15 cached;
        // trimmed to 500 tokens: 0.5M × 0.15 = 0.075 → 0.08
        Alternatives a = of(WorkloadKind.LlmWorkflow, List.of(model("gpt-4o-mini", 1000, 0, 0, 2000L, false)), null);
        assertEquals("prompt caching on gpt-4o-mini would cost 0.15 USD instead of 0.30 USD (saves 0.15 USD, 50 %)",
                a.promptCaching(0).orElseThrow().sentence());
        assertEquals("a system prompt of 500 tokens on gpt-4o-mini (instead of 2000) would cost 0.08 USD instead of"
                + " 0.30 USD (saves 0.22 USD, 73.3 %)", a.shorterPrompt(0, 500).orElseThrow().sentence());
        assertEquals(Optional.empty(), a.shorterPrompt(0, 2000), "within the limit already");
        assertEquals(Optional.empty(), a.promptCaching(3), "no such model");
    }

    @Test
    void gpusSizedToTheTargetUtilization() {
        // ceil(8 × 0.3 / 0.6) = 4 GPUs: 4 × 12 × 2.10 = 100.80 instead of 201.60
        Alternatives a = of(WorkloadKind.TrainingJob, List.of(), gpus("H100", 8, bd("12"), Capacity.SPOT, bd("0.3")));
        assertEquals("4 GPUs instead of 8 (8 × 0.3 expected utilization / 0.6 target, rounded up) would cost 100.80 USD"
                + " instead of 201.60 USD (saves 100.80 USD, 50 %)", a.rightSized(bd("0.6")).orElseThrow().sentence());
        assertEquals(Optional.empty(), a.rightSized(bd("0.25")), "already at the target");
    }

    @Test
    void togetherTheChangesArePricedAtOnceNotSummed() {
        // spot (576.00 → 201.60) and 4 GPUs (576.00 → 288.00) together: 4 × 12 × 2.10 = 100.80
        Alternatives a = of(WorkloadKind.TrainingJob, List.of(), gpus("H100", 8, bd("12"), null, bd("0.3")));
        Saving spot = a.spot().orElseThrow();
        Saving fewer = a.rightSized(bd("0.6")).orElseThrow();
        assertEquals(bd("288.00"), fewer.cost());
        Saving both = a.combined(List.of(spot, fewer)).orElseThrow();
        assertEquals(bd("100.80"), both.cost());
        assertEquals(bd("475.20"), both.saves());
        assertTrue(both.alternative().startsWith("spot capacity; 4 GPUs instead of 8"), both.alternative());
        assertEquals(List.of(spot.alternative(), fewer.alternative()),
                a.all(500, bd("0.6")).stream().map(Saving::alternative).toList());
        Alternatives other = of(WorkloadKind.TrainingJob, List.of(), gpus("H100", 8, bd("12"), null, null));
        assertEquals(Optional.empty(), other.combined(List.of(spot)), "only this instance's savings combine");
    }

    @Test
    void amountsAreGroupedWhateverTheLocale() {
        assertEquals("4,403.20", Saving.grouped(bd("4403.2")));
        assertEquals("0.08", Saving.grouped(bd("0.075")));
        assertEquals("1,234,567.00", Saving.grouped(bd("1234567")));
    }

    private static Alternatives of(WorkloadKind kind, List<ModelUse> models, Compute compute) {
        Spec spec = new Spec("test", TaskType.classification, ModelTier.small, null,
                new Budget(bd("1000"), "USD", BudgetPeriod.total), new Ttl(kind == WorkloadKind.InferenceEndpoint
                ? "7d" : "24h", Duration.ofHours(kind == WorkloadKind.InferenceEndpoint ? 168 : 24)), null, models, compute);
        Metadata metadata = new Metadata("w", "growth-ml", "alice@example.com", Environment.dev, Map.of());
        Manifest m = new Manifest("w.yaml", 0, kind, metadata, spec, Map.of(), new SourceMap("w.yaml", Map.of()));
        return new Alternatives(ESTIMATOR, m);
    }

    private static Compute gpus(String type, int count, BigDecimal hours, Capacity capacity, BigDecimal utilization) {
        return new Compute(type, count, hours, null, capacity, null, utilization);
    }

    private static ModelUse model(String name, long requestsPerDay, long avgInput, long avgOutput, Long systemPrompt,
                                  Boolean caching) {
        return new ModelUse(name, null, 1000L, 8000L, systemPrompt, requestsPerDay, avgInput, avgOutput, caching, 2);
    }

    private static BigDecimal bd(String s) {
        return new BigDecimal(s);
    }
}
