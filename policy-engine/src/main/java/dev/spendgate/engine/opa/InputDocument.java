package dev.spendgate.engine.opa;

import dev.spendgate.cost.Estimate;
import dev.spendgate.engine.Derived;
import dev.spendgate.engine.EvaluationInput;
import dev.spendgate.engine.ManifestInput;
import dev.spendgate.manifest.Environment;
import dev.spendgate.manifest.Manifest;
import dev.spendgate.manifest.ModelTier;
import dev.spendgate.manifest.TaskType;
import dev.spendgate.policy.Parameters;
import dev.spendgate.spend.Anomaly;
import dev.spendgate.spend.DailySpend;
import dev.spendgate.spend.Forecast;
import dev.spendgate.spend.ManifestSpend;
import dev.spendgate.spend.SpendSnapshot;
import dev.spendgate.spend.TeamSpend;
import dev.spendgate.spend.Zombie;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the input document of {@code docs/opa-input.md}: {@code now}, every parameter with its
 * default, live spend (when the run has a source) and the teams' monthly commitments, and per
 * manifest its document as parsed, the values the Drools facts derive ({@link Derived}), the
 * estimate and the catalog tiers. Numbers are written in plain notation; maps are written in key
 * order, so the same input always gives the same bytes.
 */
final class InputDocument {

    private static final JsonGeneratorFactory FACTORY = Json.createGeneratorFactory(Map.of());

    private InputDocument() {
    }

