package dev.spendgate.error;

import java.util.Map;

/**
 * The exit-code contract shared by the CLI, the GitHub Action and Jenkins, and the one table that
 * maps the code of a failure ({@link SpendgateException#code()}) to its exit code.
 */
public final class ExitCodes {

    /** Every manifest passed (warnings allowed unless {@code --fail-on warn}). */
    public static final int PASS = 0;
    /** At least one blocking finding. */
    public static final int BLOCKED = 1;
    /** Bad command line, or a command line (or CI) that names something this repository does not have. */
    public static final int USAGE = 2;
    /** A manifest, policy set, waiver, price catalog or pack does not load. */
    public static final int INVALID_INPUT = 3;
    /** An engine or data source failed; never reported as a pass. */
    public static final int ENGINE_FAILURE = 4;

    /**
     * The codes that are not engine or data-source failures. Every other code, including one this
     * table has never seen, is {@link #ENGINE_FAILURE}: an unknown failure never lets a run pass.
     */
    private static final Map<String, Integer> TABLE = Map.ofEntries(
            Map.entry("usage", USAGE),
            Map.entry("spend_date_format_invalid", USAGE),
            Map.entry("git_no_repository", USAGE),
            Map.entry("git_outside_repository", USAGE),
            Map.entry("git_path_leaves_repository", USAGE),
            Map.entry("git_link_outside_repository", INVALID_INPUT),
            Map.entry("git_unknown_revision", USAGE),
            Map.entry("git_no_merge_base", USAGE),
            Map.entry("policy_repo_unknown_ref", USAGE),
            Map.entry(InvalidInputException.CODE, INVALID_INPUT),
            Map.entry("pack_invalid", INVALID_INPUT));

    private ExitCodes() {
    }

    /** The exit code of a failure with {@code code}. */
    public static int of(String code) {
        return TABLE.getOrDefault(code, ENGINE_FAILURE);
    }

    /** The exit code of {@code failure}: by its code when it has one, else {@link #ENGINE_FAILURE}. */
    public static int of(Throwable failure) {
        return failure instanceof SpendgateException e ? of(e.code()) : ENGINE_FAILURE;
    }
}
