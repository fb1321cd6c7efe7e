package dev.spendgate.engine.opa;

import dev.spendgate.engine.EngineException;
import dev.spendgate.policy.Pack;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks that an OPA server serves exactly the selected packs at their versions, from
 * {@code data.spendgate.meta} as {@link BundleWriter} writes it:
 * {@code {"packs": {"<id>": {"version": "<version>"}}, "revision": "<revision>"}}. The decision
 * gathers every served pack's detections, so a pack too many is as wrong as one too few.
 */
final class ServedPacks {

    private ServedPacks() {
    }

    /**
     * @param answer the server's answer to {@code GET /v1/data/spendgate/meta}
     * @return the bundle revision recorded in the metadata, or null
     * @throws EngineException {@code engine_policy_mismatch} naming what differs
     */
    static String check(JsonObject answer, List<Pack> packs, String where) throws EngineException {
        JsonValue result = answer.get("result");
        if (!(result instanceof JsonObject meta) || !(meta.get("packs") instanceof JsonObject served)) {
            throw new EngineException("engine_policy_mismatch", where + " serves no spendgate packs (data."
                    + OpaEngine.META_PATH.replace('/', '.') + ".packs is undefined): load the bundle of `spendgate packs bundle`");
        }
        Map<String, String> versions = new TreeMap<>();
        for (Map.Entry<String, JsonValue> e : served.entrySet()) {
            String version = e.getValue() instanceof JsonObject p && p.get("version") instanceof JsonString v ? v.getString() : "?";
            versions.put(e.getKey(), version);
        }
        List<String> problems = new ArrayList<>();
        for (Pack pack : packs) {
            String version = versions.get(pack.id());
            if (version == null) {
                problems.add("pack " + pack.id() + " " + pack.version() + " is not served");
            } else if (!version.equals(pack.version())) {
                problems.add("pack " + pack.id() + " is served at version " + version + ", not " + pack.version());
            }
        }
        List<String> selected = packs.stream().map(Pack::id).toList();
        for (String id : versions.keySet()) {
            if (!selected.contains(id)) {
                problems.add("pack " + id + " " + versions.get(id) + " is served but not selected by the policy set");
            }
        }
        if (!problems.isEmpty()) {
            throw new EngineException("engine_policy_mismatch", where + " does not serve the selected packs: "
                    + String.join("; ", problems) + " (rebuild the bundle with `spendgate packs bundle` for this policy set)");
        }
        return meta.get("revision") instanceof JsonString r && !r.getString().isEmpty() ? r.getString() : null;
    }
}
