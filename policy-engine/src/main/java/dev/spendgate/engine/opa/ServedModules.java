package dev.spendgate.engine.opa;

import dev.spendgate.engine.EngineException;
import dev.spendgate.policy.Pack;
import dev.spendgate.policy.bundle.BundleWriter;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that an OPA server serves the selected packs' content, not only their names: the SHA-256
 * of each module it has ({@code GET /v1/policies}) against the modules of the bundle that
 * {@link BundleWriter} writes for those packs (each pack's Rego and {@code spendgate/decision.rego}).
 * A module missing, changed, or one too many in a {@code spendgate} package is a mismatch; so is a
 * bundle revision of {@code packs bundle}'s default form that is not the one of these packs.
 */
final class ServedModules {

    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+(\\S+)");
    /** The revision {@code packs bundle} writes when none is named: the packs, then a content hash. */
    private static final Pattern DEFAULT_REVISION = Pattern.compile(".+@.+-[0-9a-f]{12}");

    private ServedModules() {
    }

    /**
     * @param answer   the server's answer to {@code GET /v1/policies}
     * @param revision the bundle revision the server's metadata names, or null
     * @throws EngineException {@code engine_policy_mismatch} naming the first module that differs
     */
    static void check(JsonObject answer, List<Pack> packs, String revision, String where) throws EngineException {
        if (!(answer.get("result") instanceof JsonArray modules)) {
            throw new EngineException("engine_invalid_result", where + " answered GET /v1/policies without a list of modules");
        }
        Map<String, String> expected = new TreeMap<>();
        BundleWriter.modules(packs).forEach((path, bytes) -> expected.put(path, sha256(bytes)));
        Map<String, String> served = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (JsonValue v : modules) {
            if (!(v instanceof JsonObject m) || !(m.get("id") instanceof JsonString id) || !(m.get("raw") instanceof JsonString raw)) {
                throw new EngineException("engine_invalid_result", where + " answered GET /v1/policies with a module "
                        + "without id or raw text");
            }
            String path = expectedPath(id.getString(), expected);
            if (path != null) {
                served.put(path, sha256(raw.getString().getBytes(StandardCharsets.UTF_8)));
                continue;
            }
            Matcher pkg = PACKAGE.matcher(raw.getString());
            String name = pkg.find() ? pkg.group(1) : "";
            if (name.equals("spendgate") || name.startsWith("spendgate.") || name.startsWith("spendgate[")) {
                problems.add("module " + id.getString() + " (package " + name + ") is not in the selected packs");
            }
        }
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String got = served.get(e.getKey());
            if (got == null) {
                problems.add("module " + e.getKey() + " is not served");
            } else if (!got.equals(e.getValue())) {
                problems.add("module " + e.getKey() + " is served with other content (sha256 " + got.substring(0, 12)
                        + ", the selected packs have " + e.getValue().substring(0, 12) + ")");
            }
        }
        if (revision != null && DEFAULT_REVISION.matcher(revision).matches()) {
            String mine = BundleWriter.defaultRevision(packs);
            if (!mine.equals(revision)) {
                problems.add("the bundle revision is " + revision + ", the selected packs' is " + mine);
            }
        }
        if (!problems.isEmpty()) {
            throw new EngineException("engine_policy_mismatch", where + " does not serve the selected packs' content: "
                    + String.join("; ", problems) + " (rebuild the bundle with `spendgate packs bundle` for this policy set)");
        }
    }

    /** The bundle path of a served module id ({@code <bundle>/spendgate/decision.rego}), or null. */
    private static String expectedPath(String id, Map<String, String> expected) {
        String trimmed = id.startsWith("/") ? id.substring(1) : id;
        for (String path : expected.keySet()) {
            if (trimmed.equals(path) || trimmed.endsWith("/" + path)) {
                return path;
            }
        }
        return null;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
