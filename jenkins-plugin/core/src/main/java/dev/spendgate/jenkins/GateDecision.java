package dev.spendgate.jenkins;

import dev.spendgate.error.ExitCodes;

/**
 * What a gate run means for the build: its result, and the sentence to log (and to fail with).
 *
 * @param exitCode the CLI's exit code
 * @param result the build result the exit code leads to
 * @param message one line saying why, for the log and for the error that stops a failed build
 */
public record GateDecision(int exitCode, BuildResult result, String message) {

    public GateDecision {
        if (result == null || message == null) {
            throw new NullPointerException("result == null || message == null");
        }
    }

    /**
     * Maps the exit-code contract: 0 passes; 1 (blocked) fails, or marks the build unstable when
     * {@code unstableOnBlock}; 2, 3, 4 and anything else fail, with the cause.
     */
    public static GateDecision of(int exitCode, boolean unstableOnBlock) {
        return switch (exitCode) {
            case ExitCodes.PASS -> new GateDecision(exitCode, BuildResult.SUCCESS, "spendgate: pass");
            case ExitCodes.BLOCKED -> new GateDecision(exitCode,
                    unstableOnBlock ? BuildResult.UNSTABLE : BuildResult.FAILURE,
                    "spendgate: blocked: at least one blocking finding (exit 1)"
                            + (unstableOnBlock ? "; build marked unstable (unstableOnBlock)" : ""));
            case ExitCodes.USAGE -> new GateDecision(exitCode, BuildResult.FAILURE,
                    "spendgate: usage error (exit 2): the command line was refused; see the message above");
            case ExitCodes.INVALID_INPUT -> new GateDecision(exitCode, BuildResult.FAILURE,
                    "spendgate: invalid input (exit 3): a manifest, policy set, waiver, price catalog or pack "
                            + "does not load; the problems are listed above with file:line:column");
            case ExitCodes.ENGINE_FAILURE -> new GateDecision(exitCode, BuildResult.FAILURE,
                    "spendgate: engine or data-source failure (exit 4); nothing was passed, see the message above");
            default -> new GateDecision(exitCode, BuildResult.FAILURE,
                    "spendgate: unexpected exit code " + exitCode
                            + ": is 'java' a JDK 17 or newer and the jar a spendgate jar? See the log above");
        };
    }

    /** Whether the CLI wrote its reports: it does for a pass and for a block, never for 2, 3 or 4. */
    public boolean hasReport() {
        return exitCode == ExitCodes.PASS || exitCode == ExitCodes.BLOCKED;
    }
}