    /** {@code {"input": <document>}} for the manifests {@code from} (inclusive) to {@code to} (exclusive). */
    static byte[] request(EvaluationInput input, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096 + (to - from) * 1536);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeKey("input");
            write(g, input, from, to);
            g.writeEnd();
        }
        return out.toByteArray();
    }

    /** The bare input document of every manifest, as {@code opa eval --input} reads it. */
    static void write(EvaluationInput input, OutputStream out) {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, input, 0, input.manifests().size());
        }
    }

    private static void write(JsonGenerator g, EvaluationInput input, int from, int to) {
        g.writeStartObject();
        g.write("now", input.now().toString());
        g.writeKey("params");
        params(g, input.parameters());
        List<ManifestInput> manifests = input.manifests().subList(from, to);
        if (input.spend() != null) {
            spend(g, input.spend(), input.parameters().liveSpend(), manifests);
        }
        teams(g, input.teams());
        g.writeStartArray("manifests");
        for (ManifestInput in : manifests) {
            manifest(g, in, input.parameters());
        }
        g.writeEnd();
        g.writeEnd();
    }

    /**
     * {@code "spend": {...}}: the snapshot, and per manifest of this chunk that it has the spend of,
     * the numbers and thresholds the live-spend rules compare (thresholds as {@link Derived#threshold}).
     */
    private static void spend(JsonGenerator g, SpendSnapshot spend, Parameters.LiveSpend live,
                              List<ManifestInput> manifests) {
        g.writeStartObject("spend");
        g.write("source", spend.source());
        g.write("costColumn", spend.costColumn());
        g.write("currency", spend.currency());
        if (spend.newestRow() != null) {
            g.write("newestRow", spend.newestRow().toString());
            g.write("stalenessHours", plain(spend.stalenessHours()));
        } else {
            g.write("emptyReason", dev.spendgate.engine.Derived.noRowsReason(spend));
        }
        Map<String, BigDecimal> amounts = new TreeMap<>();
        for (ManifestInput in : manifests) {
            var budget = in.manifest().spec().budget();
            if (spend.manifests().containsKey(in.manifest().name())) {
                amounts.putIfAbsent(in.manifest().name(), budget == null ? null : budget.amount());
            }
        }
        g.writeStartObject("manifests");
        amounts.forEach((name, amount) -> {
            ManifestSpend s = spend.manifests().get(name);
            g.writeStartObject(name);
            g.write("period", s.period());
            g.write("spent", plain(s.spent()));
            g.write("monthToDate", plain(s.monthToDate()));
            g.write("sinceStart", plain(s.sinceStart()));
            if (amount != null && amount.signum() > 0) {
                g.write("warnThreshold", Derived.threshold(live.warnAt(), amount));
                g.write("blockThreshold", Derived.threshold(live.blockAt(), amount));
            }
            Forecast f = s.forecast();
            if (f != null) {
                g.writeStartObject("forecast")
                        .write("amount", plain(f.amount()))
                        .write("end", f.end().toString())
                        .write("runRate", plain(f.runRate()))
                        .write("basisDays", f.basisDays())
                        .write("daysLeft", plain(f.daysLeft()))
                        .write("method", f.method())
                        .writeEnd();
            }
            Anomaly a = s.anomaly();
            if (a != null) {
                g.writeStartObject("anomaly")
                        .write("day", a.day().toString())
                        .write("spend", plain(a.spend()))
                        .write("median", plain(a.median()))
                        .write("threshold", Derived.threshold(live.anomalyFactor(), a.median()));
                g.writeStartArray("before");
                for (DailySpend d : a.before()) {
                    g.writeStartObject().write("day", d.day().toString()).write("cost", plain(d.cost())).writeEnd();
                }
                g.writeEnd();
                g.writeEnd();
            }
            Zombie z = s.zombie();
            if (z != null) {
                g.writeStartObject("zombie")
                        .write("expiredAt", z.expiredAt().toString())
                        .write("spend", plain(z.spend()))
                        .write("firstDay", z.firstDay().toString())
                        .write("lastDay", z.lastDay().toString())
                        .write("days", z.days())
                        .writeEnd();
            }
            g.writeEnd();
        });
        g.writeEnd();
        g.writeEnd();
    }

    /** {@code "teams": {...}}: every team's monthly commitments, for SG-BUD-005. */
    private static void teams(JsonGenerator g, Map<String, TeamSpend> teams) {
        g.writeStartObject("teams");
        new TreeMap<>(teams).forEach((name, t) -> {
            g.writeStartObject(name);
            g.write("monthToDate", plain(t.monthToDate()));
            g.write("monthlyBudgets", plain(t.monthlyBudgets()));
            strings(g, "monthlyManifests", t.monthlyManifests());
            g.write("otherMonthToDate", plain(t.otherMonthToDate()));
            g.write("commitments", plain(t.commitments()));
            if (t.limit() != null) {
                g.write("limit", plain(t.limit()));
            }
            g.writeEnd();
        });
        g.writeEnd();
    }

    private static void params(JsonGenerator g, Parameters p) {
        g.writeStartObject();

        g.writeStartObject("ownership");
        strings(g, "requiredTags", p.ownership().requiredTags());
        strings(g, "teams", p.ownership().teams());
        g.writeEnd();

        g.writeStartObject("budgets");
        g.write("maxPerExperiment", plain(p.budgets().maxPerExperiment()));
        g.write("approvalAbove", plain(p.budgets().approvalAbove()));
        g.writeStartObject("teams");
        new TreeMap<>(p.budgets().teamMonthly()).forEach((team, monthly) ->
                g.writeStartObject(team).write("monthly", plain(monthly)).writeEnd());
        g.writeEnd();
        g.writeEnd();

        g.writeStartObject("expiry");
        g.write("maxTtl", p.expiry().maxTtl().text());
        g.write("maxTtlHours", Derived.hours(p.expiry().maxTtl()));
        g.writeEnd();

        g.writeStartObject("modelSelection");
        strings(g, "frontierTaskTypes", p.modelSelection().frontierTaskTypes().stream().map(TaskType::name).toList());
        g.writeStartObject("allowedModels");
        Map<String, List<String>> allowed = new TreeMap<>();
        for (Map.Entry<Environment, List<String>> e : p.modelSelection().allowedModels().entrySet()) {
            allowed.put(e.getKey().name(), e.getValue());
        }
        allowed.forEach((env, models) -> strings(g, env, models));
        g.writeEnd();
        g.writeEnd();

        g.writeStartObject("tokens")
                .write("maxSystemPromptTokens", p.tokens().maxSystemPromptTokens())
                .write("maxInputTokens", p.tokens().maxInputTokens())
                .write("maxRetries", p.tokens().maxRetries())
                .writeEnd();

        g.writeStartObject("gpu")
                .write("spotOutsideProduction", p.gpu().spotOutsideProduction())
                .write("scheduleOutsideProduction", p.gpu().scheduleOutsideProduction())
                .write("maxGpusWithoutApproval", p.gpu().maxGpusWithoutApproval())
                .write("targetUtilization", plain(p.gpu().targetUtilization()))
                .writeEnd();

        Parameters.LiveSpend live = p.liveSpend();
        g.writeStartObject("liveSpend")
                .write("warnAt", plain(live.warnAt()))
                .write("blockAt", plain(live.blockAt()))
                .write("maxStaleness", live.maxStaleness().text())
                .write("maxStalenessHours", Derived.hours(live.maxStaleness()))
                .write("anomalyFactor", plain(live.anomalyFactor()))
                .write("costColumn", live.costColumn());
        g.writeStartObject("tags");
        new TreeMap<>(live.tags()).forEach(g::write);
        g.writeEnd();
        g.writeEnd();

        g.writeStartObject("changes").write("maxBudgetIncrease", plain(p.changes().maxBudgetIncrease()));
        g.writeStartObject("maxEstimateIncrease");
        if (p.changes().maxEstimateIncreaseAmount() != null) {
            g.write("amount", plain(p.changes().maxEstimateIncreaseAmount()));
        }
        if (p.changes().maxEstimateIncreasePercent() != null) {
            g.write("percent", plain(p.changes().maxEstimateIncreasePercent()));
        }
        g.write("text", Derived.estimateLimit(p.changes()));
        g.writeEnd().writeEnd();

        g.writeEnd();
    }

    private static void manifest(JsonGenerator g, ManifestInput in, Parameters params) {
        Manifest m = in.manifest();
        g.writeStartObject();
        g.write("name", m.name());
        g.write("file", m.file());
        g.writeKey("document");
        value(g, m.document());
        derived(g, m);

        Estimate e = in.estimate();
        g.writeStartObject("estimate")
                .write("total", plain(e.total()))
                .write("currency", e.currency())
                .write("complete", e.complete())
                .writeEnd();

        Derived.UnitEconomics unit = Derived.unitEconomics(params.unitEconomics(), m, e);
        g.writeStartObject("unitEconomics");
        if (unit.costs().costPer1kRequests() != null) {
            g.write("costPer1kRequests", unit.costs().costPer1kRequests()).write("requests", unit.costs().requests());
        }
        if (unit.maxCostPer1kRequests() != null) {
            g.write("maxCostPer1kRequests", plain(unit.maxCostPer1kRequests()));
        }
        g.writeEnd();

        g.writeStartObject("catalogTiers");
        new TreeMap<String, ModelTier>(in.catalogTiers()).forEach((model, tier) -> g.write(model, tier.name()));
        g.writeEnd();
        g.writeStartObject("catalogModes");
        new TreeMap<>(in.catalogModes()).forEach(g::write);
        g.writeEnd();

        Manifest base = in.base();
        if (base != null) {
            g.writeStartObject("base");
            g.write("file", base.file());
            g.writeKey("document");
            value(g, base.document());
            derived(g, base);
            BigDecimal increase = Derived.budgetIncrease(base.spec().budget(), m.spec().budget());
            if (increase != null) {
                g.write("budgetIncrease", increase);
            }
            Derived.EstimateChange change = in.estimateChange();
            g.writeStartObject("estimateChange")
                    .write("before", change.before())
                    .write("after", change.after())
                    .write("increase", change.increase());
            if (change.percent() != null) {
                g.write("percent", change.percent());
            }
            g.write("percentText", change.percentText()).write("complete", change.complete()).writeEnd();
            g.writeEnd();
        }
        g.writeEnd();
    }

    /** {@code "derived": {...}}: the values the Drools facts derive from {@code m}. */
    private static void derived(JsonGenerator g, Manifest m) {
        g.writeStartObject("derived");
        g.writeStartObject("tags");
        new TreeMap<>(Derived.tags(m.metadata())).forEach(g::write);
        g.writeEnd();
        if (m.spec().ttl() != null) {
            g.write("ttlHours", Derived.hours(m.spec().ttl()));
        }
        if (m.spec().startsAt() != null) {
            g.write("startsAt", m.spec().startsAt().toString());
        }
        Instant expiresAt = Derived.expiresAt(m.spec());
        if (expiresAt != null) {
            g.write("expiresAt", expiresAt.toString());
        }
        g.writeEnd();
    }

    /** A value of a parsed YAML document: maps, lists, strings, numbers, booleans, null. */
    private static void value(JsonGenerator g, Object v) {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.write(s);
        } else if (v instanceof Boolean b) {
            g.write(b);
        } else if (v instanceof Long n) {
            g.write(n);
        } else if (v instanceof Integer n) {
            g.write(n);
        } else if (v instanceof BigDecimal d) {
            g.write(plain(d));
        } else if (v instanceof BigInteger n) {
            g.write(n);
        } else if (v instanceof Number n) {
            g.write(plain(new BigDecimal(n.toString())));
        } else if (v instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeKey(String.valueOf(e.getKey()));
                value(g, e.getValue());
            }
            g.writeEnd();
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object o : list) {
                value(g, o);
            }
            g.writeEnd();
        } else {
            g.write(v.toString());
        }
    }

    private static void strings(JsonGenerator g, String key, List<String> values) {
        g.writeStartArray(key);
        values.forEach(g::write);
        g.writeEnd();
    }

    /** Without exponent: {@code 1E+3} is written 1000; the scale is otherwise kept. */
    static BigDecimal plain(BigDecimal d) {
        return d.scale() < 0 ? d.setScale(0) : d;
    }
}
