package dev.spendgate.policy;

import dev.spendgate.error.InvalidInputException;
import dev.spendgate.input.Problem;
import dev.spendgate.yaml.YamlReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PackLoaderTest {

    /** A loader whose shipped packs are the test copies under {@code policy/shipped/}. */
    static PackLoader testLoader() {
        return new PackLoader(PackLoaderTest.class.getClassLoader(), "policy/shipped/", new YamlReader());
    }

    static final String ACME = """
            id: acme
            version: 1.0.0
            rules:
              - id: ACME-001
                title: Only approved providers
                intent: modelSelection
                level: soft-mandatory
                message: 'provider {provider} is not approved'
                remediation: Use openai or anthropic.
            """;

    @TempDir
    Path dir;

    private final PackLoader loader = testLoader();

    private void write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private List<String> problems(InvalidInputException e) {
        return e.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void shippedPacksAreListedInTheIndexAndLoadWithoutSources() throws Exception {
        assertEquals(List.of("baseline", "tiny"), loader.shippedIds());
        Pack p = loader.loadShipped("baseline");
        assertEquals("baseline", p.id());
        assertEquals("2026.11.0", p.version());
        assertTrue(p.shipped());
        assertEquals(Map.of(), p.sources());
        assertEquals(List.of("SG-OWN-001", "SG-TOK-002", "SG-MOD-001", "SG-WVR-001"),
                p.rules().stream().map(RuleInfo::id).toList());
        assertEquals(new RuleInfo("SG-OWN-001", "Owner must be a reachable person or team", "ownership",
                Enforcement.HARD_MANDATORY, "Fires when metadata.owner is absent or malformed.",
                "metadata.owner is {reason}: \"{owner}\"", "Set metadata.owner to an e-mail address or @handle.",
                "baseline#sg-own-001"), p.rule("SG-OWN-001").orElseThrow());
        assertEquals(Enforcement.ADVISORY, p.rule("SG-TOK-002").orElseThrow().level());
        assertEquals("", p.rule("SG-TOK-002").orElseThrow().docs());
        assertEquals(List.of(), loader.loadShipped("tiny").rules());
    }

    @Test
    void anUnknownPackIdGetsADidYouMean() {
        assertEquals(List.of("baselin:1:1: unknown pack baselin, did you mean baseline?"),
                problems(assertThrows(InvalidInputException.class, () -> loader.loadShipped("baselin"))));
        assertEquals(List.of("acme:1:1: unknown pack acme (shipped packs: baseline, tiny;"
                        + " a pack folder is written as ./acme)"),
                problems(assertThrows(InvalidInputException.class, () -> loader.load("acme", dir, "."))));
        PackLoader none = new PackLoader(getClass().getClassLoader(), "nowhere/", new YamlReader());
        assertEquals(List.of(), none.shippedIds());
    }

    @Test
    void aFolderPackCarriesItsEngineSources() throws Exception {
        write("policy/packs/acme/pack.yaml", ACME);
        write("policy/packs/acme/drools/acme.drl", "package acme;\n");
        write("policy/packs/acme/drools/notes.txt", "not a source\n");
        write("policy/packs/acme/rego/acme.rego", "package spendgate.acme\n");
        write("policy/packs/acme/rego/acme_test.rego", "package spendgate.acme_test\n");
        Pack p = loader.load("./packs/acme", dir.resolve("policy"), "policy");
        assertEquals("acme", p.id());
        assertEquals("policy/packs/acme", p.origin());
        assertEquals(Map.of("drools", Map.of("acme.drl", "package acme;\n"),
                "opa", Map.of("acme.rego", "package spendgate.acme\n")), p.sources());
        assertEquals(Enforcement.SOFT_MANDATORY, p.rule("ACME-001").orElseThrow().level());
        assertEquals(p, loader.loadFolder(dir.resolve("policy/packs/acme"), "policy/packs/acme"));
    }

    @Test
    void missingFoldersAndPackFiles() throws Exception {
        assertEquals(List.of("packs/nope/pack.yaml:1:1: no pack folder packs/nope"),
                problems(assertThrows(InvalidInputException.class, () -> loader.load("./packs/nope", dir, "."))));
        Files.createDirectories(dir.resolve("empty"));
        assertEquals(List.of("empty/pack.yaml:1:1: no pack.yaml in empty"),
                problems(assertThrows(InvalidInputException.class, () -> loader.load("./empty", dir, "."))));
    }

    @Test
    void packYamlIsValidatedLikeAManifest() throws Exception {
        write("bad/pack.yaml", """
                id: Acme Pack
                version: 1.0
                descripton: typo
                rules:
                  - id: acme-1
                    title: ""
                    intent: model selection
                    level: hard-mandtory
                    message: m
                    remediaton: r
                    engine: opa
                  - just a string
                  - id: ACME-002
                    title: t
                    intent: tokens
                    level: advisory
                    message: m
                    remediation: r
                  - id: ACME-002
                    title: t
                    intent: tokens
                    level: advisory
                    message: m
                    remediation: r
                """);
        assertEquals(List.of(
                "bad/pack.yaml:1:1: id: \"Acme Pack\" is not a pack id (lowercase letters, digits and '-')",
                "bad/pack.yaml:2:1: version: expected a string, got a number (1.0) (quote it: \"1.0\")",
                "bad/pack.yaml:3:1: descripton: unknown key, did you mean description?",
                "bad/pack.yaml:5:5: rules[0].id: \"acme-1\" is not a rule id like SG-OWN-001"
                        + " (capitals and digits, parts joined by '-')",
                "bad/pack.yaml:5:5: rules[0].remediation: required key is missing",
                "bad/pack.yaml:6:5: rules[0].title: must not be empty",
                "bad/pack.yaml:7:5: rules[0].intent: \"model selection\" is not an intent name like ownership",
                "bad/pack.yaml:8:5: rules[0].level: \"hard-mandtory\" is not one of advisory, soft-mandatory,"
                        + " hard-mandatory, did you mean hard-mandatory?",
                "bad/pack.yaml:10:5: rules[0].remediaton: unknown key, did you mean remediation?",
                "bad/pack.yaml:11:5: rules[0].engine: \"opa\" is not one of gate",
                "bad/pack.yaml:12:5: rules[1]: expected a mapping, got a string (\"just a string\")",
                "bad/pack.yaml:19:5: rules[3].id: rule ACME-002 is already defined at bad/pack.yaml:13:5"),
                problems(assertThrows(InvalidInputException.class, () -> loader.load("./bad", dir, "."))));
    }

    @Test
    void aRuleSaysWhatItNeedsBeyondTheManifest() throws Exception {
        write("needs/pack.yaml", ACME + """
                    needs: [estimate, budget]
                  - id: ACME-002
                    title: t
                    intent: budgets
                    level: advisory
                    message: m
                    remediation: r
                    needs: [estimat]
                """);
        assertEquals(List.of("needs/pack.yaml:17:13: rules[1].needs[0]: \"estimat\" is not one of estimate, budget, base,"
                        + " did you mean estimate?"),
                problems(assertThrows(InvalidInputException.class, () -> loader.load("./needs", dir, "."))));
        write("needs/pack.yaml", ACME + "    needs: [estimate, budget]\n");
        RuleInfo rule = loader.load("./needs", dir, ".").rule("ACME-001").orElseThrow();
        assertEquals(List.of("estimate", "budget"), rule.needs());
        assertTrue(rule.needsEstimate() && rule.needsBudget());
        write("needs/pack.yaml", ACME);
        RuleInfo plain = loader.load("./needs", dir, ".").rule("ACME-001").orElseThrow();
        assertEquals(List.of(), plain.needs());
        assertFalse(plain.needsEstimate() || plain.needsBudget());
    }

    @Test
    void twoPacksMayNotDefineTheSameRule() throws Exception {
        write("acme/pack.yaml", ACME + """
                  - id: SG-TOK-002
                    title: t
                    intent: tokens
                    level: advisory
                    message: m
                    remediation: r
                """);
        assertEquals(List.of(
                "acme/pack.yaml:10:5: rule SG-TOK-002 is already defined by pack baseline"
                        + " (shipped:baseline/pack.yaml:13:5)",
                "baseline:1:1: pack baseline is listed twice"),
                problems(assertThrows(InvalidInputException.class,
                        () -> loader.loadAll(List.of("baseline", "./acme", "baseline"), dir, "."))));
        write("acme/pack.yaml", ACME);
        assertEquals(List.of("baseline", "acme"),
                loader.loadAll(List.of("baseline", "./acme"), dir, ".").stream().map(Pack::id).toList());
    }

    @Test
    void badYamlInAPackIsAProblem() throws Exception {
        write("broken/pack.yaml", "id: x\nrules: [\n");
        write("two/pack.yaml", ACME + "---\n" + ACME);
        assertEquals(List.of("broken/pack.yaml:3:1: malformed YAML: expected the node content, but found"
                        + " '<stream end>' (while parsing a flow node)"),
                problems(assertThrows(InvalidInputException.class, () -> loader.load("./broken", dir, "."))));
        assertEquals(List.of("two/pack.yaml:1:1: expected one YAML document (the pack), found 2"),
                problems(assertThrows(InvalidInputException.class, () -> loader.load("./two", dir, "."))));
    }

    @Test
    void unreadableSourcesAreProblems() throws Exception {
        write("bytes/pack.yaml", ACME);
        Files.createDirectories(dir.resolve("bytes/drools"));
        Files.write(dir.resolve("bytes/drools/x.drl"), new byte[] {'a', (byte) 0xff});
        assertEquals(List.of("bytes/drools/x.drl:1:1: not UTF-8 text"),
                problems(assertThrows(InvalidInputException.class, () -> loader.load("./bytes", dir, "."))));
    }
}
