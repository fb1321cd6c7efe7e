package dev.spendgate.engine.opa;

import dev.spendgate.engine.Detection;
import dev.spendgate.engine.EngineException;
import dev.spendgate.engine.EngineResult;
import dev.spendgate.engine.EvaluationInput;
import dev.spendgate.engine.PreparedPolicies;

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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The selected packs as an OPA server serves them: each evaluation is one {@code POST} of the
 * input document per chunk of {@code opa.batch} manifests (one for most runs), never one per rule
 * or per manifest; the chunks of a large run are sent a few at a time. Thread-safe;
 * {@link #close()} releases the HTTP client.
 */
final class OpaPolicies implements PreparedPolicies {

    /** Requests of one evaluation in flight at once. */
    static final int MAX_IN_FLIGHT = 4;

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
        int n = input.manifests().size();
        List<int[]> chunks = new ArrayList<>();
        for (int from = 0; from < n || chunks.isEmpty(); from += settings.batch()) {
            chunks.add(new int[] {from, Math.min(n, from + settings.batch())});
        }
        List<DecisionReader.Decision> decisions = new ArrayList<>(chunks.size());
        if (chunks.size() == 1) {
            decisions.add(decide(input, 0, n));
        } else {
            decisions.addAll(decideConcurrently(input, chunks));
        }
        List<Detection> detections = new ArrayList<>();
        List<String> decisionIds = new ArrayList<>();
        Map<String, String> revisions = new TreeMap<>();
        for (DecisionReader.Decision d : decisions) {
            detections.addAll(d.detections());
            if (d.decisionId() != null) {
                decisionIds.add(d.decisionId());
            }
            revisions.putAll(d.revisions());
        }
        return new EngineResult(detections, metadata(decisionIds, revisions));
    }

    /** One request: the manifests {@code from} (inclusive) to {@code to} (exclusive). */
    private DecisionReader.Decision decide(EvaluationInput input, int from, int to) throws EngineException {
        byte[] body = InputDocument.request(input, from, to);
        DecisionReader.Decision d = DecisionReader.read(client.post(settings.path(), body), where);
        Set<String> names = new HashSet<>();
        for (int i = from; i < to; i++) {
            names.add(input.manifests().get(i).manifest().name());
        }
        for (Detection det : d.detections()) {
            if (!names.contains(det.manifest())) {
                throw DecisionReader.invalid(where, det.rule() + " for manifest '" + det.manifest()
                        + "', which is not in the input");
            }
        }
        acknowledged(d, names);
        return d;
    }

    /**
     * The decision must say it evaluated every manifest it was sent ({@code evaluated}, the names
     * of the input's manifests): one that drops manifests would pass them unjudged.
     */
    private void acknowledged(DecisionReader.Decision d, Set<String> sent) throws EngineException {
        if (d.evaluated() == null) {
            throw new EngineException("engine_policy_mismatch", where + " answered a decision that does not list the "
                    + "manifests it evaluated (no evaluated): serve a bundle written by this spendgate's `packs bundle`");
        }
        Set<String> missing = new java.util.TreeSet<>(sent);
        missing.removeAll(d.evaluated());
        if (!missing.isEmpty()) {
            throw new EngineException("engine_invalid_result", where + " evaluated " + (sent.size() - missing.size())
                    + " of the " + sent.size() + " manifests it was sent: it dropped '" + missing.iterator().next() + "'"
                    + (missing.size() > 1 ? " and " + (missing.size() - 1) + " more" : ""));
        }
    }

    /**
     * The chunks' requests, up to {@value #MAX_IN_FLIGHT} at a time: OPA evaluates each request on
     * one core, so a server with more cores answers a large run sooner. Results keep chunk order;
     * the first chunk that fails fails the evaluation.
     */
    private List<DecisionReader.Decision> decideConcurrently(EvaluationInput input, List<int[]> chunks)
            throws EngineException {
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(chunks.size(), MAX_IN_FLIGHT), r -> {
            Thread t = new Thread(r, "spendgate-opa-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<DecisionReader.Decision>> futures = new ArrayList<>();
            for (int[] c : chunks) {
                futures.add(pool.submit(() -> decide(input, c[0], c[1])));
            }
            List<DecisionReader.Decision> out = new ArrayList<>(chunks.size());
            for (Future<DecisionReader.Decision> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof EngineException engine) {
                        throw engine;
                    }
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw new EngineException("engine_error", "a request to " + where + " failed: " + e.getCause(), e.getCause());
                }
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("engine_error", "interrupted while waiting for " + where, e);
        } finally {
            pool.shutdownNow();
        }
    }

    private Map<String, String> metadata(List<String> decisionIds, Map<String, String> revisions) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!settings.verifyPolicies()) {
            out.put(OpaEngine.UNVERIFIED, "the modules the server has were not checked against the selected packs "
                    + "(--opa-skip-policy-verification)");
        }
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
