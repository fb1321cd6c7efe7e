package dev.spendgate.bench;

import dev.spendgate.cost.PriceCatalog;
import dev.spendgate.engine.EngineSettings;
import dev.spendgate.engine.PreparedPolicies;
import dev.spendgate.engine.drools.DroolsEngine;
import dev.spendgate.gate.GateConfig;
import dev.spendgate.gate.GateReport;
import dev.spendgate.gate.GateRunner;
import dev.spendgate.gate.RunInput;
import dev.spendgate.manifest.Manifest;
import dev.spendgate.manifest.ManifestLoader;
import dev.spendgate.policy.LoadedPolicy;
import dev.spendgate.policy.PolicySetLoader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Throughput of the gate's stages on generated manifests (the same generator as
 * {@code bench/generate_manifests.py}, in Java so JMH needs nothing else): loading and validating
 * YAML, evaluating with the precompiled baseline pack on Drools, and the whole check.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GateBenchmark {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @Param({"1", "10000"})
    int manifests;

    Path dir;
    LoadedPolicy policy;
    GateRunner runner;
    List<Manifest> loaded;
    PreparedPolicies prepared;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("spendgate-bench");
        Manifests.write(dir, manifests);
        policy = new PolicySetLoader().defaults();
        runner = GateRunner.prepare(GateConfig.builder().toolVersion("bench").loadedPolicy(policy)
                .catalog(PriceCatalog.shipped()).build());
        loaded = new ManifestLoader().load(Path.of(""), List.of(dir.toString()));
        prepared = new DroolsEngine().prepare(policy.packs(), EngineSettings.none());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        prepared.close();
        runner.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Discover, read and validate the manifests. */
    @Benchmark
    public List<Manifest> load() throws Exception {
        return new ManifestLoader().load(Path.of(""), List.of(dir.toString()));
    }

    /** Estimate and evaluate already-loaded manifests, on rules prepared once: the engine's and the gate's share. */
    @Benchmark
    public GateReport evaluate() throws Exception {
        return runner.run(RunInput.builder(NOW).manifests(loaded, Map.of()).build());
    }

    /** Everything a check does after start-up on a prepared runner: load, estimate, evaluate. */
    @Benchmark
    public GateReport check() throws Exception {
        return runner.run(RunInput.builder(NOW).paths(List.of(dir)).build());
    }
}
