package dev.spendgate.engine.opa;

import dev.spendgate.cost.Estimate;
import dev.spendgate.engine.EvaluationInput;
import dev.spendgate.engine.ManifestInput;
import dev.spendgate.manifest.Manifest;
import dev.spendgate.policy.Parameters;
import dev.spendgate.spend.SpendAnalysis;
import dev.spendgate.spend.SpendData;
import dev.spendgate.spend.SpendGroup;
import dev.spendgate.spend.SpendSnapshot;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The live-spend and team parts of the OPA input document (docs/opa-input.md). */
class InputDocumentTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    private static final String MANIFESTS = """
            apiVersion: spendgate.dev/v1
            kind: InferenceEndpoint
            metadata: {name: scoring, team: growth-ml, owner: a@example.com, environment: production, costCenter: CC-1}
            spec:
              budget: {amount: 3000, period: monthly}
            ---
            apiVersion: spendgate.dev/v1
            kind: Experiment
            metadata: {name: probe, team: growth-ml, owner: a@example.com, environment: dev, costCenter: CC-1}
            spec:
              budget: {amount: 0, period: total}
              ttl: 24h
            """;

    private static final Map<String, BigDecimal> LIMITS = Map.of("growth-ml", new BigDecimal("2500"));

    @TempDir
    Path tmp;

    @Test
    void spendHasTheSnapshotAndPerManifestNumbersWithThresholds() {
        List<Manifest> manifests = TinyPack.manifests(tmp, MANIFESTS);
        JsonObject input = write(input(manifests, spend(manifests)), 0, 2);

        JsonObject spend = input.getJsonObject("spend");
        assertEquals(List.of("source", "costColumn", "currency", "newestRow", "stalenessHours", "manifests"),
                List.copyOf(spend.keySet()));
        assertEquals("2026-11-22T06:00:00Z", spend.getString("newestRow"));
        assertEquals("6", spend.get("stalenessHours").toString());
        JsonObject scoring = spend.getJsonObject("manifests").getJsonObject("scoring");
        assertEquals("{\"day\":\"2026-11-21\",\"spend\":410.00,\"median\":100.00,\"threshold\":300,\"before\":["
                + "{\"day\":\"2026-11-14\",\"cost\":100.00},{\"day\":\"2026-11-15\",\"cost\":100.00},"
                + "{\"day\":\"2026-11-16\",\"cost\":100.00},{\"day\":\"2026-11-17\",\"cost\":100.00},"
                + "{\"day\":\"2026-11-18\",\"cost\":100.00},{\"day\":\"2026-11-19\",\"cost\":100.00},"
                + "{\"day\":\"2026-11-20\",\"cost\":100.00}]}", scoring.getJsonObject("anomaly").toString());
        assertEquals("monthly", scoring.getString("period"));
        assertEquals("1310.00", scoring.get("spent").toString());
        assertEquals("2400", scoring.get("warnThreshold").toString());
        assertEquals("3000", scoring.get("blockThreshold").toString());
        JsonObject forecast = scoring.getJsonObject("forecast");
        assertEquals(List.of("amount", "end", "runRate", "basisDays", "daysLeft", "method"), List.copyOf(forecast.keySet()));
        assertEquals("2572.50", forecast.get("amount").toString());
        assertEquals("2026-12-01T00:00:00Z", forecast.getString("end"));
        assertEquals("8.75", forecast.get("daysLeft").toString());
        // a budget of 0 has no thresholds
        assertEquals("{\"period\":\"total\",\"spent\":0.00,\"monthToDate\":0.00,\"sinceStart\":0.00}",
                spend.getJsonObject("manifests").getJsonObject("probe").toString());

        assertEquals("{\"growth-ml\":{\"monthToDate\":1310.00,\"monthlyBudgets\":3000,\"monthlyManifests\":[\"scoring\"],"
                + "\"otherMonthToDate\":0.00,\"commitments\":3000.00,\"limit\":2500}}", input.getJsonObject("teams").toString());
    }

    @Test
    void aChunkCarriesTheSpendOfItsOwnManifestsOnly() {
        List<Manifest> manifests = TinyPack.manifests(tmp, MANIFESTS);
        EvaluationInput in = input(manifests, spend(manifests));
        assertEquals(List.of("scoring"), List.copyOf(write(in, 0, 1).getJsonObject("spend").getJsonObject("manifests").keySet()));
        assertEquals(List.of("probe"), List.copyOf(write(in, 1, 2).getJsonObject("spend").getJsonObject("manifests").keySet()));
        assertEquals(write(in, 0, 1).getJsonObject("teams"), write(in, 1, 2).getJsonObject("teams"));
    }

    @Test
    void withoutASpendSourceThereIsNoSpendButTheTeamsAreThere() {
        List<Manifest> manifests = TinyPack.manifests(tmp, MANIFESTS);
        EvaluationInput in = input(manifests, null);
        JsonObject input = write(in, 0, 2);
        assertFalse(input.containsKey("spend"));
        assertEquals("{\"growth-ml\":{\"monthToDate\":0.00,\"monthlyBudgets\":3000,\"monthlyManifests\":[\"scoring\"],"
                + "\"otherMonthToDate\":0.00,\"commitments\":3000.00,\"limit\":2500}}", input.getJsonObject("teams").toString());
    }

    @Test
    void aSourceWithoutRowsHasNoNewestRowAndTheSameInputGivesTheSameBytes() {
        List<Manifest> manifests = TinyPack.manifests(tmp, MANIFESTS);
        SpendData empty = new SpendData("empty.csv", "EffectiveCost", List.of(), 0, 0, List.of(), null);
        EvaluationInput in = input(manifests, SpendAnalysis.analyse(empty, "USD", manifests, LIMITS, NOW));
        JsonObject spend = write(in, 0, 2).getJsonObject("spend");
        assertEquals(List.of("source", "costColumn", "currency", "emptyReason", "manifests"), List.copyOf(spend.keySet()));
        assertEquals("has no rows at all", spend.getString("emptyReason"));
        assertArrayEquals(InputDocument.request(in, 0, 2), InputDocument.request(in, 0, 2));
    }

    /** 100 a day on scoring from 2026-11-12 to 11-20, then 410 on 11-21; data until 11-22T06:00. */
    private static SpendSnapshot spend(List<Manifest> manifests) {
        List<SpendGroup> groups = new ArrayList<>();
        Instant newest = Instant.parse("2026-11-22T06:00:00Z");
        for (LocalDate d = LocalDate.parse("2026-11-12"); d.isBefore(LocalDate.parse("2026-11-22")); d = d.plusDays(1)) {
            BigDecimal cost = d.getDayOfMonth() == 21 ? new BigDecimal("410") : new BigDecimal("100");
            groups.add(new SpendGroup("scoring", "growth-ml", "USD", d, cost, 1, d.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)));
        }
        SpendData data = new SpendData("focus.csv", "EffectiveCost", groups, groups.size(), 0, List.of(), newest);
        return SpendAnalysis.analyse(data, "USD", manifests, LIMITS, NOW);
    }

    private static EvaluationInput input(List<Manifest> manifests, SpendSnapshot spend) {
        List<ManifestInput> inputs = new ArrayList<>();
        for (Manifest m : manifests) {
            inputs.add(new ManifestInput(m, new Estimate(BigDecimal.ONE, "USD", BigDecimal.ONE, "test", List.of(), true,
                    List.of()), Map.of()));
        }
        return new EvaluationInput(NOW, Parameters.defaults(), inputs, spend,
                spend != null ? spend.teams() : SpendAnalysis.teams(manifests, LIMITS, NOW));
    }

    private static JsonObject write(EvaluationInput in, int from, int to) {
        byte[] body = InputDocument.request(in, from, to);
        try (JsonReader r = Json.createReader(new ByteArrayInputStream(body))) {
            return r.readObject().getJsonObject("input");
        }
    }
}
