package dev.spendgate.policy;

/**
 * An engine could not give a decision: the gate must not pass (exit code 4). The message is one
 * line a person can act on.
 */
public class EngineException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String code;

    public EngineException(String code, String message) {
        super(message);
        this.code = code;
    }

    public EngineException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** A stable code such as {@code engine_unreachable}, {@code engine_undefined}, {@code pack_invalid}. */
    public String code() {
        return code;
    }
}
