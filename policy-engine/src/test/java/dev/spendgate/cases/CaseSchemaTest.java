package dev.spendgate.cases;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.spendgate.error.InvalidInputException;
import dev.spendgate.yaml.JsonSchemas;
import dev.spendgate.yaml.YamlFile;
import dev.spendgate.yaml.YamlReader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The published JSON Schema of pack test cases agrees with {@link CaseReader}, and the shipped cases pass it. */
class CaseSchemaTest {

    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(JsonSchemas.CASE.json());

    private static final String CASE = """
            case: gpu-001-on-demand
            description: on-demand GPUs in dev fire SG-GPU-001
            now: "2026-11-22T12:00:00Z"
            policy: {intents: {gpu: {spotOutsideProduction: true}}}
            manifests:
              - {apiVersion: spendgate.dev/v1, kind: Experiment, metadata: {name: x, environment: dev}, spec: {}}
            base:
              - {apiVersion: spendgate.dev/v1, kind: Experiment, metadata: {name: x, environment: dev}, spec: {}}
            spend:
              source: focus
              newestRow: "2026-11-22T06:00:00Z"
              rows:
                - {manifest: x, team: growth-ml, day: 2026-11-20, cost: 12.5, currency: USD}
                - {day: 2026-11-21, cost: -3}
              badRows: 2
            expect:
              - {rule: SG-GPU-001, manifest: x, outcome: fail, path: /spec/compute/capacity}
            absent: [SG-GPU-003]
            """;

    private record Case(String name, String yaml, boolean valid) {
    }

    private static Case defect(String name, String from, String to) {
        assertTrue(CASE.contains(from), from);
        return new Case(name, CASE.replace(from, to), false);
    }

    private static List<Case> corpus() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("every key", CASE, true));
        c.add(new Case("one manifest, absent only", "case: a\nmanifest: {kind: Experiment}\nabsent: [SG-OWN-001]\n", true));
        c.add(new Case("expect only, no outcome", "case: a\nmanifests: [{}]\nexpect: [{rule: SG-OWN-001}]\n", true));
        c.add(new Case("waived", CASE.replace("outcome: fail", "outcome: waived"), true));
        c.add(new Case("an empty spend", CASE.substring(0, CASE.indexOf("spend:")) + "spend: {}\n"
                + CASE.substring(CASE.indexOf("expect:")), true));
        c.add(defect("no id", "case: gpu-001-on-demand\n", ""));
        c.add(defect("a number for the id", "case: gpu-001-on-demand", "case: 1"));
        c.add(defect("an unknown key", "absent:", "absnt:"));
        c.add(defect("neither expect nor absent", CASE.substring(CASE.indexOf("expect:")), ""));
        c.add(new Case("no manifest", "case: a\nabsent: [SG-OWN-001]\n", false));
        c.add(new Case("an empty list of manifests", "case: a\nmanifests: []\nabsent: [SG-OWN-001]\n", false));
        c.add(defect("a mapping for manifests", "manifests:\n  - {", "manifests:\n  m: {"));
        c.add(defect("a mapping for base", "base:\n  - {", "base:\n  m: {"));
        c.add(defect("an unknown outcome", "outcome: fail", "outcome: pass"));
        c.add(defect("an expectation without rule", "{rule: SG-GPU-001, manifest: x,", "{manifest: x,"));
        c.add(defect("an unknown expectation key", "path: /spec", "at: /spec"));
        c.add(defect("a string for expect", "expect:\n  - {rule: SG-GPU-001, manifest: x, outcome: fail, path: /spec/compute/capacity}",
                "expect: SG-GPU-001"));
        c.add(defect("a rule absent twice", "absent: [SG-GPU-003]", "absent: [SG-GPU-003, SG-GPU-003]"));
        c.add(defect("a clock without zone", "now: \"2026-11-22T12:00:00Z\"", "now: \"2026-11-22T12:00:00\""));
        c.add(defect("a row without cost", "{day: 2026-11-21, cost: -3}", "{day: 2026-11-21}"));
        c.add(defect("a row without day", "{day: 2026-11-21, cost: -3}", "{cost: -3}"));
        c.add(defect("a bad currency", "currency: USD", "currency: usd"));
        c.add(defect("an unknown row key", "{day: 2026-11-21, cost: -3}", "{day: 2026-11-21, cost: -3, sku: a}"));
        c.add(defect("a negative bad-row count", "badRows: 2", "badRows: -1"));
        c.add(defect("an unknown spend key", "badRows: 2", "badRows: 2\n  total: 3"));
        c.add(defect("a bad day", "day: 2026-11-20", "day: 2026-11-32"));
        c.add(new Case("a list for the case", "- a\n", false));
        return c;
    }

    @TestFactory
    Stream<DynamicTest> theSchemaAndTheReaderAgree() {
        return corpus().stream().map(c -> DynamicTest.dynamicTest(c.name, () -> {
            List<String> reader = new ArrayList<>();
            try {
                new CaseReader().read("case.yaml", c.yaml.getBytes(StandardCharsets.UTF_8));
            } catch (InvalidInputException e) {
                e.problems().forEach(p -> reader.add(p.toString()));
            }
            YamlFile f = new YamlReader().read("case.yaml", c.yaml);
            Set<ValidationMessage> schema = SCHEMA.validate(new ObjectMapper().valueToTree(f.documents().get(0).root().toPlain()));
            assertEquals(c.valid, reader.isEmpty(), () -> "reader: " + reader + "\n" + c.yaml);
            assertEquals(c.valid, schema.isEmpty(), () -> "schema: " + schema + "\n" + c.yaml);
        }));
    }
}
