package dev.spendgate.cases;

import dev.spendgate.cost.PriceCatalog;
import dev.spendgate.engine.EngineSettings;
import dev.spendgate.error.InvalidInputException;
import dev.spendgate.error.SpendgateException;
import dev.spendgate.gate.Finding;
import dev.spendgate.gate.GateConfig;
import dev.spendgate.gate.GateReport;
import dev.spendgate.gate.GateRunner;
import dev.spendgate.gate.ManifestReport;
import dev.spendgate.gate.Messages;
import dev.spendgate.gate.RunInput;
import dev.spendgate.manifest.Manifest;
import dev.spendgate.manifest.ManifestLoader;
import dev.spendgate.policy.LoadedPolicy;
import dev.spendgate.policy.Pack;
import dev.spendgate.policy.PolicySetLoader;
import dev.spendgate.spend.SpendData;
import dev.spendgate.spend.SpendQuery;
import dev.spendgate.spend.SpendSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a pack's cases through the whole gate — manifest validation, policy, estimate, live spend,
 * engine, enforcement — on one engine, so a case means the same thing to every engine and to users.
 * Each case has a policy set of its own; the engine's rules are prepared once for all the cases
 * over the same packs ({@link GateRunner#under}). Close it to release the prepared engines.
 */
public final class CaseRunner implements AutoCloseable {

    private final String engine;
    private final EngineSettings settings;
    private final String toolVersion;
    private final PolicySetLoader policyLoader = new PolicySetLoader();
    private final ManifestLoader manifestLoader = new ManifestLoader();
    /** One prepared runner per set of packs the cases' policy sets select. */
    private final Map<List<Pack>, GateRunner> runners = new HashMap<>();

    public CaseRunner(String engine, EngineSettings settings, String toolVersion) {
        this.engine = engine;
        this.settings = settings;
        this.toolVersion = toolVersion;
    }

    /**
     * Runs one case against {@code pack}.
     *
     * @param file    the case file as named in messages
     * @param baseDir the folder relative paths in the case are resolved against
     * @throws SpendgateException when the engine cannot decide (not a case failure: nothing was judged)
     */
    public CaseResult run(Pack pack, PackCase c, String file, Path baseDir) throws SpendgateException {
        List<String> failures = new ArrayList<>();
        GateReport report;
        try {
            LoadedPolicy policy = policyLoader.loadBody(c.policy(), file, baseDir, List.of(pack));
            List<Manifest> manifests = new ArrayList<>();
            for (int i = 0; i < c.manifests().size(); i++) {
                manifests.add(manifestLoader.load(c.manifests().get(i), file, i));
            }
            Map<String, Manifest> bases = new HashMap<>();
            for (int i = 0; i < c.bases().size(); i++) {
                Manifest base = manifestLoader.load(c.bases().get(i), file, i);
                if (bases.putIfAbsent(base.name(), base) != null) {
                    failures.add("invalid input: " + base.locations().locate("/metadata/name")
                            + ": base: two base versions of '" + base.name() + "'");
                    return new CaseResult(c, engine, failures, null);
                }
            }
            SpendData spend = c.spend() == null ? null
                    : c.spend().data(policy.policySet().parameters().liveSpend().costColumn());
            RunInput.Builder input = RunInput.builder(c.now()).manifests(manifests, bases);
            if (spend != null) {
                input.spend(new CaseSpend(file, spend));
            }
            report = runner(policy).run(input.build());
        } catch (InvalidInputException e) {
            e.problems().forEach(p -> failures.add("invalid input: " + p));
            return new CaseResult(c, engine, failures, null);
        }
        List<Finding> all = new ArrayList<>(report.policyFindings());
        List<String> owners = new ArrayList<>();
        report.policyFindings().forEach(f -> owners.add(null));
        for (ManifestReport m : report.manifests()) {
            for (Finding f : m.findings()) {
                all.add(f);
                owners.add(m.name());
            }
        }
        for (PackCase.Expectation e : c.expect()) {
            boolean found = false;
            for (int i = 0; i < all.size() && !found; i++) {
                found = matches(e, all.get(i), owners.get(i));
            }
            if (!found) {
                failures.add("expected " + e + ", got " + describe(all, owners));
            }
        }
        for (String rule : c.absent()) {
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).rule().equals(rule)) {
                    failures.add("expected no " + rule + ", got " + rule + " on " + owners.get(i) + " at "
                            + all.get(i).path() + ": " + all.get(i).message());
                }
            }
        }
        for (Finding f : all) {
            if (Messages.unfilled(f.message())) {
                failures.add(f.rule() + ": message template names evidence the engine did not give: " + f.message());
            }
        }
        return new CaseResult(c, engine, failures, report);
    }

    /** The runner for {@code policy}: over the prepared engine of its packs, prepared on the first case. */
    private GateRunner runner(LoadedPolicy policy) throws SpendgateException {
        GateRunner prepared = runners.get(policy.packs());
        if (prepared == null) {
            prepared = GateRunner.prepare(GateConfig.builder().toolVersion(toolVersion).engine(engine)
                    .engineSettings(settings).loadedPolicy(policy).catalog(PriceCatalog.shipped()).build());
            runners.put(policy.packs(), prepared);
            return prepared;
        }
        return prepared.under(policy);
    }

    @Override
    public void close() {
        runners.values().forEach(GateRunner::close);
        runners.clear();
    }

    /** A case's billing rows, as a spend source reads them. */
    private record CaseSpend(String display, SpendData data) implements SpendSource {
        @Override
        public SpendData read(SpendQuery query) {
            return data;
        }
    }

    private static boolean matches(PackCase.Expectation e, Finding f, String manifest) {
        return e.rule().equals(f.rule())
                && (e.manifest() == null || e.manifest().equals(manifest))
                && (e.outcome() == null || e.outcome().equals(f.outcome().wireName()))
                && (e.path() == null || e.path().equals(f.path()));
    }

    private static String describe(List<Finding> all, List<String> owners) {
        if (all.isEmpty()) {
            return "no findings";
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Finding f = all.get(i);
            parts.add(f.rule() + (owners.get(i) == null ? "" : " on " + owners.get(i)) + " " + f.outcome().wireName()
                    + " at " + f.path());
        }
        return String.join("; ", parts);
    }
}
