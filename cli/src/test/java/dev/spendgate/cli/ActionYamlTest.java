package dev.spendgate.cli;

import dev.spendgate.yaml.YamlDocument;
import dev.spendgate.yaml.YamlFile;
import dev.spendgate.yaml.YamlNode;
import dev.spendgate.yaml.YamlReader;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code action.yml} against the GitHub Actions runner's own schema of action files (its template
 * schema format: mappings, sequences, one-of, strings and booleans, and the expression contexts each
 * place allows), plus what the runner does not check but a composite action needs.
 */
class ActionYamlTest {

    private static final Path ACTION = Path.of("../action.yml");
    private static final Path RUNNER_SCHEMA = Path.of("../../shared/data/github-actions-runner-action_yaml.json");

    private static YamlNode.Mapping action() {
        YamlFile file = new YamlReader().read(ACTION, "action.yml");
        assertEquals(List.of(), file.problems());
        YamlDocument doc = file.documents().get(0);
        return (YamlNode.Mapping) doc.root();
    }

    @Test
    void validatesAgainstTheRunnersActionSchemaWhenItIsAvailable() throws IOException {
        if (!Files.isRegularFile(RUNNER_SCHEMA)) {
            return; // the structural test below always runs; the runner's schema is shared data
        }
        String text = Files.readString(RUNNER_SCHEMA, StandardCharsets.UTF_8).replace("\uFEFF", "");
        JsonObject definitions = Json.createReader(new StringReader(text)).readObject().getJsonObject("definitions");
        List<String> errors = new ArrayList<>();
        new TemplateSchema(definitions, errors).check("action-root", action(), List.of());
        assertEquals(List.of(), errors);
    }

    @Test
    void theSchemaCheckerRejectsWhatTheRunnerRejects() throws IOException {
        if (!Files.isRegularFile(RUNNER_SCHEMA)) {
            return;
        }
        String text = Files.readString(RUNNER_SCHEMA, StandardCharsets.UTF_8).replace("\uFEFF", "");
        JsonObject definitions = Json.createReader(new StringReader(text)).readObject().getJsonObject("definitions");
        String bad = """
                name: x
                runs:
                  using: composite
                  steps:
                    - name: no run and no uses
                      shell: bash
                    - run: echo ${{ secrets.TOKEN }}
                      shell: bash
                """;
        YamlNode root = new YamlReader().read("bad.yml", bad).documents().get(0).root();
        List<String> errors = new ArrayList<>();
        new TemplateSchema(definitions, errors).check("action-root", root, List.of());
        assertTrue(errors.stream().anyMatch(e -> e.contains("/runs")), errors.toString());
    }

    @Test
    void everyInputReachesTheGateAsTheToolkitWouldNameIt() {
        YamlNode.Mapping root = action();
        YamlNode.Mapping inputs = (YamlNode.Mapping) root.get("inputs");
        YamlNode.Mapping runs = (YamlNode.Mapping) root.get("runs");
        assertEquals("composite", ((YamlNode.Scalar) runs.get("using")).value());
        YamlNode.Mapping gate = null;
        for (YamlNode step : ((YamlNode.Sequence) runs.get("steps")).items()) {
            YamlNode.Mapping s = (YamlNode.Mapping) step;
            if (s.get("id") != null && "gate".equals(((YamlNode.Scalar) s.get("id")).value())) {
                gate = s;
            }
        }
        assertTrue(gate != null, "a step with id gate");
        YamlNode.Mapping env = (YamlNode.Mapping) gate.get("env");
        for (String input : inputs.entries().keySet()) {
            if (input.equals("java-version")) {
                continue; // used by the set-up step, not by the gate
            }
            String variable = dev.spendgate.github.Inputs.variable(input);
            assertTrue(env.entries().containsKey(variable), "input " + input + " is not passed as " + variable);
            assertEquals("${{ inputs." + input + " }}", ((YamlNode.Scalar) env.get(variable)).value());
        }
        YamlNode.Mapping outputs = (YamlNode.Mapping) root.get("outputs");
        for (String output : Set.of("verdict", "failed", "warned", "report")) {
            YamlNode.Mapping o = (YamlNode.Mapping) outputs.get(output);
            assertEquals("${{ steps.gate.outputs." + output + " }}", ((YamlNode.Scalar) o.get("value")).value());
        }
    }

    /** An interpreter of the runner's template schema, enough for action files. */
    static final class TemplateSchema {
        private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{(.*?)}}");
        private static final Pattern NAME = Pattern.compile("(?<![.\\w])([a-zA-Z_][\\w-]*)\\s*(\\(|\\.|\\[|$|\\s|\\))");
        private static final Set<String> LITERALS = Set.of("true", "false", "null");
        private final JsonObject definitions;
        private final List<String> errors;

        TemplateSchema(JsonObject definitions, List<String> errors) {
            this.definitions = definitions;
            this.errors = errors;
        }

