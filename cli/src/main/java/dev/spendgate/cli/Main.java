package dev.spendgate.cli;

/** Entry point of {@code java -jar spendgate.jar}; the only place that calls {@link System#exit}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Cli.run(args));
    }
}
