package dev.spendgate.cli;

import dev.spendgate.engine.PolicyEngine;
import dev.spendgate.engine.PolicyEngines;
import dev.spendgate.error.ExitCodes;
import dev.spendgate.error.InvalidInputException;
import dev.spendgate.error.SpendgateException;
import dev.spendgate.gate.GateRunner;
import dev.spendgate.input.Problem;
import dev.spendgate.input.Redactor;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@code spendgate} command line: one factory wires the subcommands, the exit-code
 * contract and the error handling, so tests run the exact CLI users run, in process.
 */
public final class Cli {

    private Cli() {
    }

    /** Runs with the process's streams; returns the exit code. */
    public static int run(String... args) {
        return run(args, System.out, System.err);
    }

    private static int run(String[] args, java.io.PrintStream stdout, java.io.PrintStream stderr) {
        warmUp(args);
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
        try {
            int code = commandLine(out, err, args, System.getenv()).execute(args);
            if ("1".equals(System.getenv("SPENDGATE_TRAINING"))) {
                // bin/spendgate's training run records the classes a run loads for a fast start:
                // the OPA engine's client too, so that --engine opa starts fast as well
                PolicyEngines.all().forEach(PolicyEngine::preload);
            }
            return code;
        } catch (OutOfMemoryError e) {
            err.println("spendgate: out of memory; give the JVM more heap (SPENDGATE_JAVA_OPTS=-Xmx2g) or gate fewer manifests at once (exit "
                    + ExitCodes.ENGINE_FAILURE + ")");
            return ExitCodes.ENGINE_FAILURE;
        } catch (StackOverflowError e) {
            err.println("spendgate: internal error: stack overflow; please report it with the input that caused it (exit "
                    + ExitCodes.ENGINE_FAILURE + ")");
            return ExitCodes.ENGINE_FAILURE;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * A gate run will need its engine ready: have it readied on another core while picocli parses
     * and the manifests load — on Drools the baseline pack's rules, on OPA the HTTP client. Only
     * the engine the run uses is warmed: building Drools rules for an OPA run would only take a
     * core from it.
     */
    private static void warmUp(String[] args) {
        if (args.length == 0 || !args[0].equals("check")) {
            return;
        }
        GateRunner.warmUp();
        String engine = engine(args);
        if (engine.equals("drools") || engine.equals("opa")) {
            PolicyEngines.find(engine).ifPresent(e -> e.warmUp("baseline"));
        }
    }

    /** The value of {@code --engine} ({@code --engine X} or {@code --engine=X}); drools when absent. */
    static String engine(String[] args) {
        String engine = "drools";
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--engine") && i + 1 < args.length) {
                engine = args[i + 1];
            } else if (args[i].startsWith("--engine=")) {
                engine = args[i].substring("--engine=".length());
            }
        }
        return engine;
    }

