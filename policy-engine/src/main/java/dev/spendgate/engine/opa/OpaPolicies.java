package dev.spendgate.engine.opa;

import dev.spendgate.policy.Detection;
import dev.spendgate.policy.EngineException;
import dev.spendgate.policy.EngineResult;
import dev.spendgate.policy.EvaluationInput;
import dev.spendgate.policy.ManifestInput;
import dev.spendgate.policy.PreparedPolicies;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The selected packs as an OPA server serves them: each evaluation is one {@code POST} of the
 * input document per chunk of {@code opa.batch} manifests (one for most runs), never one per rule
 * or per manifest. Thread-safe; {@link #close()} releases the HTTP client.
 */
final class OpaPolicies implements PreparedPolicies {

    private final OpaClient client;
    private final OpaSettings settings;
    private final String metaRevision;
    private final String where;

    OpaPolicies(OpaClient client, OpaSettings settings, String metaRevision) {
        this.client = client;
        this.settings = settings;
        this.metaRevision = metaRevision;
        this.where = client.where() + " (" + settings.path() + ")";
    }

    @Override
    public EngineResult evaluate(EvaluationInput input) throws EngineException {
        if (settings.dumpInput() != null) {
            dump(input, settings.dumpInput());
        }
        List<ManifestInput> manifests = input.manifests();
        List<Detection> detections = new ArrayList<>();
        List<String> decisionIds = new ArrayList<>();
        Map<String, String> revisions = new TreeMap<>();
        int from = 0;
        do {
            int to = Math.min(manifests.size(), from + settings.batch());
            byte[] body = InputDocument.request(input, from, to);
            DecisionReader.Decision d = DecisionReader.read(client.post(settings.path(), body), where);
            Set<String> names = new HashSet<>();
            for (int i = from; i < to; i++) {
                names.add(manifests.get(i).manifest().name());
            }
            for (Detection det : d.detections()) {
                if (!names.contains(det.manifest())) {
                    throw DecisionReader.invalid(where, det.rule() + " for manifest '" + det.manifest()
                            + "', which is not in the input");
                }
            }
            detections.addAll(d.detections());
            if (d.decisionId() != null) {
                decisionIds.add(d.decisionId());
            }
            revisions.putAll(d.revisions());
            from = to;
        } while (from < manifests.size());
        return new EngineResult(detections, metadata(decisionIds, revisions));
    }

    private Map<String, String> metadata(List<String> decisionIds, Map<String, String> revisions) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!decisionIds.isEmpty()) {
            out.put("decision_id", String.join(",", decisionIds));
        }
        if (revisions.size() == 1) {
            out.put("bundle_revision", revisions.values().iterator().next());
        } else if (!revisions.isEmpty()) {
            List<String> parts = new ArrayList<>();
            revisions.forEach((name, rev) -> parts.add(name + "=" + rev));
            out.put("bundle_revision", String.join(",", parts));
        } else if (metaRevision != null) {
            out.put("bundle_revision", metaRevision);
        }
        return out;
    }

    private static void dump(EvaluationInput input, Path file) throws EngineException {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                InputDocument.write(input, out);
            }
        } catch (IOException | jakarta.json.JsonException e) {
            throw new EngineException("engine_error", "cannot write the OPA input document to " + file + ": "
                    + OpaClient.oneLine(String.valueOf(e.getMessage())), e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
