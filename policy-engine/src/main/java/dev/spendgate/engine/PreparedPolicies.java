package dev.spendgate.engine;

/**
 * Rules ready to evaluate. Evaluation never throws for a policy outcome: a rule that fires is a
 * {@link Detection}. It throws only when no trustworthy decision could be had.
 */
public interface PreparedPolicies extends AutoCloseable {

    /**
     * Evaluates every rule of the prepared packs against every manifest of {@code input}.
     *
     * @return detections in any order (the gate sorts them)
     * @throws EngineException when the engine fails or answers nothing; never a silent pass
     */
    EngineResult evaluate(EvaluationInput input) throws EngineException;

    @Override
    default void close() {
    }
}
