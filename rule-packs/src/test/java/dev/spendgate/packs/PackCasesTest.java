package dev.spendgate.packs;

import dev.spendgate.cases.CaseReader;
import dev.spendgate.cases.CaseResult;
import dev.spendgate.cases.CaseRunner;
import dev.spendgate.cases.PackCase;
import dev.spendgate.cases.PackCases;
import dev.spendgate.engine.EngineSettings;
import dev.spendgate.policy.Pack;
import dev.spendgate.policy.PackLoader;
import dev.spendgate.policy.RuleInfo;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs every case of every shipped pack through the whole gate on the Drools engine, and checks
 * that every rule is covered both ways: it fires in some case and is asserted absent in another.
 */
class PackCasesTest {

    private static final Path PACKS = Path.of("").toAbsolutePath();

    @TestFactory
    Stream<DynamicTest> everyCaseOfEveryShippedPackPassesOnDrools() throws Exception {
        PackLoader loader = new PackLoader();
        CaseRunner runner = new CaseRunner("drools", new EngineSettings(Map.of()), "test");
        List<DynamicTest> tests = new ArrayList<>();
        for (String id : loader.shippedIds()) {
            Pack pack = loader.loadShipped(id);
            for (PackCases.CaseFile file : PackCases.shipped(id)) {
                for (PackCase c : new CaseReader().read(file.display(), file.bytes())) {
                    tests.add(DynamicTest.dynamicTest(id + ": " + c.id(), () -> {
                        CaseResult r = runner.run(pack, c, file.display(), PACKS);
                        assertTrue(r.passed(), () -> c.location() + " " + c.id() + ":\n  " + String.join("\n  ", r.failures()));
                    }));
                }
            }
        }
        assertFalse(tests.isEmpty(), "no cases found in the shipped packs");
        return tests.stream();
    }

    @Test
    void everyRuleHasAFiringAndANonFiringCase() throws Exception {
        PackLoader loader = new PackLoader();
        for (String id : loader.shippedIds()) {
            Pack pack = loader.loadShipped(id);
            Set<String> fires = new TreeSet<>();
            Set<String> absent = new TreeSet<>();
            for (PackCases.CaseFile file : PackCases.shipped(id)) {
                for (PackCase c : new CaseReader().read(file.display(), file.bytes())) {
                    c.expect().forEach(e -> fires.add(e.rule()));
                    absent.addAll(c.absent());
                }
            }
            Set<String> missingFiring = new TreeSet<>();
            Set<String> missingAbsent = new TreeSet<>();
            for (RuleInfo rule : pack.rules()) {
                if (!fires.contains(rule.id())) {
                    missingFiring.add(rule.id());
                }
                if (!absent.contains(rule.id())) {
                    missingAbsent.add(rule.id());
                }
            }
            assertEquals(Set.of(), missingFiring, id + ": rules without a case where they fire");
            assertEquals(Set.of(), missingAbsent, id + ": rules without a case where they must not fire");
        }
    }

    @Test
    void thePackFolderInTheSourceTreeHasTheSameCasesAsTheJar() throws Exception {
        List<PackCases.CaseFile> folder = PackCases.inFolder(PACKS.resolve("baseline"), "baseline");
        List<PackCases.CaseFile> shipped = PackCases.shipped("baseline");
        assertEquals(folder.stream().map(PackCases.CaseFile::display).toList(),
                shipped.stream().map(PackCases.CaseFile::display).toList());
    }
}
