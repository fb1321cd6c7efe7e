package dev.spendgate.packs;

import dev.spendgate.cases.CaseReader;
import dev.spendgate.cases.CaseResult;
import dev.spendgate.cases.CaseRunner;
import dev.spendgate.cases.PackCase;
import dev.spendgate.cases.PackCases;
import dev.spendgate.engine.EngineSettings;
import dev.spendgate.engine.opa.OpaEngine;
import dev.spendgate.engine.opa.testing.OpaServer;
import dev.spendgate.engine.opa.testing.Parity;
import dev.spendgate.policy.Pack;
import dev.spendgate.policy.PackLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Engine parity: every case of every shipped pack runs through the whole gate on Drools and on a
 * real OPA server loaded with the project's bundle of the same packs, and both must pass it with
 * identical findings (rule, manifest, outcome, path, place, evidence, message). A difference fails
 * the build with a diff of the findings.
 */
class EngineParityTest {

    private static final Path PACKS = Path.of("").toAbsolutePath();

    @TempDir
    static Path tmp;

    /** One server per pack, each with the bundle of that pack: a case selects the pack under test. */
    private static final List<OpaServer> servers = new ArrayList<>();

    @AfterAll
    static void stopOpa() {
        servers.forEach(OpaServer::close);
    }

    @TestFactory
    Stream<DynamicTest> everyCaseGivesTheSameFindingsOnDroolsAndOpa() throws Exception {
        PackLoader loader = new PackLoader();
        List<Pack> packs = new ArrayList<>();
        for (String id : loader.shippedIds()) {
            packs.add(loader.loadShipped(id));
        }
        assertFalse(packs.isEmpty(), "no shipped packs");
        CaseRunner drools = new CaseRunner("drools", EngineSettings.none(), "test");
        List<DynamicTest> tests = new ArrayList<>();
        for (Pack pack : packs) {
            OpaServer opa = OpaServer.withPacks(List.of(pack), Files.createDirectories(tmp.resolve(pack.id())));
            servers.add(opa);
            CaseRunner onOpa = new CaseRunner("opa", new EngineSettings(Map.of(OpaEngine.URL, opa.url())), "test");
            for (PackCases.CaseFile file : PackCases.shipped(pack.id())) {
                for (PackCase c : new CaseReader().read(file.display(), file.bytes())) {
                    tests.add(DynamicTest.dynamicTest(pack.id() + ": " + c.id(), () -> {
                        CaseResult d = drools.run(pack, c, file.display(), PACKS);
                        CaseResult o = onOpa.run(pack, c, file.display(), PACKS);
                        assertTrue(d.passed(), () -> c.location() + " " + c.id() + " on drools:\n  " + String.join("\n  ", d.failures()));
                        assertNull(Parity.explain(c.location() + " " + c.id(), "drools", d.report(), "opa", o.report()));
                        assertTrue(o.passed(), () -> c.location() + " " + c.id() + " on opa:\n  " + String.join("\n  ", o.failures()));
                    }));
                }
            }
        }
        assertFalse(tests.isEmpty(), "no cases in the shipped packs");
        return tests.stream();
    }
}
