package dev.spendgate.packs;

import dev.spendgate.engine.Detection;
import dev.spendgate.engine.EngineException;
import dev.spendgate.engine.EngineSettings;
import dev.spendgate.engine.EvaluationInput;
import dev.spendgate.engine.ManifestInput;
import dev.spendgate.engine.drools.DroolsEngine;
import dev.spendgate.engine.drools.DroolsPolicies;
import dev.spendgate.error.InvalidInputException;
import dev.spendgate.manifest.Manifest;
import dev.spendgate.policy.Pack;
import dev.spendgate.policy.PackLoader;
import dev.spendgate.policy.Parameters;
import dev.spendgate.policy.RuleInfo;
import dev.spendgate.spend.SpendAnalysis;
import dev.spendgate.spend.SpendData;
import dev.spendgate.spend.SpendSnapshot;
import dev.spendgate.spend.TeamSpend;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The shipped baseline pack on the real Drools engine, prepared once from its precompiled model,
 * with helpers to run it and check detections.
 */
final class Baseline {

    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final String RESOURCES = "dev/spendgate/packs/baseline/";

    /** The baseline pack as the gate loads it: pack.yaml from the classpath, no engine sources. */
    static final Pack PACK = loadShipped();

    private static DroolsPolicies policies;

    private Baseline() {
    }

    static synchronized DroolsPolicies policies() {
        if (policies == null) {
            try {
                policies = new DroolsEngine().prepare(List.of(PACK), EngineSettings.none());
            } catch (EngineException e) {
                throw new AssertionError(e.code() + ": " + e.getMessage(), e);
            }
        }
        return policies;
    }

    /** The shipped baseline pack, with {@code sources} as engine sources. */
    static Pack shippedPack(Map<String, Map<String, String>> sources) {
        return new Pack(PACK.id(), PACK.version(), PACK.origin(), PACK.rules(), sources);
    }

    private static Pack loadShipped() {
        try {
            return new PackLoader().loadShipped("baseline");
        } catch (InvalidInputException e) {
            throw new AssertionError("baseline/pack.yaml does not load: " + e.problems(), e);
        }
    }

    /** pack.yaml as plain maps, for what {@link RuleInfo} does not carry (a rule's engine). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> packYaml() {
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(resource("pack.yaml"));
    }

    static String resource(String name) {
        try (InputStream in = Baseline.class.getClassLoader().getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new AssertionError("not on the classpath: " + RESOURCES + name);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Detection> run(ManifestBuilder... manifests) {
        return run(Parameters.defaults(), manifests);
    }

    static List<Detection> run(Parameters parameters, ManifestBuilder... manifests) {
        List<ManifestInput> inputs = Arrays.stream(manifests).map(ManifestBuilder::build).toList();
        try {
            return policies().evaluate(new EvaluationInput(NOW, parameters, inputs)).detections();
        } catch (EngineException e) {
            throw new AssertionError(e.code() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The detections with live spend {@code spend} as a source read it (null: the run has no spend
     * source), analysed and handed to the engine as the gate does, teams' commitments included.
     */
    static List<Detection> runWithSpend(Parameters parameters, SpendData spend, ManifestBuilder... manifests) {
        List<ManifestInput> inputs = Arrays.stream(manifests).map(ManifestBuilder::build).toList();
        List<Manifest> all = inputs.stream().map(ManifestInput::manifest).toList();
        Map<String, BigDecimal> limits = parameters.budgets().teamMonthly();
        SpendSnapshot snapshot = spend == null ? null
                : SpendAnalysis.analyse(spend, SpendAnalysis.budgetCurrency(all), all, limits, NOW);
        Map<String, TeamSpend> teams = snapshot == null ? SpendAnalysis.teams(all, limits, NOW) : snapshot.teams();
        try {
            return policies().evaluate(new EvaluationInput(NOW, parameters, inputs, snapshot, teams)).detections();
        } catch (EngineException e) {
            throw new AssertionError(e.code() + ": " + e.getMessage(), e);
        }
    }

    /** The detections of {@code rule} among {@code all}. */
    static List<Detection> of(String rule, List<Detection> all) {
        return all.stream().filter(d -> d.rule().equals(rule)).toList();
    }

    /** Exactly one detection of {@code rule}, at {@code path}, with exactly {@code evidence}. */
    static void assertOne(List<Detection> all, String rule, String path, Map<String, Object> evidence) {
        List<Detection> found = of(rule, all);
        assertEquals(1, found.size(), () -> rule + " should fire once, got " + all);
        assertEquals(new Detection(rule, found.get(0).manifest(), path, evidence), found.get(0));
    }

    static void assertNone(List<Detection> all, String... rules) {
        for (String rule : rules) {
            assertTrue(of(rule, all).isEmpty(), () -> rule + " should not fire, got " + of(rule, all));
        }
    }

    /** Nothing fires but {@code rules}. */
    static void assertOnly(List<Detection> all, String... rules) {
        List<String> expected = List.of(rules);
        List<Detection> others = all.stream().filter(d -> !expected.contains(d.rule())).toList();
        if (!others.isEmpty()) {
            fail("only " + expected + " should fire, also got " + others);
        }
    }

    static Map<String, Object> evidence(Object... pairs) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    static BigDecimal num(String n) {
        return new BigDecimal(n);
    }

    static String ids(List<Detection> all) {
        return all.stream().map(Detection::rule).sorted().collect(Collectors.joining(","));
    }

    // Parameters with one intent changed from the defaults.

    static Parameters with(Parameters.Ownership o) {
        Parameters d = Parameters.defaults();
        return new Parameters(o, d.budgets(), d.expiry(), d.modelSelection(), d.tokens(), d.gpu(), d.liveSpend(), d.changes());
    }

    static Parameters with(Parameters.Budgets b) {
        Parameters d = Parameters.defaults();
        return new Parameters(d.ownership(), b, d.expiry(), d.modelSelection(), d.tokens(), d.gpu(), d.liveSpend(), d.changes());
    }

    static Parameters with(Parameters.Expiry e) {
        Parameters d = Parameters.defaults();
        return new Parameters(d.ownership(), d.budgets(), e, d.modelSelection(), d.tokens(), d.gpu(), d.liveSpend(), d.changes());
    }

    static Parameters with(Parameters.ModelSelection m) {
        Parameters d = Parameters.defaults();
        return new Parameters(d.ownership(), d.budgets(), d.expiry(), m, d.tokens(), d.gpu(), d.liveSpend(), d.changes());
    }

    static Parameters with(Parameters.Tokens t) {
        Parameters d = Parameters.defaults();
        return new Parameters(d.ownership(), d.budgets(), d.expiry(), d.modelSelection(), t, d.gpu(), d.liveSpend(), d.changes());
    }

    static Parameters with(Parameters.Gpu g) {
        Parameters d = Parameters.defaults();
        return new Parameters(d.ownership(), d.budgets(), d.expiry(), d.modelSelection(), d.tokens(), g, d.liveSpend(), d.changes());
    }

    static Parameters with(Parameters.LiveSpend l) {
        Parameters d = Parameters.defaults();
        return new Parameters(d.ownership(), d.budgets(), d.expiry(), d.modelSelection(), d.tokens(), d.gpu(), l, d.changes());
    }

    static Parameters with(Parameters.Changes c) {
        Parameters d = Parameters.defaults();
        return new Parameters(d.ownership(), d.budgets(), d.expiry(), d.modelSelection(), d.tokens(), d.gpu(), d.liveSpend(), c);
    }
}
