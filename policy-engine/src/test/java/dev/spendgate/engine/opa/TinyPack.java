package dev.spendgate.engine.opa;

import dev.spendgate.cost.PriceCatalog;
import dev.spendgate.engine.EngineException;
import dev.spendgate.engine.EngineSettings;
import dev.spendgate.error.InvalidInputException;
import dev.spendgate.error.SpendgateException;
import dev.spendgate.gate.GateConfig;
import dev.spendgate.gate.GateReport;
import dev.spendgate.gate.GateRunner;
import dev.spendgate.gate.RunInput;
import dev.spendgate.manifest.Manifest;
import dev.spendgate.manifest.ManifestLoader;
import dev.spendgate.policy.LoadedPolicy;
import dev.spendgate.policy.Pack;
import dev.spendgate.policy.PackLoader;
import dev.spendgate.policy.PolicySetLoader;
import java.util.Map;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** The tiny test pack of {@code src/test/resources/engine/opa/tiny} (DRL and Rego), and gate runs over it. */
final class TinyPack {

    static final Path DIR = Path.of("src/test/resources/engine/opa/tiny");
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    /** Two manifests: one breaks every tiny rule, the other none. */
    static final String MANIFESTS = """
            apiVersion: spendgate.dev/v1
            kind: Experiment
            metadata: {name: zombie, team: t, owner: a@example.com, environment: dev, project: p, labels: {tier: gold}}
            spec:
              taskType: reasoning
              budget: {amount: 0.5}
              ttl: 2w
              startsAt: 2026-10-01T09:30:00+02:00
              models:
                - {name: gpt-4o, requestsPerDay: 100000, avgInputTokens: 2000, avgOutputTokens: 900, maxRetries: 5}
                - {name: no-such-model, maxInputTokens: 10}
            ---
            apiVersion: spendgate.dev/v1
            kind: LlmWorkflow
            metadata: {name: tidy, team: t, owner: a@example.com, environment: production, costCenter: CC-1}
            spec:
              taskType: summarisation
              budget: {amount: 100000, period: monthly}
              ttl: 36h
              models:
                - {name: gpt-4o-mini, maxOutputTokens: 256, requestsPerDay: 10, avgInputTokens: 100}
            """;

    private TinyPack() {
    }

    static Pack load() {
        try {
            return new PackLoader().loadFolder(DIR, "tiny");
        } catch (InvalidInputException e) {
            throw new AssertionError("the tiny pack does not load: " + e.problems(), e);
        }
    }

    /** The manifests of {@code yaml}, written to {@code dir}/manifests.yaml and loaded. */
    static List<Manifest> manifests(Path dir, String yaml) {
        try {
            Files.writeString(dir.resolve("manifests.yaml"), yaml);
            return new ManifestLoader().load(dir, List.of("manifests.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InvalidInputException e) {
            throw new AssertionError("test manifests do not load: " + e.problems(), e);
        }
    }

    /** The gate over {@code manifests} with {@code packs} at their defaults, on engine {@code engine}. */
    static GateReport check(List<Pack> packs, List<Manifest> manifests, String engine, EngineSettings settings)
            throws EngineException {
        LoadedPolicy policy;
        try {
            policy = new PolicySetLoader().loadBody(null, "test", Path.of(""), packs);
        } catch (InvalidInputException e) {
            throw new AssertionError(e.problems().toString(), e);
        }
        GateConfig config = GateConfig.builder().toolVersion("test").engine(engine).engineSettings(settings)
                .loadedPolicy(policy).catalog(PriceCatalog.shipped()).build();
        try (GateRunner runner = GateRunner.prepare(config)) {
            return runner.run(RunInput.builder(NOW).manifests(manifests, Map.of()).build());
        } catch (EngineException e) {
            throw e;
        } catch (SpendgateException e) {
            throw new AssertionError("a run over loaded manifests and policy fails only in its engine: " + e.getMessage(), e);
        }
    }
}
