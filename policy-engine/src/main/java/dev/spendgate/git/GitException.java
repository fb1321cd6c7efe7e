package dev.spendgate.git;

import dev.spendgate.error.SpendgateException;

/**
 * Git could not give what a git-aware run needs. The message is one line a person can act on,
 * with the git command that fixes it where there is one. Codes: {@code git_no_repository},
 * {@code git_outside_repository}, {@code git_unknown_revision}, {@code git_no_merge_base},
 * {@code policy_repo_unknown_ref} (the command line or the CI names something that is not there);
 * {@code git_shallow} (the history the run needs was not fetched), {@code git_error},
 * {@code policy_repo_unreachable}.
 */
public class GitException extends SpendgateException {

    private static final long serialVersionUID = 1L;

    GitException(String code, String message) {
        super(code, message);
    }

    GitException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }

    /** The command line or the CI names something this repository does not have. */
    static GitException usage(String code, String message) {
        return new GitException(code, message);
    }

    /** Git failed, or the history the run needs is missing. */
    static GitException failure(String code, String message, Throwable cause) {
        return new GitException(code, message, cause);
    }
}
