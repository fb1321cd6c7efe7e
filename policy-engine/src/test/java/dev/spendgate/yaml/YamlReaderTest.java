package dev.spendgate.yaml;

import dev.spendgate.input.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class YamlReaderTest {

    private final YamlReader reader = new YamlReader();

    private YamlNode root(String yaml) {
        YamlFile f = reader.read("t.yaml", yaml);
        assertEquals(List.of(), f.problems());
        assertEquals(1, f.documents().size());
        return f.documents().get(0).root();
    }

    private List<String> problems(String yaml) {
        return reader.read("t.yaml", yaml).problems().stream().map(Problem::toString).toList();
    }

    private static Object value(YamlNode node, String key) {
        return ((YamlNode.Scalar) ((YamlNode.Mapping) node).get(key)).value();
    }

    @Test
    void keysListItemsAndNestedValuesKeepTheirPositionsAndPointers() {
        YamlNode root = root("""
                apiVersion: v1
                spec:
                  budget: {amount: 800, currency: USD}
                  models:
                    - name: a
                    -   name: b
                        maxRetries: 2
                """);
        YamlNode.Mapping spec = (YamlNode.Mapping) ((YamlNode.Mapping) root).get("spec");
        assertEquals("t.yaml:2:1", spec.location().toString());
        assertEquals("/spec", spec.pointer());
        YamlNode.Mapping budget = (YamlNode.Mapping) spec.get("budget");
        assertEquals("t.yaml:3:3", budget.location().toString());
        assertEquals("t.yaml:3:12", budget.entries().get("amount").keyLocation().toString());
        assertEquals("t.yaml:3:25", budget.entries().get("currency").keyLocation().toString());
        YamlNode.Sequence models = (YamlNode.Sequence) spec.get("models");
        assertEquals("t.yaml:5:7", models.items().get(0).location().toString());
        assertEquals("t.yaml:6:9", models.items().get(1).location().toString());
        YamlNode retries = ((YamlNode.Mapping) models.items().get(1)).get("maxRetries");
        assertEquals("/spec/models/1/maxRetries", retries.pointer());
        assertEquals("t.yaml:7:9", retries.location().toString(), "a mapping value stands at its key");
        YamlDocument doc = reader.read("t.yaml", "a: 1\nb:\n  - x\n").documents().get(0);
        assertEquals("t.yaml:3:5", doc.locations().locate("/b/0").toString());
        assertEquals("t.yaml:2:1", doc.locations().locate("/b/7/missing").toString());
    }

    @Test
    void multipleDocumentsAreIndexedAndEmptyOnesKept() {
        YamlFile f = reader.read("t.yaml", "a: 1\n---\n---\nb: 2\n...\n---\n- x\n");
        assertTrue(f.ok());
        assertEquals(4, f.documents().size());
        assertEquals(List.of(0, 1, 2, 3), f.documents().stream().map(YamlDocument::index).toList());
        assertNull(f.documents().get(1).root());
        assertEquals(Map.of("b", 2L), f.documents().get(2).root().toPlain());
        assertEquals("t.yaml:4:1", f.documents().get(2).root().location().toString());
        assertEquals(List.of("x"), f.documents().get(3).root().toPlain());
        assertEquals(0, reader.read("t.yaml", "").documents().size());
        assertEquals(0, reader.read("t.yaml", "# only a comment\n").documents().size());
    }

    @Test
    void scalarsFollowTheYaml12CoreSchema() {
        YamlNode root = root("""
                yes: yes
                no: NO
                on: on
                t: true
                T: True
                mixed: tRue
                underscore: 1_000
                comma: 1,000
                hex: 0x1F
                octal: 0o17
                leadingZero: 017
                plus: +12
                float: 1.5
                exp: 1e3
                dot: .5
                big: 12345678901234567890123
                tilde: ~
                null: null
                empty:
                quoted: "12"
                single: 'true'
                date: 2026-11-20
                instant: 2026-11-20T09:00:00Z
                binary: 0b101
                """);
        assertEquals("yes", value(root, "yes"));
        assertEquals("NO", value(root, "no"));
        assertEquals("on", value(root, "on"));
        assertEquals(true, value(root, "t"));
        assertEquals(true, value(root, "T"));
        assertEquals("tRue", value(root, "mixed"));
        assertEquals("1_000", value(root, "underscore"));
        assertEquals("1,000", value(root, "comma"));
        assertEquals(31L, value(root, "hex"));
        assertEquals(15L, value(root, "octal"));
        assertEquals(17L, value(root, "leadingZero"));
        assertEquals(12L, value(root, "plus"));
        assertEquals(new BigDecimal("1.5"), value(root, "float"));
        assertEquals(0, new BigDecimal("1000").compareTo((BigDecimal) value(root, "exp")));
        assertEquals(new BigDecimal("0.5"), value(root, "dot"));
        assertEquals(new BigDecimal("12345678901234567890123"), value(root, "big"));
        assertNull(value(root, "tilde"));
        assertNull(value(root, "null"));
        assertNull(value(root, "empty"));
        assertEquals("12", value(root, "quoted"));
        assertTrue(((YamlNode.Scalar) ((YamlNode.Mapping) root).get("quoted")).quoted());
        assertEquals("true", value(root, "single"));
        assertEquals("2026-11-20", value(root, "date"));
        assertEquals("2026-11-20T09:00:00Z", value(root, "instant"));
        assertEquals("0b101", value(root, "binary"));
    }

    @Test
    void infinityAndNotANumberAreRejectedWithThePath() {
        assertEquals(List.of("t.yaml:2:3: spec.amount: '.inf' is not a finite number"),
                problems("spec:\n  amount: .inf\n"));
        assertEquals(List.of("t.yaml:1:3: [0]: '-.Inf' is not a finite number"), problems("- -.Inf\n"));
        assertEquals(List.of("t.yaml:1:1: a: '.NaN' is not a finite number"), problems("a: .NaN\n"));
        assertEquals(List.of("t.yaml:1:1: a: 'abc' is not a number"), problems("a: !!int abc\n"));
    }

    @Test
    void hugeNumberLiteralsAreRefusedBeforeParsing() {
        assertEquals(List.of("t.yaml:1:1: a: a number of 101 characters (at most 100)"),
                problems("a: " + "9".repeat(101) + "\n"));
        assertEquals(List.of("t.yaml:1:1: a: a number of 102 characters (at most 100)"),
                problems("a: 1." + "5".repeat(100) + "\n"));
        assertEquals("9".repeat(101), value(root("a: '" + "9".repeat(101) + "'\n"), "a"), "a quoted one is a string");
    }

    @Test
    void duplicateKeysAreReportedAtTheSecondWithThePath() {
        assertEquals(List.of("t.yaml:4:3: spec.ttl: duplicate key (first at line 2, column 3)"),
                problems("spec:\n  ttl: 24h\n  purpose: x\n  ttl: 48h\n"));
        assertEquals(List.of("t.yaml:1:8: a: duplicate key (first at line 1, column 2)"),
                problems("{a: 1, a: 2}\n"));
    }

    @Test
    void unsafeAndUnknownTagsAreRejected() {
        assertEquals(List.of("t.yaml:1:4: unsafe or unknown tag tag:yaml.org,2002:java.net.URL"
                        + " (only plain YAML data is accepted)"),
                problems("x: !!java.net.URL [\"http://example.com\"]\n"));
        assertEquals(List.of("t.yaml:2:8: unsafe or unknown tag tag:yaml.org,2002:python/object:os.system"
                        + " (only plain YAML data is accepted)"),
                problems("spec:\n  run: !!python/object:os.system {}\n"));
        assertEquals(List.of("t.yaml:1:4: unsafe or unknown tag tag:yaml.org,2002:binary"
                        + " (only plain YAML data is accepted)"), problems("x: !!binary aGVsbG8=\n"));
        assertEquals(List.of("t.yaml:1:4: unsafe or unknown tag !Ref (only plain YAML data is accepted)"),
                problems("x: !Ref Bucket\n"));
        assertEquals(List.of("t.yaml:1:1: unsafe or unknown tag tag:yaml.org,2002:set"
                        + " (only plain YAML data is accepted)"), problems("!!set {a, b}\n"));
        // the standard tags are plain data
        assertEquals("12", root("!!str 12\n").toPlain());
        assertEquals(12L, root("!!int '12'\n").toPlain());
    }

    @Test
    void aliasesExpandWithinLimitsAndTakeThePointersOfTheirPlace() {
        YamlDocument doc = reader.read("t.yaml", "a: &x {n: 1, l: [2]}\nb: *x\n").documents().get(0);
        YamlNode.Mapping b = (YamlNode.Mapping) ((YamlNode.Mapping) doc.root()).get("b");
        assertEquals(Map.of("n", 1L, "l", List.of(2L)), b.toPlain());
        assertEquals("/b", b.pointer());
        assertEquals("t.yaml:2:1", b.location().toString());
        assertEquals("/b/l/0", ((YamlNode.Sequence) b.get("l")).items().get(0).pointer());
        assertEquals("t.yaml:1:18", doc.locations().locate("/b/l/0").toString(), "where the value was written");
        assertEquals("t.yaml:1:8", doc.locations().locate("/b/n").toString());
    }

    @Test
    void aliasBombsAreStopped() {
        StringBuilder bomb = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            char prev = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                bomb.append(i > 0 ? ", " : "").append('*').append(prev);
            }
            bomb.append("]\n");
        }
        assertEquals(List.of("t.yaml:6:8: document expands to more than 200000 nodes (alias bomb?)"),
                problems(bomb.toString()));

        StringBuilder many = new StringBuilder("a: &a x\nb:\n");
        for (int i = 0; i < 201; i++) {
            many.append("  - *a\n");
        }
        assertEquals(List.of("t.yaml:203:5: more than 200 aliases"), problems(many.toString()));
        assertEquals(List.of("t.yaml:1:4: unknown alias *nope"), problems("a: *nope\n"));
    }

    @Test
    void deepNestingIsAProblemNotAStackOverflow() {
        assertEquals(List.of("t.yaml:1:65: nested more than 64 levels deep"), problems("[".repeat(10_000)));
        assertEquals(List.of("t.yaml:1:257: nested more than 64 levels deep"), problems("{a: ".repeat(10_000)));
        StringBuilder block = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            block.append(" ".repeat(i)).append("k:\n");
        }
        assertEquals(List.of("t.yaml:65:65: nested more than 64 levels deep"), problems(block.toString()));
    }

    @Test
    void malformedYamlNamesTheLineAndColumn() {
        assertEquals(List.of("t.yaml:2:1: malformed YAML: expected the node content, but found '<stream end>'"
                + " (while parsing a flow node)"), problems("a: [\n"));
        assertEquals(List.of("t.yaml:1:5: malformed YAML: mapping values are not allowed here"), problems("a: b: c\n"));
        assertEquals(List.of("t.yaml:2:1: malformed YAML: found character '\\t(TAB)' that cannot start any token."
                + " (Do not use \\t(TAB) for indentation) (while scanning for the next token)"), problems("a:\n\tb: 1\n"));
        assertEquals(List.of("t.yaml:1:3: a mapping key must be a plain value, not a list or mapping"),
                problems("? [a]\n: 1\n"));
    }

    @Test
    void documentsBeforeABrokenOneAreKept() {
        YamlFile f = reader.read("t.yaml", "a: 1\n---\nb: [\n---\nc: 1\n");
        assertFalse(f.ok());
        assertEquals(1, f.documents().size());
        assertEquals(List.of("t.yaml:4:1: malformed YAML: expected the node content, but found '<document start>'"
                + " (while parsing a flow node)"), f.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void binaryNonUtf8AndHugeInputsAreRefused(@TempDir Path dir) throws Exception {
        assertEquals(List.of("b.yaml:1:1: binary file (NUL byte at offset 3), expected YAML text"),
                reader.read("b.yaml", new byte[] {'a', ':', ' ', 0, 1, 2}).problems().stream().map(Problem::toString).toList());
        assertEquals(List.of("b.yaml:1:1: not UTF-8 text"),
                reader.read("b.yaml", new byte[] {'a', ':', ' ', (byte) 0xff, (byte) 0xfe}).problems().stream()
                        .map(Problem::toString).toList());
        Path huge = dir.resolve("huge.yaml");
        Files.write(huge, ("k: " + "x".repeat(5 * 1024 * 1024) + "\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("huge.yaml:1:1: file is 5242884 bytes, more than the limit of 4194304"),
                reader.read(huge, "huge.yaml").problems().stream().map(Problem::toString).toList());
        YamlReader small = new YamlReader(new YamlLimits(10, 64, 10, 100));
        assertEquals(List.of("s.yaml:1:1: file is 11 bytes, more than the limit of 10"),
                small.read("s.yaml", "a: 12345678".getBytes(StandardCharsets.UTF_8)).problems().stream()
                        .map(Problem::toString).toList());
    }

    @Test
    void missingFilesAndDirectoriesAreProblems(@TempDir Path dir) {
        assertEquals(List.of("none.yaml:1:1: no such file"),
                reader.read(dir.resolve("none.yaml"), "none.yaml").problems().stream().map(Problem::toString).toList());
        assertEquals(List.of("d:1:1: is a directory, expected a YAML file"),
                reader.read(dir, "d").problems().stream().map(Problem::toString).toList());
    }

    @Test
    void aByteOrderMarkAndCrLfAreAccepted() {
        YamlFile f = reader.read("t.yaml", "\uFEFFa: 1\r\nb: 2\r\n".getBytes(StandardCharsets.UTF_8));
        assertTrue(f.ok());
        YamlNode.Mapping m = (YamlNode.Mapping) f.documents().get(0).root();
        assertEquals("t.yaml:2:1", m.entries().get("b").keyLocation().toString());
    }

    @Test
    void mergeKeysAreNotMerged() {
        YamlNode root = root("base: &b {x: 1}\nother:\n  <<: *b\n");
        YamlNode.Mapping other = (YamlNode.Mapping) ((YamlNode.Mapping) root).get("other");
        assertEquals(List.of("<<"), List.copyOf(other.entries().keySet()));
        assertInstanceOf(YamlNode.Mapping.class, other.get("<<"));
    }
}
