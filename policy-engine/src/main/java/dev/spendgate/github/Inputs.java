package dev.spendgate.github;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Action inputs as the runner passes them and the toolkit reads them: input {@code fail-on} is the
 * environment variable {@code INPUT_FAIL-ON} (spaces become underscores, then upper case; hyphens
 * stay), trimmed; booleans are strictly the YAML 1.2 core-schema spellings.
 */
public final class Inputs {

    private static final Set<String> TRUE = Set.of("true", "True", "TRUE");
    private static final Set<String> FALSE = Set.of("false", "False", "FALSE");

    private final Map<String, String> env;

    public Inputs(Map<String, String> env) {
        this.env = Objects.requireNonNull(env, "env == null");
    }

    /** The environment variable that carries input {@code name}. */
    public static String variable(String name) {
        return "INPUT_" + name.replace(' ', '_').toUpperCase(Locale.ROOT);
    }

    /** The trimmed value of input {@code name}; empty when unset or blank. */
    public Optional<String> get(String name) {
        String v = env.get(variable(name));
        if (v == null || v.strip().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(v.strip());
    }

    /**
     * A boolean input: {@code true|True|TRUE|false|False|FALSE}, nothing else.
     *
     * @throws IllegalArgumentException for any other value, with the toolkit's wording
     */
    public Optional<Boolean> bool(String name) {
        Optional<String> v = get(name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (TRUE.contains(v.get())) {
            return Optional.of(true);
        }
        if (FALSE.contains(v.get())) {
            return Optional.of(false);
        }
        throw new IllegalArgumentException("Input does not meet YAML 1.2 \"Core Schema\" specification: " + name
                + " (use true | True | TRUE | false | False | FALSE)");
    }

    /** A multi-line input: lines, empty ones dropped before trimming, as the toolkit does. */
    public List<String> lines(String name) {
        String v = env.get(variable(name));
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        for (String line : v.split("\n", -1)) {
            if (!line.isEmpty()) {
                out.add(line.strip());
            }
        }
        return out;
    }
}
