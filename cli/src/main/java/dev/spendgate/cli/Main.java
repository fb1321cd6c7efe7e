package dev.spendgate.cli;

/** Entry point of {@code java -jar spendgate.jar}; the only place that calls {@link System#exit}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // No option of spendgate takes a java.sql type: without this, picocli's built-in converters
        // for them would load java.sql.DriverManager and the JDBC interfaces on every run
        if (System.getProperty(PICOCLI_CONVERTER_EXCLUDES) == null) {
            System.setProperty(PICOCLI_CONVERTER_EXCLUDES, "java\\.sql\\..*");
        }
        System.exit(Cli.run(args));
    }

    private static final String PICOCLI_CONVERTER_EXCLUDES = "picocli.converters.excludes";
}