        /** True when {@code node} matches {@code type}; reports why not into the error list when it must. */
        boolean check(String type, YamlNode node, List<String> inherited) {
            List<String> before = new ArrayList<>(errors);
            boolean ok = matches(type, node, inherited);
            if (!ok && errors.size() == before.size()) {
                errors.add(node.pointer() + ": does not match " + type);
            }
            return ok;
        }

        private boolean matches(String type, YamlNode node, List<String> inherited) {
            switch (type) {
                case "any":
                    return true;
                case "string":
                    return node instanceof YamlNode.Scalar s && s.value() instanceof String;
                case "boolean":
                    return node instanceof YamlNode.Scalar s && s.value() instanceof Boolean;
                case "null":
                    return node instanceof YamlNode.Scalar s && s.value() == null;
                case "number":
                    return node instanceof YamlNode.Scalar s && s.value() instanceof Number;
                default:
                    break;
            }
            JsonObject def = definitions.getJsonObject(type);
            if (def == null) {
                errors.add("schema: unknown type " + type);
                return false;
            }
            List<String> context = new ArrayList<>(inherited);
            if (def.containsKey("context")) {
                def.getJsonArray("context").forEach(v -> context.add(((jakarta.json.JsonString) v).getString()));
            }
            if (def.containsKey("one-of")) {
                for (JsonValue option : def.getJsonArray("one-of")) {
                    List<String> trial = new ArrayList<>();
                    if (new TemplateSchema(definitions, trial).check(((jakarta.json.JsonString) option).getString(), node, context)
                            && trial.isEmpty()) {
                        return true;
                    }
                }
                errors.add(node.pointer() + ": matches none of " + def.getJsonArray("one-of"));
                return false;
            }
            if (node instanceof YamlNode.Scalar s && s.value() instanceof String text && text.contains("${{")) {
                return expressions(text, context, node.pointer());
            }
            if (def.containsKey("string")) {
                if (!(node instanceof YamlNode.Scalar s) || !(s.value() instanceof String || s.value() instanceof Number
                        || s.value() instanceof Boolean)) {
                    return false;
                }
                JsonObject str = def.getJsonObject("string");
                if (str.getBoolean("require-non-empty", false) && String.valueOf(s.value()).isEmpty()) {
                    errors.add(node.pointer() + ": must not be empty");
                    return false;
                }
                return true;
            }
            if (def.containsKey("boolean")) {
                return node instanceof YamlNode.Scalar s && s.value() instanceof Boolean;
            }
            if (def.containsKey("sequence")) {
                if (!(node instanceof YamlNode.Sequence seq)) {
                    return false;
                }
                String item = def.getJsonObject("sequence").getString("item-type");
                boolean ok = true;
                for (YamlNode n : seq.items()) {
                    ok &= check(item, n, context);
                }
                return ok;
            }
            if (def.containsKey("mapping")) {
                if (!(node instanceof YamlNode.Mapping map)) {
                    return false;
                }
                JsonObject mapping = def.getJsonObject("mapping");
                JsonObject properties = mapping.containsKey("properties") ? mapping.getJsonObject("properties") : Json.createObjectBuilder().build();
                boolean ok = true;
                for (Map.Entry<String, JsonValue> p : properties.entrySet()) {
                    if (p.getValue() instanceof JsonObject spec && spec.getBoolean("required", false)
                            && !map.entries().containsKey(p.getKey())) {
                        errors.add(map.pointer() + ": required key " + p.getKey() + " is missing");
                        ok = false;
                    }
                }
                for (YamlNode.Entry e : map.entries().values()) {
                    JsonValue spec = properties.get(e.key());
                    if (spec != null) {
                        String t = spec instanceof JsonObject o ? o.getString("type") : ((jakarta.json.JsonString) spec).getString();
                        ok &= check(t, e.value(), context);
                    } else if (mapping.containsKey("loose-value-type")) {
                        ok &= check(mapping.getString("loose-value-type"), e.value(), context);
                    } else {
                        errors.add(e.value().pointer() + ": unexpected key " + e.key());
                        ok = false;
                    }
                }
                return ok;
            }
            return false;
        }

        /** Every named value an expression reads must be a context allowed at this place. */
        private boolean expressions(String text, List<String> context, String pointer) {
            if (context.isEmpty()) {
                errors.add(pointer + ": expressions are not allowed here");
                return false;
            }
            Set<String> allowed = new java.util.HashSet<>();
            for (String c : context) {
                allowed.add(c.replaceAll("\\(.*", ""));
            }
            Matcher m = EXPRESSION.matcher(text);
            boolean ok = true;
            while (m.find()) {
                String expr = m.group(1).replaceAll("'[^']*'", "''");
                Matcher n = NAME.matcher(expr);
                while (n.find()) {
                    String name = n.group(1);
                    if (!LITERALS.contains(name) && !allowed.contains(name)) {
                        errors.add(pointer + ": '" + name + "' is not available here (allowed: " + context + ")");
                        ok = false;
                    }
                }
            }
            return ok;
        }
    }
}
