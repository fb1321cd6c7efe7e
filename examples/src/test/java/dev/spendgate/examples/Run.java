package dev.spendgate.examples;

import dev.spendgate.cli.Cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the command line over the examples, with what it wrote. */
record Run(int code, String out, String err) {

    static final String NOW = "2026-11-22T12:00:00Z";

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
