package dev.spendgate.engine.opa;

import dev.spendgate.engine.EngineException;
import dev.spendgate.engine.EngineSettings;
import dev.spendgate.engine.PolicyEngine;
import dev.spendgate.engine.PreparedPolicies;
import dev.spendgate.policy.Pack;

import java.util.List;

/**
 * The Open Policy Agent engine ({@code --engine opa}): the packs' Rego runs in an OPA server
 * (0.60+ or 1.x) that serves the bundle of {@link BundleWriter}, reached over its REST API.
 *
 * <p>{@link #prepare} checks the server ({@code GET /health?bundles}), that it serves exactly the
 * selected packs at their versions ({@code data.spendgate.meta}), that the modules it has are
 * those packs' Rego and the decision module byte for byte ({@code GET /v1/policies}, unless
 * opted out) and that the decision path is defined; each evaluation then posts the input document of {@code docs/opa-input.md} once (or
 * once per {@value OpaSettings#DEFAULT_BATCH} manifests). Nothing that fails is a pass: an
 * unreachable, slow, erroring or undefined server is an {@link EngineException}.
 *
 * <p>Settings ({@link EngineSettings} keys, all optional):
 * <ul>
 *   <li>{@value #URL}: the server, default {@value OpaSettings#DEFAULT_URL}</li>
 *   <li>{@value #PATH}: the decision path, default {@value OpaSettings#DEFAULT_PATH}</li>
 *   <li>{@value #TOKEN}: a bearer token (never logged)</li>
 *   <li>{@value #TRUST_STORE}, {@value #TRUST_STORE_PASSWORD}: a PKCS#12 or JKS trust store, or a
 *       PEM file of CA certificates, for https URLs</li>
 *   <li>{@value #CONNECT_TIMEOUT} (default 2s), {@value #READ_TIMEOUT} (default 30s): {@code 500ms}, {@code 2s}, {@code 1m}</li>
 *   <li>{@value #RETRIES} (default 2) and {@value #RETRY_BACKOFF} (default 250ms, doubled each
 *       time): retries of connection errors and 5xx answers</li>
 *   <li>{@value #BATCH}: manifests per request, default 5000</li>
 *   <li>{@value #DUMP_INPUT}: a file to write each evaluation's whole input document to</li>
 *   <li>{@value #VERIFY_POLICIES} (default true): check the served modules against the packs' Rego</li>
 * </ul>
 *
 * <p>Stateless and thread-safe. The HTTP client's classes load only when {@link #prepare} runs.
 */
public final class OpaEngine implements PolicyEngine {

    public static final String ID = "opa";

    public static final String URL = "opa.url";
    public static final String PATH = "opa.path";
    public static final String TOKEN = "opa.token";
    public static final String TRUST_STORE = "opa.trustStore";
    public static final String TRUST_STORE_PASSWORD = "opa.trustStorePassword";
    public static final String CONNECT_TIMEOUT = "opa.connectTimeout";
    public static final String READ_TIMEOUT = "opa.readTimeout";
    public static final String RETRIES = "opa.retries";
    public static final String RETRY_BACKOFF = "opa.retryBackoff";
    public static final String BATCH = "opa.batch";
    public static final String DUMP_INPUT = "opa.dumpInput";
    /**
     * {@code true} (the default): check that the modules the server has are the selected packs'
     * Rego and the decision module, byte for byte ({@code GET /v1/policies}); {@code false} opts
     * out, for servers that forbid reading their policies, and the report says so.
     */
    public static final String VERIFY_POLICIES = "opa.verifyPolicies";
    /** The report's engine metadata key that says the served modules were not verified. */
    public static final String UNVERIFIED = "policies_unverified";

    /** Where a bundle of {@link BundleWriter} records its packs: {@code data.spendgate.meta}. */
    static final String META_PATH = "spendgate/meta";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public PreparedPolicies prepare(List<Pack> packs, EngineSettings settings) throws EngineException {
        OpaSettings s;
        try {
            s = OpaSettings.of(settings);
        } catch (IllegalArgumentException e) {
            throw new EngineException("engine_settings", e.getMessage(), e);
        }
        OpaClient client = OpaClient.open(s);
        try {
            client.health();
            String revision = ServedPacks.check(client.get(META_PATH), packs, client.where());
            if (s.verifyPolicies()) {
                ServedModules.check(client.policies(), packs, revision, client.where());
            }
            // the decision evaluated without input: defined, and of the contract's shape
            DecisionReader.read(client.get(s.path()), client.where() + " (" + s.path() + ")");
            return new OpaPolicies(client, s, revision);
        } catch (EngineException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** Readies the HTTP client's classes on a daemon thread while the caller reads its input. */
    @Override
    public void warmUp(String packId) {
        OpaClient.preload();
    }

    /** Loads and initialises the HTTP client's classes, so that {@code --engine opa} starts fast too. */
    @Override
    public void preload() {
        OpaClient.initialise();
    }

    @Override
    public void validate(EngineSettings settings) {
        OpaSettings.of(settings);
    }
}