    /** The command line writing data to {@code out} and talk to {@code err}, with every subcommand. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, new String[0], Map.of());
    }

    /**
     * The command line for {@code args}: when they name a subcommand, only that one is built,
     * which keeps picocli's share of a cold start small; otherwise (help, a typo) all of them.
     */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, String[] args) {
        return commandLine(out, err, args, Map.of());
    }

    /**
     * The command line for {@code args} in environment {@code env}: in a GitHub Actions step
     * ({@code GITHUB_ACTIONS=true}) the action's inputs become the options' defaults.
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, String[] args, Map<String, String> env) {
        Redactor redactor = redactor(env, args);
        PrintWriter rawOut = out;
        // every byte the run prints passes the one redactor: reports, messages, annotations, server texts
        out = new PrintWriter(redactor.wrap(out), true);
        err = new PrintWriter(redactor.wrap(err), true);
        CommandLine cl = new CommandLine(new SpendgateCommand(env, redactor, rawOut));
        String first = args.length > 0 ? args[0] : "";
        if (SpendgateCommand.SUBCOMMANDS.containsKey(first)) {
            cl.addSubcommand(first, SpendgateCommand.SUBCOMMANDS.get(first).get());
        } else {
            SpendgateCommand.SUBCOMMANDS.forEach((name, command) -> cl.addSubcommand(name, command.get()));
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExitCodeExceptionMapper(Cli::exitCode);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter e = commandLine.getErr();
            report(ex, e);
            e.flush();
            return exitCode(ex);
        });
        cl.setParameterExceptionHandler((ex, ignored) -> {
            PrintWriter e = ex.getCommandLine().getErr();
            e.println("spendgate: " + ex.getMessage());
            e.println("Run 'spendgate " + qualifiedName(ex.getCommandLine()) + "--help' for usage.");
            e.flush();
            return ExitCodes.USAGE;
        });
        if (ActionInputs.active(env)) {
            cl.setDefaultValueProvider(new ActionInputs(env)); // after the subcommands: it reaches them too
        }
        return cl;
    }

    /** The environment variables that hold secrets, whatever the command. */
    static final List<String> SECRET_VARIABLES = List.of(OpaOptions.TOKEN_ENV, OpaOptions.TRUST_STORE_PASSWORD_ENV,
            "SPENDGATE_SPEND_TOKEN", "SPENDGATE_SPEND_PASSWORD", "GITHUB_TOKEN", "INPUT_GITHUB-TOKEN",
            GitlabOptions.DEFAULT_TOKEN_ENV);

    /**
     * The redactor of a run: the values of the secret variables (and of the ones {@code --opa-token-env}
     * and {@code --gitlab-token-env} name), and the passwords written into a URL or connection string on the command line.
     */
    static Redactor redactor(Map<String, String> env, String[] args) {
        List<String> secrets = new ArrayList<>();
        SECRET_VARIABLES.forEach(name -> secrets.add(env.get(name)));
        for (int i = 0; i < args.length; i++) {
            for (String option : List.of("--opa-token-env", "--gitlab-token-env")) {
                if (args[i].equals(option) && i + 1 < args.length) {
                    secrets.add(env.get(args[i + 1]));
                } else if (args[i].startsWith(option + "=")) {
                    secrets.add(env.get(args[i].substring(option.length() + 1)));
                }
            }
            java.util.regex.Matcher userInfo = URL_PASSWORD.matcher(args[i]);
            while (userInfo.find()) {
                secrets.add(userInfo.group(1));
            }
            java.util.regex.Matcher param = PARAM_PASSWORD.matcher(args[i]);
            while (param.find()) {
                secrets.add(param.group(1));
            }
        }
        return Redactor.of(secrets);
    }

    private static final java.util.regex.Pattern URL_PASSWORD = java.util.regex.Pattern.compile("://[^/:@\\s]*:([^@/\\s]+)@");
    private static final java.util.regex.Pattern PARAM_PASSWORD = java.util.regex.Pattern.compile(
            "(?i)(?:password|pwd)=([^&;\\s]+)");

    private static String qualifiedName(CommandLine cl) {
        String name = cl.getCommandSpec().qualifiedName(" ");
        return name.startsWith("spendgate") ? name.substring("spendgate".length()).strip() + (name.equals("spendgate") ? "" : " ") : "";
    }

    /** The exit code of the contract for a failure: a command line picocli rejects is 2, the rest by its code. */
    static int exitCode(Throwable ex) {
        return ex instanceof CommandLine.ParameterException ? ExitCodes.USAGE : ExitCodes.of(ex);
    }

    /** One clear line per problem, never a stack trace. */
    static void report(Throwable ex, PrintWriter err) {
        int code = exitCode(ex);
        if (ex instanceof InvalidInputException invalid) {
            for (Problem p : invalid.problems()) {
                err.println(p);
            }
            err.println("spendgate: " + invalid.problems().size() + " problem"
                    + (invalid.problems().size() == 1 ? "" : "s") + " in the input (exit " + code + ")");
        } else if (ex instanceof SpendgateException failure) {
            // a usage error is said as picocli says its own: the message alone
            err.println("spendgate: " + (failure.code().equals(UsageException.CODE) ? failure.getMessage()
                    : failure.code() + ": " + failure.getMessage() + " (exit " + code + ")"));
        } else if (ex instanceof java.io.IOException io) {
            err.println("spendgate: cannot write: " + io.getMessage() + " (exit " + code + ")");
        } else {
            err.println("spendgate: internal error: " + ex + " (exit " + code
                    + "); please report it with the command line that caused it");
        }
    }

}
