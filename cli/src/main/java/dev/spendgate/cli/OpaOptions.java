package dev.spendgate.cli;

import dev.spendgate.engine.EngineSettings;
import dev.spendgate.engine.PolicyEngines;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to reach an OPA server ({@code --engine opa}); shared by {@code check} and {@code test}.
 * Secrets never come from the command line: the bearer token and the trust store's password are
 * read from environment variables, and never printed.
 *
 * <p>The options become the OPA engine's documented settings keys; the CLI knows the keys, not the
 * engine's classes, and has the engine check the values through the engine SPI.
 */
final class OpaOptions {

    static final String TOKEN_ENV = "SPENDGATE_OPA_TOKEN";
    static final String TRUST_STORE_PASSWORD_ENV = "SPENDGATE_OPA_TRUST_STORE_PASSWORD";

    /** The id of the OPA engine, and the settings keys it reads (see the OPA engine's Javadoc). */
    static final String ENGINE = "opa";
    static final String URL = "opa.url";
    static final String PATH = "opa.path";
    static final String TOKEN = "opa.token";
    static final String TRUST_STORE = "opa.trustStore";
    static final String TRUST_STORE_PASSWORD = "opa.trustStorePassword";
    static final String CONNECT_TIMEOUT = "opa.connectTimeout";
    static final String READ_TIMEOUT = "opa.readTimeout";
    static final String RETRIES = "opa.retries";
    static final String BATCH = "opa.batch";
    static final String DUMP_INPUT = "opa.dumpInput";
    static final String VERIFY_POLICIES = "opa.verifyPolicies";

    /** Flag of each engine setting, to name it in messages. */
    private static final Map<String, String> FLAGS = Map.of(
            URL, "--opa-url",
            PATH, "--opa-path",
            TRUST_STORE, "--opa-trust-store",
            CONNECT_TIMEOUT, "--opa-connect-timeout",
            READ_TIMEOUT, "--opa-read-timeout",
            RETRIES, "--opa-retries",
            BATCH, "--opa-batch",
            VERIFY_POLICIES, "--opa-skip-policy-verification",
            TOKEN, "the token in $" + TOKEN_ENV);

    @Option(names = "--opa-url", paramLabel = "URL",
            description = "OPA server for --engine opa (default: http://127.0.0.1:8181).")
    String url;

    @Option(names = "--opa-path", paramLabel = "PATH",
            description = "Decision path on the OPA server (default: spendgate/decision).")
    String path;

    @Option(names = "--opa-token-env", paramLabel = "NAME",
            description = "Environment variable that holds OPA's bearer token (default: " + TOKEN_ENV
                    + ", sent when set). The token is never taken from the command line.")
    String tokenEnv;

    @Option(names = "--opa-trust-store", paramLabel = "FILE",
            description = "Trust store for an https OPA URL: PKCS#12 or JKS (password in $" + TRUST_STORE_PASSWORD_ENV
                    + "), or PEM CA certificates.")
    Path trustStore;

    @Option(names = "--opa-connect-timeout", paramLabel = "DURATION",
            description = "Time to connect to OPA, e.g. 500ms, 2s (default: 2s).")
    String connectTimeout;

    @Option(names = "--opa-read-timeout", paramLabel = "DURATION",
            description = "Time OPA may take to answer, e.g. 30s, 1m (default: 30s).")
    String readTimeout;

    @Option(names = "--opa-retries", paramLabel = "N",
            description = "Retries of connection errors and 5xx answers, with backoff (default: 2).")
    String retries;

    @Option(names = "--opa-batch", paramLabel = "N",
            description = "Manifests per request to OPA (default: 5000).")
    String batch;

    @Option(names = "--opa-skip-policy-verification",
            description = "Do not check the modules the OPA server has (GET /v1/policies) against the selected packs' Rego, "
                    + "for servers that forbid reading their policies; the report then says they were not verified.")
    boolean skipPolicyVerification;

    /**
     * The engine settings for {@code engine}; {@code extra} are more settings the command adds, and
     * secrets are read from {@code env}.
     *
     * @throws UsageException when OPA options are given for another engine, or a value is wrong
     */
    EngineSettings settings(String engine, Map<String, String> extra, Map<String, String> env) throws UsageException {
        Map<String, String> options = new LinkedHashMap<>();
        put(options, URL, url);
        put(options, PATH, path);
        put(options, TRUST_STORE, trustStore == null ? null : trustStore.toString());
        put(options, CONNECT_TIMEOUT, connectTimeout);
        put(options, READ_TIMEOUT, readTimeout);
        put(options, RETRIES, retries);
        put(options, BATCH, batch);
        put(options, VERIFY_POLICIES, skipPolicyVerification ? "false" : null);
        options.putAll(extra);
        boolean tokenEnvGiven = tokenEnv != null && !tokenEnv.isBlank();
        if (!ENGINE.equals(engine)) {
            if (!options.isEmpty() || tokenEnvGiven) {
                String first = tokenEnvGiven && options.isEmpty() ? "--opa-token-env"
                        : FLAGS.getOrDefault(options.keySet().iterator().next(), "--dump-input");
                throw new UsageException(first + " is an option of --engine opa, not of --engine " + engine);
            }
            return new EngineSettings(Map.of());
        }
        String tokenVariable = tokenEnvGiven ? tokenEnv.strip() : TOKEN_ENV;
        String token = env.get(tokenVariable);
        if (tokenEnvGiven && (token == null || token.isBlank())) {
            throw new UsageException("--opa-token-env: the environment variable " + tokenVariable + " is not set");
        }
        put(options, TOKEN, token == null || token.isBlank() ? null : token.strip());
        put(options, TRUST_STORE_PASSWORD, env.get(TRUST_STORE_PASSWORD_ENV));
        EngineSettings settings = new EngineSettings(options);
        try {
            PolicyEngines.find(engine).ifPresent(e -> e.validate(settings));
        } catch (IllegalArgumentException e) {
            throw new UsageException(flagged(e.getMessage()));
        }
        return settings;
    }

    /** Blank counts as not given (a CI input left empty). */
    private static void put(Map<String, String> options, String key, String value) {
        if (value != null && !value.isBlank()) {
            options.put(key, value);
        }
    }

    /** {@code opa.readTimeout: ...} as {@code --opa-read-timeout: ...}. */
    private static String flagged(String message) {
        for (Map.Entry<String, String> e : FLAGS.entrySet()) {
            if (message.startsWith(e.getKey() + ":")) {
                return e.getValue() + message.substring(e.getKey().length());
            }
        }
        return message;
    }
}
