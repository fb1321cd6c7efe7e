package dev.spendgate.jenkins;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StepParametersTest {

    private static StepParameters every() {
        StepParameters p = new StepParameters();
        p.setJar("/opt/spendgate.jar");
        p.setJava("/jdk/bin/java");
        p.setPaths("ml/, llm/a.yaml");
        p.setPolicy("policy.yaml");
        p.setPrices("prices.yaml");
        p.setEngine("opa");
        p.setOpaUrl("http://opa:8181");
        p.setFailOn("warn");
        p.setNow("2026-11-22T12:00:00Z");
        p.setReportDir("out/gate/");
        p.setUnstableOnBlock(true);
        return p;
    }

    @Test
    void everyParameterBecomesItsOption() {
        assertEquals(List.of("/jdk/bin/java", "-jar", "/opt/spendgate.jar", "check", "ml/", "llm/a.yaml",
                "--policy", "policy.yaml", "--prices", "prices.yaml", "--engine", "opa", "--opa-url", "http://opa:8181",
                "--fail-on", "warn", "--now", "2026-11-22T12:00:00Z",
                "--format", "text", "--report", "out/gate/spendgate.json", "--junit", "out/gate/spendgate-junit.xml",
                "--sarif", "out/gate/spendgate.sarif"), every().arguments(Map.of("SPENDGATE_JAR", "/other.jar")).command());
    }

    @Test
    void theJarDefaultsToSpendgateJar() {
        StepParameters p = new StepParameters();
        assertEquals("/agent/spendgate.jar", p.arguments(Map.of("SPENDGATE_JAR", "/agent/spendgate.jar")).command().get(2));
        p.setJar("  ");
        assertEquals("/agent/spendgate.jar", p.arguments(Map.of("SPENDGATE_JAR", "/agent/spendgate.jar")).command().get(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.arguments(Map.of()));
        assertEquals("spendgate: jar: the path of spendgate.jar on the agent is required (or set SPENDGATE_JAR)", e.getMessage());
    }

    @Test
    void wrongParametersAreNamedBeforeAnythingRuns() {
        StepParameters p = new StepParameters();
        p.setEngine("rego");
        p.setFailOn("error");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.arguments(Map.of("SPENDGATE_JAR", "x.jar")));
        assertEquals("""
                spendgate: engine: "rego" is not an engine (use drools or opa)
                spendgate: failOn: "error" is not a level (use fail or warn)""", e.getMessage());
    }

    @Test
    void unstableOnBlockDecidesWhatABlockDoes() {
        StepParameters p = new StepParameters();
        assertEquals(BuildResult.FAILURE, p.decision(1).result());
        p.setUnstableOnBlock(true);
        assertEquals(BuildResult.UNSTABLE, p.decision(1).result());
        assertEquals(BuildResult.FAILURE, p.decision(3).result());
        assertEquals(GateDecision.of(4, true), p.decision(4));
    }

    /** The pipeline step is serialized with the program that runs it. */
    @Test
    void survivesJavaSerialization() throws Exception {
        var bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
            o.writeObject(every());
        }
        try (ObjectInputStream i = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            StepParameters copy = (StepParameters) i.readObject();
            assertEquals(every().arguments(Map.of()).command(), copy.arguments(Map.of()).command());
            assertTrue(copy.isUnstableOnBlock());
        }
    }
}
