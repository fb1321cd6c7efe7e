package dev.spendgate.policy;

import dev.spendgate.error.InvalidInputException;
import dev.spendgate.input.Problem;
import dev.spendgate.yaml.YamlNode;
import dev.spendgate.yaml.YamlReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WaiverLoaderTest {

    static final Set<String> RULES = Set.of("SG-MOD-001", "SG-TOK-002", "SG-OWN-001");

    @TempDir
    Path dir;

    private final WaiverLoader loader = new WaiverLoader();

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    private static String waiver(String name, String rule) {
        return """
                apiVersion: spendgate.dev/v1
                kind: Waiver
                metadata: {name: %s}
                spec:
                  rule: %s
                  manifest: churn-*
                  reason: "A/B evaluation"
                  approver: bob@example.com
                  expires: 2026-12-01
                """.formatted(name, rule);
    }

    private List<String> problems(String yaml) throws IOException {
        write("w.yaml", yaml);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> loader.load(dir.resolve("w.yaml"), "w.yaml", RULES));
        return e.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void aFolderOfWaiverFilesLoadsInOrder() throws Exception {
        write("waivers/b.yaml", waiver("b", "SG-TOK-002") + "---\n" + waiver("c", "SG-OWN-001"));
        write("waivers/a.yml", waiver("a", "SG-MOD-001").replace("spec:", "spec:\n  ticket: FIN-123"));
        write("waivers/notes.txt", "not yaml");
        List<Waiver> ws = loader.load(dir.resolve("waivers"), ".spendgate/waivers", RULES);
        assertEquals(List.of("a", "b", "c"), ws.stream().map(Waiver::name).toList());
        Waiver a = ws.get(0);
        assertEquals("SG-MOD-001", a.rule());
        assertEquals("churn-*", a.manifest());
        assertEquals("A/B evaluation", a.reason());
        assertEquals("bob@example.com", a.approver());
        assertEquals("FIN-123", a.ticket());
        assertEquals(LocalDate.of(2026, 12, 1), a.expires());
        assertEquals(".spendgate/waivers/a.yml:3:12", a.locations().locate("/metadata/name").toString());
        assertNull(ws.get(1).ticket());
        assertEquals(".spendgate/waivers/b.yaml:13:12", ws.get(2).locations().locate("/metadata/name").toString());
    }

    @Test
    void everyProblemOfAWaiver() throws Exception {
        assertEquals(List.of(
                "w.yaml:2:1: kind: \"Wavier\" is not a Waiver (a waivers file holds Waiver documents only)",
                "w.yaml:3:1: metadata.name: required key is missing",
                "w.yaml:3:12: metadata.nmae: unknown key, did you mean name?",
                "w.yaml:4:1: spec.approver: required key is missing",
                "w.yaml:5:3: spec.rule: no loaded pack defines rule SG-MOD-01, did you mean SG-MOD-001?",
                "w.yaml:7:3: spec.reason: must not be empty",
                "w.yaml:8:3: spec.expires: \"1 Dec 2026\" is not a date (use YYYY-MM-DD)",
                "w.yaml:9:3: spec.tiket: unknown key, did you mean ticket?"),
                problems("""
                        apiVersion: spendgate.dev/v1
                        kind: Wavier
                        metadata: {nmae: x}
                        spec:
                          rule: SG-MOD-01
                          manifest: churn
                          reason: ""
                          expires: 1 Dec 2026
                          tiket: FIN-1
                        """));
    }

    @Test
    void aWaiverRunsAtMostNinetyDaysFromWhenItWasWritten() throws Exception {
        String ok = waiver("w", "SG-MOD-001").replace("{name: w}", "{name: w, created: 2026-09-02}");
        assertEquals(1, loader.load(write("ok.yaml", ok), "ok.yaml", RULES).size());
        assertEquals(List.of("w.yaml:9:3: spec.expires: 2026-12-01 is more than 90 days after metadata.created"
                        + " (2026-09-01); the latest allowed is 2026-11-30"),
                problems(ok.replace("2026-09-02", "2026-09-01")));
        assertEquals(List.of("w.yaml:9:3: spec.expires: 2026-12-01 is before metadata.created (2026-12-02)"),
                problems(ok.replace("2026-09-02", "2026-12-02")));
        assertEquals(List.of("w.yaml:3:21: metadata.created: \"yesterday\" is not a date (use YYYY-MM-DD)"),
                problems(ok.replace("2026-09-02", "yesterday")));
    }

    @Test
    void duplicateNamesNameTheFirst() throws Exception {
        write("ws/a.yaml", waiver("same", "SG-MOD-001"));
        write("ws/b.yaml", waiver("same", "SG-TOK-002"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> loader.load(dir.resolve("ws"), "ws", RULES));
        assertEquals(List.of("ws/b.yaml:3:12: metadata.name: waiver name 'same' is already used by ws/a.yaml:3:12"),
                e.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void badYamlAndMissingPaths() throws Exception {
        assertEquals(List.of("w.yaml:1:1: expected a mapping, got a list"), problems("- a\n"));
        assertEquals(List.of("w.yaml:2:1: a: '.inf' is not a finite number"), problems("---\na: .inf\n"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> loader.load(dir.resolve("none"), "none", RULES));
        assertEquals(List.of("none:1:1: no such file or folder none"), e.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void inlineWaiversKeepTheirOwnPointers() throws Exception {
        String text = "waivers:\n" + waiver("inline", "SG-OWN-001").indent(2).replaceFirst("  apiVersion", "- apiVersion");
        YamlNode seq = ((YamlNode.Mapping) new YamlReader().read("cases/c.yaml", text).documents().get(0).root())
                .get("waivers");
        List<Waiver> ws = loader.load(((YamlNode.Sequence) seq).items(), "cases/c.yaml", RULES);
        assertEquals("cases/c.yaml:6:5", ws.get(0).locations().locate("/spec/rule").toString());
    }
}
