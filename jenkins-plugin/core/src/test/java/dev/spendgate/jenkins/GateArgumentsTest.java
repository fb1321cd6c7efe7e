package dev.spendgate.jenkins;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GateArgumentsTest {

    @Test
    void mapsEveryParameterToItsOption() {
        GateArguments a = GateArguments.builder().jar("/opt/spendgate.jar").paths(List.of("ml/", "llm/a.yaml"))
                .policy("policy.yaml").prices("prices.yaml").engine("opa").opaUrl("http://opa:8181")
                .failOn("warn").now("2026-11-22T12:00:00Z").reportDir("out/gate/").build();
        assertEquals(List.of("java", "-jar", "/opt/spendgate.jar", "check", "ml/", "llm/a.yaml",
                "--policy", "policy.yaml", "--prices", "prices.yaml", "--engine", "opa", "--opa-url", "http://opa:8181",
                "--fail-on", "warn", "--now", "2026-11-22T12:00:00Z",
                "--format", "text", "--report", "out/gate/spendgate.json", "--junit", "out/gate/spendgate-junit.xml",
                "--sarif", "out/gate/spendgate.sarif"), a.command());
    }

    @Test
    void blankValuesAreNotGiven() {
        GateArguments a = GateArguments.builder().java(" ").jar(" x.jar ").paths(" ").policy("").engine(" ")
                .opaUrl("").failOn(null).now("").reportDir("").build();
        assertEquals(List.of("java", "-jar", "x.jar", "check", "--format", "text",
                "--report", "spendgate-reports/spendgate.json", "--junit", "spendgate-reports/spendgate-junit.xml",
                "--sarif", "spendgate-reports/spendgate.sarif"), a.command());
        assertEquals("spendgate-reports/spendgate.json", a.jsonReport());
    }

    @Test
    void freestylePathsSplitOnCommasAndWhiteSpace() {
        GateArguments a = GateArguments.builder().jar("x.jar").java("/jdk/bin/java").paths("a.yaml, b/\nc").build();
        assertEquals(List.of("/jdk/bin/java", "-jar", "x.jar", "check", "a.yaml", "b/", "c"), a.command().subList(0, 7));
    }

    @Test
    void namesEveryWrongParameterAtOnce() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GateArguments.builder()
                .paths(List.of("--all")).engine("rego").opaUrl("http://x").failOn("error").now("yesterday").build());
        assertEquals("""
                spendgate: jar: the path of spendgate.jar on the agent is required (or set SPENDGATE_JAR)
                spendgate: paths: "--all" starts with '-'; give options as parameters, not as paths
                spendgate: engine: "rego" is not an engine (use drools or opa)
                spendgate: opaUrl: set only with engine: 'opa' (the engine is rego)
                spendgate: failOn: "error" is not a level (use fail or warn)
                spendgate: now: "yesterday" is not an instant (e.g. 2026-11-22T12:00:00Z)""", e.getMessage());
    }

    @Test
    void opaUrlNeedsTheOpaEngine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GateArguments.builder().jar("x.jar").opaUrl("http://opa:8181").build());
        assertEquals("spendgate: opaUrl: set only with engine: 'opa' (the engine is drools)", e.getMessage());
    }
}
