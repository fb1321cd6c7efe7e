package dev.spendgate.engine;

import dev.spendgate.policy.Pack;
import java.util.List;

/**
 * A rule engine behind spendgate: Drools embedded in the JVM, or an OPA server. Implementations
 * are found with {@link java.util.ServiceLoader} and must give identical detections for every case
 * of every pack.
 *
 * <p>Lifecycle: {@link #prepare} once (compile or load rules, check a server), then
 * {@link PreparedPolicies#evaluate} for each run. Implementations are stateless and thread-safe.
 */
public interface PolicyEngine {

    /** The id users pass to {@code --engine}: {@code drools}, {@code opa}. */
    String id();

    /**
     * Readies the rules of {@code packs} for evaluation.
     *
     * @throws EngineException when the rules cannot be loaded or the engine cannot be reached
     */
    PreparedPolicies prepare(List<Pack> packs, EngineSettings settings) throws EngineException;

    /**
     * A hint, given as early as possible in a run that will likely call {@link #prepare} with the
     * shipped pack {@code packId}: an engine may start readying it in the background. Must return
     * at once and never fail; the default does nothing.
     */
    default void warmUp(String packId) {
    }

    /**
     * Checks load-time settings without contacting anything, so that a command line can report a
     * bad value as a usage error before the run starts. The default accepts every setting.
     *
     * @throws IllegalArgumentException naming the setting ({@code opa.readTimeout: ...}) and what is wrong
     */
    default void validate(EngineSettings settings) {
    }

    /**
     * Loads and initialises, on the calling thread and without network, the classes a run of this
     * engine needs: for a launcher's training run that records the classes to archive for a fast
     * start. The default does nothing.
     */
    default void preload() {
    }
}
