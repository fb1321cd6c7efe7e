package dev.spendgate.error;

import dev.spendgate.input.SourceLocation;

import java.util.Objects;
import java.util.Optional;

/**
 * The root of every failure a run can end in: a stable string code ({@code input_invalid},
 * {@code engine_unreachable}, {@code git_shallow}, ...) and, where the failure is about a place in
 * a file, that place. The exit code is not the exception's to know: {@link ExitCodes#of(String)}
 * maps codes to exit codes, once, for the CLI, the GitHub Action and Jenkins.
 *
 * <p>The message is one line a person can act on and never carries a secret.
 */
public class SpendgateException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final transient SourceLocation location;

    public SpendgateException(String code, String message) {
        this(code, message, null, null);
    }

    public SpendgateException(String code, String message, Throwable cause) {
        this(code, message, null, cause);
    }

    /**
     * @param location where the failure stands in a file, or null when it is about no file
     * @param cause    what the failure was found from, or null
     */
    public SpendgateException(String code, String message, SourceLocation location, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code == null");
        this.location = location;
    }

    /** The stable code, the same in every release; {@link ExitCodes#of(String)} gives its exit code. */
    public final String code() {
        return code;
    }

    /** Where in a file the failure stands, when it is about one. */
    public final Optional<SourceLocation> location() {
        return Optional.ofNullable(location);
    }

    /** The exit code of the contract for this failure. */
    public final int exitCode() {
        return ExitCodes.of(code);
    }
}
