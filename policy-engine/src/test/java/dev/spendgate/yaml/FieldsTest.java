package dev.spendgate.yaml;

import dev.spendgate.input.Problem;
import dev.spendgate.manifest.Capacity;
import dev.spendgate.manifest.TaskType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FieldsTest {

    private final List<Problem> problems = new ArrayList<>();

    private Fields spec(String yaml) {
        YamlFile f = new YamlReader().read("m.yaml", "spec:\n" + yaml.indent(2));
        assertEquals(List.of(), f.problems());
        Fields root = Fields.of(f.documents().get(0).root(), "", null, problems);
        return root.mapping("spec");
    }

    private List<String> messages() {
        return problems.stream().map(Problem::toString).toList();
    }

    @Test
    void stringsMustBeStringsAndNumbersMustBeQuoted() {
        Fields spec = spec("purpose: fine-tune\nversion: 2026.11\nflag: true\nmap: {a: b}\nnothing:\n");
        assertEquals("fine-tune", spec.string("purpose"));
        assertNull(spec.string("version"));
        assertNull(spec.string("flag"));
        assertNull(spec.string("map"));
        assertNull(spec.string("nothing"));
        assertNull(spec.string("absent"));
        assertEquals(List.of(
                "m.yaml:3:3: spec.version: expected a string, got a number (2026.11) (quote it: \"2026.11\")",
                "m.yaml:4:3: spec.flag: expected a string, got a boolean (true) (quote it: \"true\")",
                "m.yaml:5:3: spec.map: expected a string, got a mapping",
                "m.yaml:6:3: spec.nothing: expected a string, got nothing"), messages());
    }

    @Test
    void aNameListedTwiceIsAProblem() {
        Fields spec = spec("tags: [costCenter, project, costCenter]\nteams: [a, b]\n");
        assertNull(spec.strings("tags"));
        assertEquals(List.of("a", "b"), spec.strings("teams"));
        assertEquals(List.of("m.yaml:2:31: spec.tags[2]: \"costCenter\" is listed twice"), messages());
    }

    @Test
    void patternsAndBlankText() {
        Fields spec = spec("name: Churn_FT\nreason: '  '\nok: churn-ft\n");
        Pattern dns = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
        assertNull(spec.string("name", dns, "a lowercase DNS label"));
        assertNull(spec.text("reason"));
        assertEquals("churn-ft", spec.string("ok", dns, "a lowercase DNS label"));
        assertEquals(List.of("m.yaml:2:3: spec.name: \"Churn_FT\" is not a lowercase DNS label",
                "m.yaml:3:3: spec.reason: must not be empty"), messages());
    }

    @Test
    void integersAndNumbersHaveRanges() {
        Fields spec = spec("""
                gpuCount: 8
                asDecimal: 8.0
                negative: -1
                absurd: 1e13
                fraction: 1.5
                text: "8"
                amount: 800.50
                utilization: 1.2
                huge: 123456789012345678901234567890
                """);
        assertEquals(8L, spec.integer("gpuCount", 1, 100_000));
        assertEquals(8L, spec.integer("asDecimal", 1, 100_000));
        assertNull(spec.integer("negative", 1, 100_000));
        assertNull(spec.integer("huge", 1, 100_000));
        assertNull(spec.number("absurd", BigDecimal.ZERO, new BigDecimal("1e12")));
        assertNull(spec.integer("fraction", 1, 100_000));
        assertNull(spec.integer("text", 1, 100_000));
        assertEquals(new BigDecimal("800.50"), spec.number("amount", BigDecimal.ZERO, new BigDecimal("1e12")));
        assertNull(spec.number("utilization", BigDecimal.ZERO, BigDecimal.ONE));
        assertEquals(List.of(
                "m.yaml:4:3: spec.negative: -1 is out of range (1 to 100000)",
                "m.yaml:10:3: spec.huge: 123456789012345678901234567890 is out of range (1 to 100000)",
                "m.yaml:5:3: spec.absurd: 1e13 is out of range (0 to 1000000000000)",
                "m.yaml:6:3: spec.fraction: expected an integer, got a number (1.5)",
                "m.yaml:7:3: spec.text: expected an integer, got a string (\"8\")",
                "m.yaml:9:3: spec.utilization: 1.2 is out of range (0 to 1)"), messages());
    }

    @Test
    void booleansAreTrueOrFalse() {
        Fields spec = spec("a: true\nb: yes\nc: 1\n");
        assertEquals(true, spec.bool("a"));
        assertNull(spec.bool("b"));
        assertNull(spec.bool("c"));
        assertEquals(List.of(
                "m.yaml:3:3: spec.b: expected a boolean, got a string (\"yes\") (YAML 1.2: write true or false)",
                "m.yaml:4:3: spec.c: expected a boolean, got a number (1)"), messages());
    }

    @Test
    void enumsListTheAllowedValuesAndSuggestOne() {
        Fields spec = spec("taskType: clasification\ncapacity: On-Demand\nother: foo\nok: spot\nnum: 3\n");
        Map<String, TaskType> tasks = Fields.names(TaskType.class);
        Map<String, Capacity> capacities = Fields.names(Capacity.class, Capacity::wireName);
        assertNull(spec.oneOf("taskType", tasks));
        assertNull(spec.oneOf("capacity", capacities));
        assertNull(spec.oneOf("other", capacities));
        assertEquals(Capacity.SPOT, spec.oneOf("ok", capacities));
        assertNull(spec.oneOf("num", capacities));
        assertEquals(List.of(
                "m.yaml:2:3: spec.taskType: \"clasification\" is not one of classification, extraction, routing,"
                        + " summarisation, embedding, generation, reasoning, training, other,"
                        + " did you mean classification?",
                "m.yaml:3:3: spec.capacity: \"On-Demand\" is not one of spot, on-demand, reserved,"
                        + " did you mean on-demand?",
                "m.yaml:4:3: spec.other: \"foo\" is not one of spot, on-demand, reserved",
                "m.yaml:6:3: spec.num: \"3\" is not one of spot, on-demand, reserved"), messages());
    }

    @Test
    void durations() {
        Fields spec = spec("""
                a: 24h
                b: 3d
                c: 2w
                ttl: 36
                quoted: "36"
                words: 2 days
                minutes: 90m
                zero: 0h
                upper: 36H
                fraction: 1.5
                list: [1]
                long: 10000000h
                """);
        assertEquals(new Ttl("24h", Duration.ofHours(24)), spec.duration("a"));
        assertEquals(new Ttl("3d", Duration.ofDays(3)), spec.duration("b"));
        assertEquals(new Ttl("2w", Duration.ofDays(14)), spec.duration("c"));
        for (String k : List.of("ttl", "quoted", "words", "minutes", "zero", "upper", "fraction", "list", "long")) {
            assertNull(spec.duration(k), k);
        }
        assertEquals(List.of(
                "m.yaml:5:3: spec.ttl: \"36\" is not a duration (use 36h)",
                "m.yaml:6:3: spec.quoted: \"36\" is not a duration (use 36h)",
                "m.yaml:7:3: spec.words: \"2 days\" is not a duration (use 2d)",
                "m.yaml:8:3: spec.minutes: \"90m\" is not a duration like 24h, 3d or 2w (1 to 999999 hours, days or weeks)",
                "m.yaml:9:3: spec.zero: \"0h\" is not a duration like 24h, 3d or 2w (1 to 999999 hours, days or weeks)",
                "m.yaml:10:3: spec.upper: \"36H\" is not a duration (use 36h)",
                "m.yaml:11:3: spec.fraction: \"1.5\" is not a duration like 24h, 3d or 2w (1 to 999999 hours, days or weeks)",
                "m.yaml:12:3: spec.list: expected a duration like 24h, 3d or 2w, got a list",
                "m.yaml:13:3: spec.long: \"10000000h\" is not a duration like 24h, 3d or 2w (1 to 999999 hours, days or weeks)"),
                messages());
    }

    @Test
    void instantsAndDates() {
        Fields spec = spec("""
                startsAt: 2026-11-20T09:00:00Z
                offset: 2026-11-20T10:00+01:00
                noZone: 2026-11-20T09:00:00
                dateOnly: 2026-11-20
                expires: 2026-12-01
                badDate: 2026-02-30
                slashes: 12/01/2026
                """);
        assertEquals(Instant.parse("2026-11-20T09:00:00Z"), spec.instant("startsAt"));
        assertEquals(Instant.parse("2026-11-20T09:00:00Z"), spec.instant("offset"));
        assertNull(spec.instant("noZone"));
        assertNull(spec.instant("dateOnly"));
        assertEquals(LocalDate.of(2026, 12, 1), spec.date("expires"));
        assertNull(spec.date("badDate"));
        assertNull(spec.date("slashes"));
        assertEquals(List.of(
                "m.yaml:4:3: spec.noZone: \"2026-11-20T09:00:00\" is not an instant (use ISO-8601 with a zone,"
                        + " e.g. 2026-11-20T09:00:00Z)",
                "m.yaml:5:3: spec.dateOnly: \"2026-11-20\" is not an instant (use ISO-8601 with a zone,"
                        + " e.g. 2026-11-20T00:00:00Z)",
                "m.yaml:7:3: spec.badDate: \"2026-02-30\" is not a valid date",
                "m.yaml:8:3: spec.slashes: \"12/01/2026\" is not a date (use YYYY-MM-DD)"), messages());
    }

    @Test
    void listsAndMapsOfStrings() {
        Fields spec = spec("""
                tags: [a, b]
                bad: [a, 1, {x: y}]
                notList: a
                labels: {tier: gold, n: 3}
                ok: {tier: gold}
                tasks: [reasoning, generaton]
                """);
        assertEquals(List.of("a", "b"), spec.strings("tags"));
        assertNull(spec.strings("bad"));
        assertNull(spec.strings("notList"));
        assertNull(spec.stringMap("labels"));
        assertEquals(Map.of("tier", "gold"), spec.stringMap("ok"));
        assertNull(spec.listOf("tasks", Fields.names(TaskType.class)));
        assertEquals(List.of(
                "m.yaml:3:12: spec.bad[1]: expected a string, got a number (1) (quote it: \"1\")",
                "m.yaml:3:15: spec.bad[2]: expected a string, got a mapping",
                "m.yaml:4:3: spec.notList: expected a list of strings, got a string (\"a\")",
                "m.yaml:5:24: spec.labels.n: expected a string, got a number (3) (quote it: \"3\")",
                "m.yaml:7:22: spec.tasks[1]: \"generaton\" is not one of classification, extraction, routing,"
                        + " summarisation, embedding, generation, reasoning, training, other,"
                        + " did you mean generation?"), messages());
    }

    @Test
    void nestedMappingsAndListsOfMappingsCarryTheirPaths() {
        Fields spec = spec("""
                budget: 800
                models:
                  - name: a
                  - just-a-string
                  - name: 3
                """);
        assertNull(spec.mapping("budget"));
        List<Fields> models = spec.mappings("models");
        assertEquals(2, models.size());
        assertEquals("spec.models[2]", models.get(1).path());
        assertNull(models.get(1).string("name"));
        assertEquals(List.of(
                "m.yaml:2:3: spec.budget: expected a mapping, got a number (800)",
                "m.yaml:5:7: spec.models[1]: expected a mapping, got a string (\"just-a-string\")",
                "m.yaml:6:7: spec.models[2].name: expected a string, got a number (3) (quote it: \"3\")"), messages());
    }

    @Test
    void requiredAndUnknownKeys() {
        Fields spec = spec("bugdet: {}\npurpose: x\nTTL: 24h\nzzz: 1\n");
        spec.require("purpose", "models");
        spec.known("budget", "ttl", "taskType");
        spec.rejectUnknown();
        assertEquals(List.of(
                "m.yaml:1:1: spec.models: required key is missing",
                "m.yaml:2:3: spec.bugdet: unknown key, did you mean budget?",
                "m.yaml:4:3: spec.TTL: unknown key, did you mean ttl?",
                "m.yaml:5:3: spec.zzz: unknown key (expected one of purpose, models, budget, ttl, taskType)"),
                messages());
        assertTrue(spec.unknown().stream().map(YamlNode.Entry::key).toList().containsAll(Set.of("bugdet", "TTL", "zzz")));
    }

    @Test
    void aDocumentThatIsNotAMappingIsOneProblem() {
        YamlDocument doc = new YamlReader().read("m.yaml", "- a\n").documents().get(0);
        assertNull(Fields.of(doc.root(), "", doc.root().location(), problems));
        assertEquals(List.of("m.yaml:1:1: expected a mapping, got a list"), messages());
    }

    @Test
    void didYouMeanIsCaseInsensitiveAndCountsTranspositionsOnce() {
        List<String> keys = List.of("purpose", "taskType", "modelTier", "budget", "ttl", "startsAt", "models", "compute");
        assertEquals(Optional.of("budget"), DidYouMean.suggest("bugdet", keys));
        assertEquals(Optional.of("taskType"), DidYouMean.suggest("tasktype", keys));
        assertEquals(Optional.of("modelTier"), DidYouMean.suggest("model_tier", keys));
        assertEquals(Optional.of("ttl"), DidYouMean.suggest("tll", keys));
        assertEquals(Optional.of("models"), DidYouMean.suggest("model", keys));
        assertEquals(Optional.empty(), DidYouMean.suggest("ttl", keys), "the same word is no suggestion");
        assertEquals(Optional.empty(), DidYouMean.suggest("owner", keys));
        assertEquals(Optional.empty(), DidYouMean.suggest("x".repeat(100_000), keys));
        assertEquals(1, DidYouMean.distance("bugdet", "budget"));
        assertEquals(3, DidYouMean.distance("kitten", "sitting"));
    }
}
