package dev.spendgate.jenkins.library;

import com.lesfurets.jenkins.unit.BasePipelineTest;
import com.lesfurets.jenkins.unit.MethodCall;
import dev.spendgate.cli.Cli;
import dev.spendgate.jenkins.GateSummary;
import dev.spendgate.jenkins.StepParameters;
import groovy.lang.Script;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static com.lesfurets.jenkins.unit.MethodSignature.method;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs {@code vars/spendgate.groovy} in JenkinsPipelineUnit. Its {@code sh} runs the real CLI in
 * process on the command line the step built, so the reports it reads are real ones; {@code junit},
 * {@code recordIssues}, {@code unstable} and {@code error} are recorded as Jenkins would see them.
 * Where the library and the plugin must agree (the command line, the messages of a refused parameter
 * and of a failed run, the returned map), the plugin's plain-Java core, given the same parameters,
 * says what the plugin would do.
 */
class SpendgateStepTest {

    private static final String EXAMPLES = "../../examples/";
    private static final String NOW = "2026-11-22T12:00:00Z";
    /** Parameters the plugin does not have: it publishes nothing itself. */
    private static final Set<String> LIBRARY_ONLY = Set.of("junit", "recordIssues");

    @TempDir
    Path dir;

    private final Pipeline pipeline = new Pipeline();
    private final Map<String, Object> env = new HashMap<>();
    private final StringWriter log = new StringWriter();
    /** What {@code sh} returns instead of running the CLI, when set. */
    private Integer shExitCode;

    /** BasePipelineTest is abstract; the library needs no more than it. */
    static final class Pipeline extends BasePipelineTest {
    }

    /** Thrown by the {@code error} step, as Jenkins' AbortException stops the pipeline. */
    static final class PipelineError extends RuntimeException {
        PipelineError(String message) {
            super(message);
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        pipeline.setScriptRoots(".");
        pipeline.setUp();
        env.put("SPENDGATE_JAR", "/opt/spendgate/spendgate.jar");
        pipeline.getBinding().setVariable("env", env);
        var helper = pipeline.getHelper();
        helper.registerAllowedMethod(method("isUnix"), (java.util.function.Function<Object, Object>) x -> true);
        helper.registerAllowedMethod(method("sh", Map.class), (java.util.function.Function<Map<String, Object>, Object>) this::sh);
        helper.registerAllowedMethod(method("readFile", Map.class), (java.util.function.Function<Map<String, Object>, Object>) a -> read(a.get("file")));
        helper.registerAllowedMethod(method("junit", Map.class), (java.util.function.Function<Map<String, Object>, Object>) a -> null);
        helper.registerAllowedMethod(method("recordIssues", Map.class), (java.util.function.Function<Map<String, Object>, Object>) a -> null);
        helper.registerAllowedMethod(method("sarif", Map.class), (java.util.function.Function<Map<String, Object>, Object>) a -> Map.of("sarif", a));
        helper.registerAllowedMethod(method("echo", String.class), (java.util.function.Function<Object, Object>) m -> null);
        helper.registerAllowedMethod(method("unstable", String.class), (java.util.function.Function<Object, Object>) m -> {
            pipeline.updateBuildStatus("UNSTABLE");
            return null;
        });
        helper.registerAllowedMethod(method("error", String.class), (java.util.function.Function<Object, Object>) m -> {
            pipeline.updateBuildStatus("FAILURE");
            throw new PipelineError(m.toString());
        });
    }

    private Object sh(Map<String, Object> args) {
        assertEquals(Boolean.TRUE, args.get("returnStatus"));
        if (shExitCode != null) {
            return shExitCode;
        }
        List<String> words = words(args.get("script").toString());
        String[] cli = words.subList(3, words.size()).toArray(String[]::new); // drop java -jar JAR
        PrintWriter out = new PrintWriter(log, true);
        return Cli.commandLine(out, out).execute(cli);
    }

