package dev.spendgate.cli;

import dev.spendgate.github.Inputs;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * In a GitHub Actions step, the action's inputs are the options' defaults: option {@code --fail-on}
 * defaults to input {@code fail-on} ({@code INPUT_FAIL-ON}, trimmed), boolean options take only the
 * toolkit's strict spellings, repeatable options ({@code --prices}) take one value a line, and the
 * report format defaults to {@code github}. Options given on the command line still win.
 */
final class ActionInputs implements IDefaultValueProvider {

    private final Inputs inputs;

    ActionInputs(Map<String, String> env) {
        this.inputs = new Inputs(env);
    }

    static boolean active(Map<String, String> env) {
        return "true".equals(env.get("GITHUB_ACTIONS"));
    }

    @Override
    public String defaultValue(ArgSpec arg) throws UsageException {
        if (!(arg instanceof OptionSpec option)) {
            return null; // positional paths: see ManifestPaths
        }
        String name = option.longestName().replaceFirst("^-+", "");
        if (option.type() == boolean.class || option.type() == Boolean.class) {
            try {
                return inputs.bool(name).map(String::valueOf).orElse(null);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        if (option.isMultiValue()) {
            // one value a line, as the toolkit's getMultilineInput reads them; picocli splits on the option's regex
            List<String> values = inputs.lines(name).stream().filter(s -> !s.isEmpty()).toList();
            return values.isEmpty() ? null : String.join("\n", values);
        }
        Optional<String> value = inputs.get(name);
        if (value.isPresent()) {
            return value.get();
        }
        return name.equals("format") ? "github" : null;
    }

    /** Input {@code paths}: one path a line. */
    List<String> paths() {
        return inputs.lines("paths").stream().filter(s -> !s.isEmpty()).toList();
    }
}
