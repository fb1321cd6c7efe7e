package dev.spendgate.gate;

/** The exit-code contract shared by the CLI, the GitHub Action and Jenkins. */
public final class ExitCodes {

    /** Every manifest passed (warnings allowed unless {@code --fail-on warn}). */
    public static final int PASS = 0;
    /** At least one blocking finding. */
    public static final int BLOCKED = 1;
    /** Bad command line. */
    public static final int USAGE = 2;
    /** A manifest, policy set, waiver, price catalog or pack does not load. */
    public static final int INVALID_INPUT = 3;
    /** An engine or data source failed; never reported as a pass. */
    public static final int ENGINE_FAILURE = 4;

    private ExitCodes() {
    }
}
