package dev.spendgate.git;

import dev.spendgate.gate.ExitCodes;

/**
 * Git could not give what a git-aware run needs. The message is one line a person can act on,
 * with the git command that fixes it where there is one.
 */
public class GitException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final int exitCode;

    GitException(String code, int exitCode, String message) {
        super(message);
        this.code = code;
        this.exitCode = exitCode;
    }

    GitException(String code, int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.exitCode = exitCode;
    }

    /**
     * A stable code: {@code git_no_repository}, {@code git_unknown_revision}, {@code git_no_merge_base}
     * (exit 2: the command line or the CI names something this repository does not have);
     * {@code git_shallow} (exit 4: the history the run needs was not fetched), {@code git_error},
     * {@code policy_repo_unreachable} (exit 4).
     */
    public String code() {
        return code;
    }

    /** The exit code of the contract: {@link ExitCodes#USAGE} or {@link ExitCodes#ENGINE_FAILURE}. */
    public int exitCode() {
        return exitCode;
    }

    static GitException usage(String code, String message) {
        return new GitException(code, ExitCodes.USAGE, message);
    }

    static GitException failure(String code, String message, Throwable cause) {
        return new GitException(code, ExitCodes.ENGINE_FAILURE, message, cause);
    }
}
