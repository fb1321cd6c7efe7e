package dev.spendgate.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs the real command line in process and keeps what it wrote. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        return withEnv(Map.of(), args);
    }

    /** Runs in environment {@code env} (CI variables) instead of none. */
    static CliRun withEnv(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), args, env).execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
