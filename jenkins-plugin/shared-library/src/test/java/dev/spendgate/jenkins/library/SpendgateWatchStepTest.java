package dev.spendgate.jenkins.library;

import com.lesfurets.jenkins.unit.BasePipelineTest;
import com.lesfurets.jenkins.unit.MethodCall;
import dev.spendgate.alert.testing.FakeService;
import dev.spendgate.cli.Cli;
import groovy.lang.Script;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.lesfurets.jenkins.unit.MethodSignature.method;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs {@code vars/spendgateWatch.groovy} in JenkinsPipelineUnit, its {@code sh} running the real
 * CLI in process with the build's environment, against a local server speaking Slack's webhook
 * protocol: the command line, what is sent, build after build with the state in the workspace,
 * and the build result by the exit code.
 */
class SpendgateWatchStepTest {

    private static final String EXAMPLES = "../../examples/";
    private static final String NOW = "2026-11-22T12:00:00Z";

    @TempDir
    Path dir;

    private final SpendgateStepTest.Pipeline pipeline = new SpendgateStepTest.Pipeline();
    private final Map<String, Object> env = new HashMap<>();
    private final StringWriter log = new StringWriter();
    private FakeService slack;
    private String lastScript;

    @BeforeEach
    void setUp() throws Exception {
        slack = new FakeService("/services", FakeService.text(200, "ok"));
        Files.writeString(dir.resolve("policy.yaml"), """
                apiVersion: spendgate.dev/v1
                kind: PolicySet
                metadata: {name: watch-test}
                packs: [baseline]
                alerts:
                  channels:
                    ml-slack: {type: slack, webhookEnv: SLACK_URL}
                  routes:
                    - match: {rule: [SG-SPD-001, SG-SPD-006]}
                      channels: ml-slack
                """);
        pipeline.setScriptRoots(".");
        pipeline.setUp();
        env.put("SPENDGATE_JAR", "/opt/spendgate/spendgate.jar");
        env.put("SLACK_URL", slack.uri("/services/T0/B0/secret0001").toString());
        pipeline.getBinding().setVariable("env", env);
        var helper = pipeline.getHelper();
        helper.registerAllowedMethod(method("isUnix"), (java.util.function.Function<Object, Object>) x -> true);
        helper.registerAllowedMethod(method("sh", Map.class), (java.util.function.Function<Map<String, Object>, Object>) this::sh);
        helper.registerAllowedMethod(method("readFile", Map.class), (java.util.function.Function<Map<String, Object>, Object>) a -> read(a.get("file")));
        helper.registerAllowedMethod(method("writeFile", Map.class), (java.util.function.Function<Map<String, Object>, Object>) this::write);
        helper.registerAllowedMethod(method("echo", String.class), (java.util.function.Function<Object, Object>) m -> null);
        helper.registerAllowedMethod(method("unstable", String.class), (java.util.function.Function<Object, Object>) m -> {
            pipeline.updateBuildStatus("UNSTABLE");
            return null;
        });
        helper.registerAllowedMethod(method("error", String.class), (java.util.function.Function<Object, Object>) m -> {
            pipeline.updateBuildStatus("FAILURE");
            throw new SpendgateStepTest.PipelineError(m.toString());
        });
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    private Object sh(Map<String, Object> args) {
        lastScript = args.get("script").toString();
        List<String> words = SpendgateStepTest.words(lastScript);
        String[] cli = words.subList(3, words.size()).toArray(String[]::new);
        Map<String, String> environment = new HashMap<>();
        env.forEach((k, v) -> environment.put(k, v.toString()));
        PrintWriter out = new PrintWriter(log, true);
        return Cli.commandLine(out, out, cli, environment).execute(cli);
    }

    private static String read(Object file) {
        try {
            return Files.readString(Path.of(file.toString()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Object write(Map<String, Object> a) {
        try {
            Path p = Path.of(a.get("file").toString());
            Files.createDirectories(p.toAbsolutePath().getParent());
            Files.writeString(p, a.get("text").toString(), StandardCharsets.UTF_8);
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> watch(Map<String, Object> args) {
        Script script = pipeline.loadScript("vars/spendgateWatch.groovy");
        return (Map<String, Object>) script.invokeMethod("call", new Object[] {args});
    }

    private Map<String, Object> args(Object... pairs) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("paths", List.of(EXAMPLES + "manifests"));
        args.put("policy", dir.resolve("policy.yaml").toString());
        args.put("spend", EXAMPLES + "spend/focus-2026-11.csv");
        args.put("state", dir.resolve("state/alerts.json").toString());
        args.put("now", NOW);
        args.put("reportDir", dir.resolve("out").toString());
        for (int i = 0; i < pairs.length; i += 2) {
            args.put((String) pairs[i], pairs[i + 1]);
        }
        return args;
    }

    private Object status() {
        return ((Map<?, ?>) pipeline.getBinding().getVariable("currentBuild")).get("result");
    }

    private List<MethodCall> calls(String name) {
        return pipeline.getHelper().getCallStack().stream().filter(c -> c.getMethodName().equals(name)).toList();
    }

    @Test
    void sendsTheRoutedAlertsOnceAndReturnsTheCounts() {
        Map<String, Object> first = watch(args());
        String out = dir.resolve("out").toString();
        assertEquals(List.of("java", "-jar", "/opt/spendgate/spendgate.jar", "watch", EXAMPLES + "manifests",
                "--policy", dir.resolve("policy.yaml").toString(), "--spend", EXAMPLES + "spend/focus-2026-11.csv",
                "--now", NOW, "--state", dir.resolve("state/alerts.json").toString(), "--format", "text",
                "--report", out + "/spendgate-watch.json"), SpendgateStepTest.words(lastScript));
        assertEquals(0, first.get("exitCode"));
        assertEquals("SUCCESS", first.get("result"));
        assertEquals(2, first.get("delivered"), first.toString());
        assertEquals(0, first.get("failed"));
        assertEquals(2, slack.received().size());
        assertTrue(slack.received().stream().anyMatch(r -> r.body().contains("SG-SPD-006")));
        assertTrue(log.toString().contains("ALERTS"), log.toString());

        Map<String, Object> second = watch(args());
        assertEquals(0, second.get("delivered"), "the state in the workspace keeps the next build quiet");
        assertEquals(2, slack.received().size());
        assertEquals("SUCCESS", status());
    }

    @Test
    void anUndeliveredAlertFailsTheBuildOrMarksItUnstable() {
        slack.answer(FakeService.text(404, "no_service"));
        SpendgateStepTest.PipelineError e = assertThrows(SpendgateStepTest.PipelineError.class, () -> watch(args()));
        assertTrue(e.getMessage().startsWith("spendgateWatch: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("0 delivered, 2 failed, 7 unrouted: the next run sends what was not delivered (exit 4)"),
                e.getMessage());
        assertEquals("FAILURE", status());

        Map<String, Object> unstable = watch(args("unstableOnUndelivered", true));
        assertEquals(4, unstable.get("exitCode"));
        assertEquals("UNSTABLE", unstable.get("result"));
        assertEquals(1, calls("unstable").size());
    }

    @Test
    void aRunThatFailsBeforeItReportsSaysWhyAndNeverReadsLastBuildsReport() throws Exception {
        watch(args());
        env.remove("SLACK_URL");
        SpendgateStepTest.PipelineError e = assertThrows(SpendgateStepTest.PipelineError.class, () -> watch(args()));
        assertTrue(e.getMessage().startsWith("spendgateWatch: invalid input (exit 3)"), e.getMessage());
        assertTrue(log.toString().contains("environment variable SLACK_URL is not set"), log.toString());
    }

    @Test
    void refusedParametersSayWhatIsKnownOrRequired() {
        Map<String, Object> typo = args();
        typo.put("spnd", "x.csv");
        SpendgateStepTest.PipelineError e = assertThrows(SpendgateStepTest.PipelineError.class, () -> watch(typo));
        assertTrue(e.getMessage().startsWith("spendgateWatch: unknown parameter spnd (known: jar, java, paths"), e.getMessage());
        Map<String, Object> none = args();
        none.remove("spend");
        e = assertThrows(SpendgateStepTest.PipelineError.class, () -> watch(none));
        assertTrue(e.getMessage().startsWith("spendgateWatch: spend: a spend source is required"), e.getMessage());
    }
}
