package dev.spendgate.engine.opa;

import dev.spendgate.engine.Detection;
import dev.spendgate.engine.EngineException;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads an answer of OPA's Data API ({@code {"result": ..., "decision_id": ..., "provenance": ...}})
 * into detections. Anything but a {@code result} of the contract's shape is an engine failure:
 * an undefined decision is never a pass.
 */
final class DecisionReader {

    /** The detections of one answer, with OPA's decision id and bundle revisions when it gave them. */
    /** @param evaluated the names of the manifests the decision says it evaluated; null when it does not say */
    record Decision(List<Detection> detections, String decisionId, Map<String, String> revisions, List<String> evaluated) {
    }

    private DecisionReader() {
    }

    /**
     * @param where how the request is named in messages ({@code OPA at http://... (spendgate/decision)})
     */
    static Decision read(JsonObject answer, String where) throws EngineException {
        String decisionId = answer.get("decision_id") instanceof JsonString s ? s.getString() : null;
        JsonValue result = answer.get("result");
        if (result == null) {
            throw new EngineException("engine_undefined", where + " answered no result: the decision is undefined"
                    + " (is the spendgate bundle loaded, and is the decision path right?)");
        }
        if (!(result instanceof JsonObject decision)) {
            throw invalid(where, "the result is " + kind(result) + ", not an object with detections");
        }
        JsonValue list = decision.get("detections");
        if (list == null) {
            throw invalid(where, "the result has no detections (keys: " + String.join(", ", decision.keySet()) + ")");
        }
        if (!(list instanceof JsonArray array)) {
            throw invalid(where, "detections is " + kind(list) + ", not an array");
        }
        List<Detection> detections = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            detections.add(detection(array.get(i), i, where));
        }
        List<String> evaluated = null;
        JsonValue ack = decision.get("evaluated");
        if (ack != null) {
            if (!(ack instanceof JsonArray names)) {
                throw invalid(where, "evaluated is " + kind(ack) + ", not an array of manifest names");
            }
            evaluated = new ArrayList<>(names.size());
            for (int i = 0; i < names.size(); i++) {
                if (!(names.get(i) instanceof JsonString n)) {
                    throw invalid(where, "evaluated[" + i + "] is " + kind(names.get(i)) + ", not a manifest name");
                }
                evaluated.add(n.getString());
            }
        }
        return new Decision(detections, decisionId, revisions(answer.get("provenance")), evaluated);
    }

    private static Detection detection(JsonValue value, int i, String where) throws EngineException {
        if (!(value instanceof JsonObject d)) {
            throw invalid(where, "detections[" + i + "] is " + kind(value) + ", not an object");
        }
        String rule = string(d, "rule", i, where);
        String manifest = string(d, "manifest", i, where);
        String path = string(d, "path", i, where);
        JsonValue ev = d.get("evidence");
        Map<String, Object> evidence = new LinkedHashMap<>();
        if (ev != null && !(ev instanceof JsonObject)) {
            throw invalid(where, "detections[" + i + "].evidence (" + rule + ") is " + kind(ev) + ", not an object");
        }
        if (ev != null) {
            for (Map.Entry<String, JsonValue> e : ((JsonObject) ev).entrySet()) {
                evidence.put(e.getKey(), evidenceValue(e.getValue(), rule, e.getKey(), where));
            }
        }
        return new Detection(rule, manifest, path, evidence);
    }

    private static String string(JsonObject d, String key, int i, String where) throws EngineException {
        JsonValue v = d.get(key);
        if (!(v instanceof JsonString s)) {
            throw invalid(where, "detections[" + i + "]." + key + " is " + (v == null ? "missing" : kind(v))
                    + ", not a string");
        }
        return s.getString();
    }

    /** Strings, numbers, booleans and lists of them; null is "" as absent values are in the contract. */
    private static Object evidenceValue(JsonValue v, String rule, String key, String where) throws EngineException {
        switch (v.getValueType()) {
            case STRING:
                return ((JsonString) v).getString();
            case NUMBER:
                BigDecimal number;
                try {
                    number = ((JsonNumber) v).bigDecimalValue();
                } catch (NumberFormatException | ArithmeticException e) {
                    throw invalid(where, rule + " evidence " + key + " is a number out of range");
                }
                if (number.precision() - number.scale() > 30 || number.scale() > 30) {
                    // its plain digits would take the report hours to write
                    throw invalid(where, rule + " evidence " + key + " is a number out of range");
                }
                return number;
            case TRUE:
                return Boolean.TRUE;
            case FALSE:
                return Boolean.FALSE;
            case NULL:
                return "";
            case ARRAY:
                List<Object> list = new ArrayList<>();
                for (JsonValue item : (JsonArray) v) {
                    if (item.getValueType() == JsonValue.ValueType.ARRAY || item.getValueType() == JsonValue.ValueType.OBJECT) {
                        throw invalid(where, rule + " evidence " + key + " holds " + kind(item) + "; lists hold plain values only");
                    }
                    list.add(evidenceValue(item, rule, key, where));
                }
                return list;
            default:
                throw invalid(where, rule + " evidence " + key + " is an object; evidence values are strings, numbers, booleans or lists");
        }
    }

    /** Bundle name to revision, from {@code provenance.bundles}; empty when OPA gave none. */
    private static Map<String, String> revisions(JsonValue provenance) {
        Map<String, String> out = new TreeMap<>();
        if (provenance instanceof JsonObject p && p.get("bundles") instanceof JsonObject bundles) {
            for (Map.Entry<String, JsonValue> e : bundles.entrySet()) {
                if (e.getValue() instanceof JsonObject b && b.get("revision") instanceof JsonString r && !r.getString().isEmpty()) {
                    out.put(e.getKey(), r.getString());
                }
            }
        }
        return out;
    }

    static EngineException invalid(String where, String what) {
        return new EngineException("engine_invalid_result", where + " answered a decision of another shape: " + what);
    }

    static String kind(JsonValue v) {
        return switch (v.getValueType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case TRUE, FALSE -> "a boolean";
            case NULL -> "null";
        };
    }

    /** For callers that parse: a parse failure is an answer of another shape too. */
    static EngineException malformed(String where, JsonException e) {
        return new EngineException("engine_invalid_result", where + " answered malformed JSON: " + OpaClient.oneLine(e.getMessage()), e);
    }
}
