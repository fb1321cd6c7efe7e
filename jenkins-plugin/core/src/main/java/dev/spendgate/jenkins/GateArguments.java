package dev.spendgate.jenkins;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The parameters of the Jenkins step, validated, and the command line they become:
 * {@code java -jar JAR check PATH... --format text --report DIR/spendgate.json --junit ... --sarif ...}.
 * Blank values count as not given, as an empty field of a freestyle form does.
 */
public final class GateArguments {

    /** File names of the reports inside {@link #reportDir()}. */
    public static final String JSON_REPORT = "spendgate.json";
    public static final String JUNIT_REPORT = "spendgate-junit.xml";
    public static final String SARIF_REPORT = "spendgate.sarif";

    private static final Set<String> ENGINES = Set.of("drools", "opa");
    private static final Set<String> FAIL_ON = Set.of("fail", "warn");

    private final String java;
    private final String jar;
    private final List<String> paths;
    private final String policy;
    private final String prices;
    private final String engine;
    private final String opaUrl;
    private final String failOn;
    private final String now;
    private final String reportDir;

    private GateArguments(Builder b) {
        this.java = b.java;
        this.jar = b.jar;
        this.paths = List.copyOf(b.paths);
        this.policy = b.policy;
        this.prices = b.prices;
        this.engine = b.engine;
        this.opaUrl = b.opaUrl;
        this.failOn = b.failOn;
        this.now = b.now;
        this.reportDir = b.reportDir;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The folder, relative to the workspace, that receives the JSON, JUnit and SARIF reports. */
    public String reportDir() {
        return reportDir;
    }

    public String jsonReport() {
        return reportDir + "/" + JSON_REPORT;
    }

    public String junitReport() {
        return reportDir + "/" + JUNIT_REPORT;
    }

    public String sarifReport() {
        return reportDir + "/" + SARIF_REPORT;
    }

    /** The process to start in the workspace: the text report goes to the log, the others to files. */
    public List<String> command() {
        List<String> cmd = new ArrayList<>(List.of(java, "-jar", jar, "check"));
        cmd.addAll(paths);
        option(cmd, "--policy", policy);
        option(cmd, "--prices", prices);
        option(cmd, "--engine", engine);
        option(cmd, "--opa-url", opaUrl);
        option(cmd, "--fail-on", failOn);
        option(cmd, "--now", now);
        cmd.addAll(List.of("--format", "text", "--report", jsonReport(), "--junit", junitReport(),
                "--sarif", sarifReport()));
        return List.copyOf(cmd);
    }

    private static void option(List<String> cmd, String flag, String value) {
        if (value != null) {
            cmd.add(flag);
            cmd.add(value);
        }
    }

    /** Collects the step's parameters; {@link #build()} validates them all at once. */
    public static final class Builder {
        private String java = "java";
        private String jar;
        private final List<String> paths = new ArrayList<>();
        private String policy;
        private String prices;
        private String engine;
        private String opaUrl;
        private String failOn;
        private String now;
        private String reportDir = "spendgate-reports";

        private Builder() {
        }

        /** The java command on the agent (default {@code java}, or {@code $JAVA_HOME/bin/java} as the caller decides). */
        public Builder java(String value) {
            java = blankToNull(value) == null ? "java" : value.strip();
            return this;
        }

        /** The spendgate jar on the agent; required. */
        public Builder jar(String value) {
            jar = blankToNull(value);
            return this;
        }

        /** Manifest files or folders, relative to the workspace; none means the CLI's default. */
        public Builder paths(List<String> values) {
            paths.clear();
            if (values != null) {
                values.stream().map(GateArguments::blankToNull).filter(v -> v != null).forEach(paths::add);
            }
            return this;
        }

        /** Paths separated by commas or white space, as a freestyle text field gives them. */
        public Builder paths(String value) {
            return paths(value == null ? List.of() : List.of(value.strip().split("[,\\s]+")));
        }

        public Builder policy(String value) {
            policy = blankToNull(value);
            return this;
        }

        public Builder prices(String value) {
            prices = blankToNull(value);
            return this;
        }

        public Builder engine(String value) {
            engine = blankToNull(value);
            return this;
        }

        public Builder opaUrl(String value) {
            opaUrl = blankToNull(value);
            return this;
        }

        public Builder failOn(String value) {
            failOn = blankToNull(value);
            return this;
        }

        public Builder now(String value) {
            now = blankToNull(value);
            return this;
        }

        public Builder reportDir(String value) {
            reportDir = blankToNull(value) == null ? "spendgate-reports" : value.strip().replaceAll("/+$", "");
            return this;
        }

        /**
         * Validates every parameter and names each one that is wrong.
         *
         * @throws IllegalArgumentException listing the problems, one per line
         */
        public GateArguments build() {
            List<String> problems = new ArrayList<>();
            if (jar == null) {
                problems.add("jar: the path of spendgate.jar on the agent is required (or set SPENDGATE_JAR)");
            }
            for (String p : paths) {
                if (p.startsWith("-")) {
                    problems.add("paths: \"" + p + "\" starts with '-'; give options as parameters, not as paths");
                }
            }
            if (engine != null && !ENGINES.contains(engine)) {
                problems.add("engine: \"" + engine + "\" is not an engine (use drools or opa)");
            }
            if (opaUrl != null && !"opa".equals(engine)) {
                problems.add("opaUrl: set only with engine: 'opa' (the engine is " + (engine == null ? "drools" : engine) + ")");
            }
            if (failOn != null && !FAIL_ON.contains(failOn)) {
                problems.add("failOn: \"" + failOn + "\" is not a level (use fail or warn)");
            }
            if (now != null) {
                try {
                    Instant.parse(now);
                } catch (DateTimeParseException e) {
                    problems.add("now: \"" + now + "\" is not an instant (e.g. 2026-11-22T12:00:00Z)");
                }
            }
            if (reportDir.isEmpty() || reportDir.startsWith("-")) {
                problems.add("reportDir: \"" + reportDir + "\" is not a folder name");
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("spendgate: " + String.join("\nspendgate: ", problems));
            }
            return new GateArguments(this);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
