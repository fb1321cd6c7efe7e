package dev.spendgate.engine;

import dev.spendgate.error.SpendgateException;

/**
 * An engine could not give a decision: the gate must not pass. The message is one line a person
 * can act on. Codes: {@code engine_unknown}, {@code engine_unreachable}, {@code engine_undefined},
 * {@code engine_invalid_result}, {@code engine_policy_mismatch}, {@code engine_settings},
 * {@code pack_invalid} (a pack whose rules do not compile: input that does not load) and others.
 */
public class EngineException extends SpendgateException {

    private static final long serialVersionUID = 1L;

    public EngineException(String code, String message) {
        super(code, message);
    }

    public EngineException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
