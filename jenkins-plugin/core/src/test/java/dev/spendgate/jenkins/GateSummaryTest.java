package dev.spendgate.jenkins;

import dev.spendgate.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the command line the step would start, in process, and reads the report it writes. */
class GateSummaryTest {

    private static final String NOW = "2026-11-22T12:00:00Z";

    @TempDir
    Path dir;

    /** Runs {@code args.command()} without its {@code java -jar JAR} head; returns the exit code. */
    private static int run(GateArguments args, StringWriter out, StringWriter err) {
        List<String> command = args.command();
        String[] cli = command.subList(3, command.size()).toArray(String[]::new);
        return Cli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(cli);
    }

    private GateArguments.Builder gate(String... paths) {
        return GateArguments.builder().jar("spendgate.jar").paths(List.of(paths)).policy("../../examples/policy.yaml")
                .now(NOW).reportDir(dir.resolve("reports").toString());
    }

    private static GateSummary read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return GateSummary.read(in);
        }
    }

    @Test
    void readsTheFindingsOfABlockedRun() throws IOException {
        GateArguments args = gate("../../examples/manifests").build();
        StringWriter out = new StringWriter();
        int code = run(args, out, new StringWriter());
        GateDecision decision = GateDecision.of(code, false);
        assertEquals(BuildResult.FAILURE, decision.result());
        assertTrue(decision.hasReport());
        assertTrue(out.toString().contains("SG-BUD-003"), out.toString()); // the explanation goes to the log
        assertTrue(Files.isRegularFile(Path.of(args.junitReport())));
        assertTrue(Files.isRegularFile(Path.of(args.sarifReport())));

        GateSummary s = read(Path.of(args.jsonReport()));
        assertEquals("fail", s.getVerdict());
        assertEquals(1, s.getExitCode());
        assertEquals("drools", s.getEngine());
        assertEquals("fail: 10 manifests, 3 passed, 2 warned, 5 failed, 13 findings, 1 waived", s.headline());
        assertEquals(13, s.getRows().size());
        GateSummary.Row bud = s.getRows().stream().filter(r -> r.getRule().equals("SG-BUD-003")).findFirst().orElseThrow();
        assertEquals("llama-finetune", bud.getManifest());
        assertEquals("fail", bud.getOutcome());
        assertEquals("hard-mandatory", bud.getEnforcement());
        assertEquals("../../examples/manifests/training/llama-finetune.yaml:16", bud.getLocation());
        assertFalse(bud.getMessage().isBlank());
        assertFalse(bud.getRemediation().isBlank());
        assertEquals(List.of("waived"), s.getRows().stream().filter(r -> r.getRule().equals("SG-MOD-001"))
                .map(GateSummary.Row::getOutcome).toList());

        assertEquals(Map.ofEntries(Map.entry("verdict", "fail"), Map.entry("exitCode", 1), Map.entry("result", "FAILURE"),
                Map.entry("manifests", 10), Map.entry("passed", 3), Map.entry("warned", 2), Map.entry("failed", 5),
                Map.entry("findings", 13), Map.entry("waived", 1), Map.entry("potentialSavings", "3492.42")),
                s.toMap(decision.result()));
        assertEquals(List.of("verdict", "exitCode", "result", "manifests", "passed", "warned", "failed", "findings", "waived",
                "potentialSavings"), List.copyOf(s.toMap(BuildResult.FAILURE).keySet()));
        assertEquals("potential savings 3492.42 USD", s.costLine());
        assertEquals(null, s.getCostDelta(), "no base revision");
    }

    /** A git-aware report: the cost diff's total reaches the build page and the returned map. */
    @Test
    void readsTheCostOfTheChange() throws IOException {
        String json = """
                {"schemaVersion": 1, "verdict": "pass", "exitCode": 0, "engine": "drools",
                 "summary": {"manifests": 1, "passed": 1, "warned": 0, "failed": 0, "findings": 0, "waived": 0,
                             "potentialSavings": 3.00},
                 "manifests": [], "policyFindings": [],
                 "costDiff": {"currency": "USD", "total": {"before": 40.50, "after": 28.00, "delta": -12.50}, "manifests": []}}
                """;
        GateSummary s = GateSummary.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        assertEquals("-12.50", s.getCostDelta());
        assertEquals("estimated cost -12.50 USD against the base revision; potential savings 3.00 USD", s.costLine());
        assertEquals("-12.50", s.toMap(BuildResult.SUCCESS).get("costDelta"));
        assertEquals("3.00", s.toMap(BuildResult.SUCCESS).get("potentialSavings"));
    }

    @Test
    void aPassingRunReturnsSuccessAndNoRows() throws IOException {
        GateArguments args = gate("../../examples/manifests/experiments/churn-classifier-ft.yaml").build();
        int code = run(args, new StringWriter(), new StringWriter());
        assertEquals(BuildResult.SUCCESS, GateDecision.of(code, false).result());
        GateSummary s = read(Path.of(args.jsonReport()));
        assertEquals("pass", s.getVerdict());
        assertEquals(List.of(), s.getRows());
        assertEquals("pass: 1 manifest, 1 passed, 0 warned, 0 failed, 0 findings, 0 waived", s.headline());
    }

    @Test
    void warningsBlockWithFailOnWarnAndCanMarkUnstable() throws IOException {
        GateArguments args = gate("../../examples/manifests/training/embeddings-refresh.yaml").failOn("warn").build();
        int code = run(args, new StringWriter(), new StringWriter());
        assertEquals(1, code);
        assertEquals(BuildResult.UNSTABLE, GateDecision.of(code, true).result());
        GateSummary s = read(Path.of(args.jsonReport()));
        assertEquals(List.of("SG-GPU-004 warn advisory"), s.getRows().stream()
                .map(r -> r.getRule() + " " + r.getOutcome() + " " + r.getEnforcement()).toList());
    }

    @Test
    void invalidInputFailsWithoutAReport() {
        GateArguments args = gate("../../examples/invalid/typos.yaml").build();
        StringWriter err = new StringWriter();
        int code = run(args, new StringWriter(), err);
        GateDecision decision = GateDecision.of(code, true);
        assertEquals(3, code);
        assertEquals(BuildResult.FAILURE, decision.result());
        assertFalse(decision.hasReport());
        assertFalse(Files.exists(Path.of(args.jsonReport())));
        assertTrue(err.toString().contains("typos.yaml:"), err.toString()); // the cause, with its place, in the log
    }

    @Test
    void opaUnreachableIsAnEngineFailure() {
        GateArguments args = gate("../../examples/manifests/experiments/churn-classifier-ft.yaml")
                .engine("opa").opaUrl("http://127.0.0.1:1").build();
        StringWriter err = new StringWriter();
        int code = run(args, new StringWriter(), err);
        assertEquals(4, code, err.toString());
        assertEquals(BuildResult.FAILURE, GateDecision.of(code, true).result());
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        GateArguments args = gate("../../examples/manifests").build();
        run(args, new StringWriter(), new StringWriter());
        GateSummary s = read(Path.of(args.jsonReport()));
        var bytes = new java.io.ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
            o.writeObject(s);
        }
        try (ObjectInputStream i = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            GateSummary copy = (GateSummary) i.readObject();
            assertEquals(s.headline(), copy.headline());
            assertEquals(s.getRows().get(0).getLocation(), copy.getRows().get(0).getLocation());
        }
    }

    @Test
    void refusesWhatIsNotAReport() {
        IOException e = assertThrows(IOException.class, () -> GateSummary.read(
                new ByteArrayInputStream("{\"schemaVersion\": 2}".getBytes(StandardCharsets.UTF_8))));
        assertEquals("not a spendgate report of schemaVersion 1", e.getMessage());
        assertThrows(IOException.class, () -> GateSummary.read(
                new ByteArrayInputStream("<testsuites/>".getBytes(StandardCharsets.UTF_8))));
        assertThrows(IOException.class, () -> GateSummary.read(
                new ByteArrayInputStream("{\"schemaVersion\": 1}".getBytes(StandardCharsets.UTF_8))));
    }
}
