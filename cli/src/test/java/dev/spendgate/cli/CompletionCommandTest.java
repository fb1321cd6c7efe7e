package dev.spendgate.cli;

import dev.spendgate.report.Renderers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The completion script, sourced in a real bash and asked for completions as bash asks at a TAB. */
class CompletionCommandTest {

    @TempDir
    Path tmp;

    @Test
    void everySubcommandIsOfferedThoughTheCommandLineBuildsOnlyOne() throws Exception {
        assertEquals(new ArrayList<>(SpendgateCommand.SUBCOMMANDS.keySet()), complete("spendgate", ""));
        assertEquals(List.of("bundle"), complete("spendgate", "packs", ""));
        assertEquals(List.of("bash", "zsh"), complete("spendgate", "completion", ""));
    }

    @Test
    void optionsAndTheirValuesAreOffered() throws Exception {
        assertEquals(Renderers.ids(), complete("spendgate", "check", "--format", ""));
        assertTrue(Renderers.ids().containsAll(List.of("text", "json", "sarif", "junit")), Renderers.ids().toString());
        assertEquals(List.of("s"), complete("spendgate", "check", "--format", "s").stream()
                .map(s -> s.substring(0, 1)).distinct().toList());
        assertEquals(List.of("--fail-on", "--format"), complete("spendgate", "check", "--f").stream().sorted().toList());
        assertEquals(List.of("--all", "--allow-pr-waivers"), complete("spendgate", "check", "--al").stream().sorted().toList());
        assertTrue(complete("spendgate", "estimate", "--").contains("--alternatives"));
        assertTrue(complete("spendgate", "init", "--").contains("--force"));
        assertEquals(List.of("drools", "opa"), complete("spendgate", "check", "--engine", ""));
    }

    @Test
    void zshGetsTheScriptThroughBashcompinit() {
        CliRun zsh = CliRun.of("completion", "zsh");
        assertEquals(0, zsh.exitCode(), zsh.err());
        assertEquals(CliRun.of("completion", "bash").out(), zsh.out());
        assertTrue(zsh.out().contains("autoload -U +X bashcompinit && bashcompinit"), zsh.out());
    }

    @Test
    void anUnknownShellIsAUsageError() {
        CliRun fish = CliRun.of("completion", "fish");
        assertEquals(2, fish.exitCode());
        assertTrue(fish.err().startsWith("spendgate: Invalid value for positional parameter at index 0 (SHELL): "
                + "expected one of [bash, zsh] (case-insensitive) but was 'fish'\n"), fish.err());
    }

    /** The candidates bash offers at the end of {@code words} (the last one is the word being completed). */
    private List<String> complete(String... words) throws Exception {
        CliRun run = CliRun.of("completion", "bash");
        assertEquals(0, run.exitCode(), run.err());
        Path script = tmp.resolve("spendgate.bash");
        Files.writeString(script, run.out());
        StringBuilder quoted = new StringBuilder();
        for (String w : words) {
            quoted.append(" '").append(w).append('\'');
        }
        String line = String.join(" ", words);
        // what bash sets before calling a completion function (see "Programmable Completion" in bash(1));
        // compopt works only inside a real completion, so it is a no-op here
        String probe = """
                source "$1"
                compopt() { :; }
                COMP_WORDS=(%s)
                COMP_CWORD=%d
                COMP_LINE='%s'
                COMP_POINT=${#COMP_LINE}
                complete -p spendgate >/dev/null || { echo 'spendgate has no completion' >&2; exit 9; }
                _complete_spendgate spendgate "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
                printf '%%s\\n' "${COMPREPLY[@]}"
                """.formatted(quoted.toString().strip(), words.length - 1, line);
        Process bash = new ProcessBuilder("bash", "--norc", "--noprofile", "-c", probe, "bash", script.toString())
                .redirectErrorStream(false).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(bash.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bash.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, bash.exitValue(), err);
        assertEquals("", err);
        return out.lines().filter(s -> !s.isEmpty()).toList();
    }
}