    private static String read(Object file) {
        try {
            return Files.readString(Path.of(file.toString()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits a command line of single-quoted POSIX shell words. */
    static List<String> words(String script) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (int i = 0; i < script.length(); i++) {
            char c = script.charAt(i);
            if (quoted) {
                if (c == '\'') {
                    quoted = false;
                } else {
                    word.append(c);
                }
            } else if (c == '\'') {
                quoted = true;
                inWord = true;
            } else if (c == '\\' && i + 1 < script.length()) {
                word.append(script.charAt(++i));
                inWord = true;
            } else if (c == ' ') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> gate(Map<String, Object> args) throws Exception {
        Script script = pipeline.loadScript("vars/spendgate.groovy");
        return (Map<String, Object>) script.invokeMethod("call", new Object[] {args});
    }

    private Map<String, Object> args(Object... pairs) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("policy", EXAMPLES + "policy.yaml");
        args.put("now", NOW);
        args.put("reportDir", dir.resolve("out").toString());
        for (int i = 0; i < pairs.length; i += 2) {
            args.put((String) pairs[i], pairs[i + 1]);
        }
        return args;
    }

    private List<MethodCall> calls(String name) {
        return pipeline.getHelper().getCallStack().stream().filter(c -> c.getMethodName().equals(name)).toList();
    }

    private Object status() {
        return ((Map<?, ?>) pipeline.getBinding().getVariable("currentBuild")).get("result");
    }

    private String script() {
        return ((Map<?, ?>) calls("sh").get(0).getArgs()[0]).get("script").toString();
    }

    /**
     * The plugin's parameters for the same arguments, bound by name as Jenkins binds them (a list of
     * paths becomes the plugin's comma-separated text).
     */
    private static StepParameters plugin(Map<String, Object> args) throws ReflectiveOperationException {
        StepParameters p = new StepParameters();
        for (Map.Entry<String, Object> a : args.entrySet()) {
            if (LIBRARY_ONLY.contains(a.getKey())) {
                continue;
            }
            Object value = a.getValue() instanceof List<?> l
                    ? String.join(",", l.stream().map(Object::toString).toList()) : a.getValue();
            String setter = "set" + Character.toUpperCase(a.getKey().charAt(0)) + a.getKey().substring(1);
            StepParameters.class.getMethod(setter, value instanceof Boolean ? boolean.class : String.class).invoke(p, value);
        }
        return p;
    }

    /** The build's environment as the plugin reads it. */
    private Map<String, String> environment() {
        Map<String, String> copy = new HashMap<>();
        env.forEach((k, v) -> copy.put(k, v.toString()));
        return copy;
    }

    /** What the plugin's step would return for this run, read from the report the run wrote. */
    private Map<String, Object> pluginVerdict(Map<String, Object> args, int exitCode) throws Exception {
        StepParameters p = plugin(args);
        try (InputStream in = Files.newInputStream(Path.of(p.arguments(environment()).jsonReport()))) {
            return GateSummary.read(in).toMap(p.decision(exitCode).result());
        }
    }

    /** The library's map without what only the library returns. */
    private static Map<String, Object> withoutChangeTarget(Map<String, Object> verdict) {
        Map<String, Object> copy = stringKeys(verdict);
        copy.remove("changeTarget");
        return copy;
    }

    @Test
    void passesAndReturnsTheVerdict() throws Exception {
        Map<String, Object> args = args("paths", List.of(EXAMPLES + "manifests/experiments/churn-classifier-ft.yaml"));
        Map<String, Object> verdict = gate(args);
        String out = dir.resolve("out").toString();
        assertEquals(List.of("java", "-jar", "/opt/spendgate/spendgate.jar", "check",
                EXAMPLES + "manifests/experiments/churn-classifier-ft.yaml", "--policy", EXAMPLES + "policy.yaml",
                "--now", NOW, "--format", "text", "--report", out + "/spendgate.json",
                "--junit", out + "/spendgate-junit.xml", "--sarif", out + "/spendgate.sarif"),
                words(script()));
        assertEquals(plugin(args).arguments(environment()).command(), words(script()));
        assertEquals("pass", verdict.get("verdict"));
        assertEquals(0, verdict.get("exitCode"));
        assertEquals("SUCCESS", verdict.get("result"));
        assertEquals(1, verdict.get("manifests"));
        assertEquals(1, verdict.get("passed"));
        assertNull(verdict.get("changeTarget"));
        assertEquals(pluginVerdict(args, 0), withoutChangeTarget(verdict));
        assertEquals("SUCCESS", status());
        assertEquals(Map.of("testResults", out + "/spendgate-junit.xml", "allowEmptyResults", true,
                "skipMarkingBuildUnstable", true), stringKeys(calls("junit").get(0).getArgs()[0]));
        assertEquals(Map.of("tools", List.of(Map.of("sarif", Map.of("pattern", out + "/spendgate.sarif", "id", "spendgate",
                "name", "spendgate")))), stringKeys(calls("recordIssues").get(0).getArgs()[0]));
        assertTrue(Files.isRegularFile(dir.resolve("out/spendgate.sarif")));
    }

    @Test
    void aBlockFailsTheBuildAfterPublishingTheReports() {
        PipelineError e = assertThrows(PipelineError.class, () -> gate(args("paths", EXAMPLES + "manifests")));
        assertEquals("spendgate: blocked: fail: 10 manifests, 5 failed, 2 warned, 1 waived, potential savings 3492.42 USD (exit 1)", e.getMessage());
        assertEquals("FAILURE", status());
        assertEquals(1, calls("junit").size());
        assertEquals(1, calls("recordIssues").size());
        assertTrue(log.toString().contains("SG-BUD-003"), log.toString()); // the explanation is in the log
    }

    @Test
    void aBlockCanMarkTheBuildUnstable() throws Exception {
        Map<String, Object> args = args("paths", List.of(EXAMPLES + "manifests"), "unstableOnBlock", true);
        Map<String, Object> verdict = gate(args);
        assertEquals("UNSTABLE", status());
        assertEquals("fail", verdict.get("verdict"));
        assertEquals(1, verdict.get("exitCode"));
        assertEquals("UNSTABLE", verdict.get("result"));
        assertEquals(5, verdict.get("failed"));
        assertEquals(13, verdict.get("findings"));
        assertEquals("3492.42", verdict.get("potentialSavings"), "as the JSON report's summary says");
        assertEquals(pluginVerdict(args, 1), withoutChangeTarget(verdict));
        assertEquals(List.of("spendgate: blocked: fail: 10 manifests, 5 failed, 2 warned, 1 waived, potential savings 3492.42 USD (exit 1); "
                + "build marked unstable (unstableOnBlock)"), plain(List.of(calls("unstable").get(0).getArgs())));
    }

    @Test
    void invalidInputFailsWithTheCauseAndPublishesNothing() throws Exception {
        Map<String, Object> args = args("paths", EXAMPLES + "invalid/typos.yaml", "unstableOnBlock", true);
        PipelineError e = assertThrows(PipelineError.class, () -> gate(args));
        assertEquals("spendgate: invalid input (exit 3): a manifest, policy set, waiver, price catalog or pack does not "
                + "load; the problems are listed above with file:line:column", e.getMessage());
        assertEquals(plugin(args).decision(3).message(), e.getMessage());
        assertEquals("FAILURE", status());
        assertTrue(log.toString().contains("typos.yaml:"), log.toString());
        assertEquals(List.of(), calls("junit"));
        assertEquals(List.of(), calls("recordIssues"));
    }

    @Test
    void engineFailureFailsWithTheCause() throws Exception {
        Map<String, Object> args = args("paths", EXAMPLES + "manifests", "engine", "opa", "opaUrl", "http://127.0.0.1:1");
        PipelineError e = assertThrows(PipelineError.class, () -> gate(args));
        assertEquals("spendgate: engine or data-source failure (exit 4); nothing was passed, see the message above",
                e.getMessage());
        assertEquals(plugin(args).decision(4).message(), e.getMessage());
        assertEquals("FAILURE", status());
    }

    @Test
    void anUnexpectedExitCodeFails() throws Exception {
        shExitCode = 127;
        PipelineError e = assertThrows(PipelineError.class, () -> gate(args()));
        assertTrue(e.getMessage().startsWith("spendgate: unexpected exit code 127: is 'java' a JDK 17"), e.getMessage());
        // the plugin's message, except that the library names the jar
        assertEquals(plugin(args()).decision(127).message().replace("the jar", "/opt/spendgate/spendgate.jar"), e.getMessage());
    }

    @Test
    void aPullRequestIsGatedAndItsTargetReturned() throws Exception {
        env.put("CHANGE_TARGET", "main");
        env.put("CHANGE_ID", "42");
        Map<String, Object> verdict = gate(args("paths", EXAMPLES + "manifests/training/embeddings-refresh.yaml"));
        assertEquals("main", verdict.get("changeTarget"));
        assertEquals("warn", verdict.get("verdict"));
        assertEquals("SUCCESS", verdict.get("result"));
        assertEquals(List.of("spendgate: pull request 42 into main: gating the manifests it changes against origin/main"),
                calls("echo").stream().map(c -> c.getArgs()[0].toString()).filter(m -> m.contains("pull request")).toList());
    }

    @Test
    void failOnWarnBlocksOnWarnings() {
        PipelineError e = assertThrows(PipelineError.class, () -> gate(args(
                "paths", EXAMPLES + "manifests/training/embeddings-refresh.yaml", "failOn", "warn")));
        assertTrue(e.getMessage().startsWith("spendgate: blocked: warn: 1 manifest, 0 failed"), e.getMessage());
    }

    @Test
    void publishingCanBeTurnedOff() throws Exception {
        gate(args("paths", EXAMPLES + "manifests/experiments/churn-classifier-ft.yaml", "junit", false, "recordIssues", false));
        assertEquals(List.of(), calls("junit"));
        assertEquals(List.of(), calls("recordIssues"));
    }

    @Test
    void refusesBadParametersBeforeRunning() throws Exception {
        String unknown = assertThrows(PipelineError.class, () -> gate(Map.of("polcy", "x"))).getMessage();
        assertEquals("spendgate: unknown parameter polcy (known: jar, java, paths, policy, prices, engine, opaUrl, failOn, "
                + "now, reportDir, unstableOnBlock, junit, recordIssues)", unknown);
        Set<String> known = new TreeSet<>(List.of(unknown.replaceAll(".*\\(known: (.*)\\)$", "$1").split(", ")));
        Set<String> plugin = new TreeSet<>(LIBRARY_ONLY);
        for (var m : StepParameters.class.getDeclaredMethods()) {
            if (m.getName().startsWith("set") && m.getParameterCount() == 1) {
                plugin.add(Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4));
            }
        }
        assertEquals(plugin, known); // the plugin's parameters, and the library's two publishing switches

        assertEquals("spendgate: engine: \"rego\" is not an engine (use drools or opa)",
                assertThrows(PipelineError.class, () -> gate(Map.of("engine", "rego"))).getMessage());
        assertEquals("spendgate: failOn: \"error\" is not a level (use fail or warn)",
                assertThrows(PipelineError.class, () -> gate(Map.of("failOn", "error"))).getMessage());
        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("engine", "rego"), Map.of("failOn", "error"))) {
            assertEquals(refusal(bad), assertThrows(PipelineError.class, () -> gate(bad)).getMessage());
        }
        env.remove("SPENDGATE_JAR");
        assertEquals("spendgate: jar: the path of spendgate.jar on the agent is required (or set SPENDGATE_JAR)",
                assertThrows(PipelineError.class, () -> gate(Map.of())).getMessage());
        assertEquals(refusal(Map.of()), assertThrows(PipelineError.class, () -> gate(Map.of())).getMessage());
        assertEquals(List.of(), calls("sh"));
    }

    /** The plugin's message for parameters it refuses. */
    private String refusal(Map<String, Object> args) throws ReflectiveOperationException {
        StepParameters p = plugin(args);
        return assertThrows(IllegalArgumentException.class, () -> p.arguments(environment())).getMessage();
    }

    @Test
    void quotesArgumentsForTheShell() throws Exception {
        shExitCode = 0;
        Path report = dir.resolve("it's out");
        Files.createDirectories(report);
        Files.writeString(report.resolve("spendgate.json"), """
                {"schemaVersion": 1, "verdict": "pass", "exitCode": 0, "summary": {"manifests": 0, "passed": 0,
                 "warned": 0, "failed": 0, "findings": 0, "waived": 0}, "manifests": []}""");
        Map<String, Object> args = Map.of("reportDir", report.toString(), "jar", "/a b/spendgate.jar", "java", "/jdk 17/bin/java");
        gate(args);
        String script = script();
        assertTrue(script.startsWith("'/jdk 17/bin/java' '-jar' '/a b/spendgate.jar' 'check' '--format'"), script);
        assertTrue(script.contains("'" + dir + "/it'\\''s out/spendgate.json'"), script);
        assertEquals(report + "/spendgate.json", words(script).get(7));
        assertEquals(plugin(args).arguments(environment()).command(), words(script));
    }

    private static Map<String, Object> stringKeys(Object map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        ((Map<?, ?>) map).forEach((k, v) -> copy.put(k.toString(), plain(v)));
        return copy;
    }

    /** GStrings as Strings, recursively, so that expected values can be plain Java. */
    private static Object plain(Object v) {
        if (v instanceof Map<?, ?> m) {
            return stringKeys(m);
        }
        if (v instanceof List<?> l) {
            return l.stream().map(SpendgateStepTest::plain).toList();
        }
        return v instanceof CharSequence ? v.toString() : v;
    }
}
