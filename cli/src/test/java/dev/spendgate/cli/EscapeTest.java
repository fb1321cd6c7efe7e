package dev.spendgate.cli;

import dev.spendgate.engine.opa.testing.OpaServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ways a careless or hostile change could walk around the gate, each tried as a user would,
 * on Drools and on a real OPA server: every one ends in a blocking verdict or a one-line error
 * with its exit code, never a pass.
 */
class EscapeTest {

    static final String NOW = CliTest.NOW;
    static final String LLAMA = "../examples/manifests/training/llama-finetune.yaml";

    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    static OpaServer opa;

    @BeforeAll
    static void serve() {
        Path bundle = shared.resolve("spendgate.tar.gz");
        CliRun r = CliRun.of("packs", "bundle", "--output", bundle.toString());
        assertEquals(0, r.exitCode(), r.err());
        opa = OpaServer.start(bundle);
    }

    @AfterAll
    static void stop() {
        if (opa != null) {
            opa.close();
        }
    }

    /** {@code check} on {@code engine} (the shipped baseline pack), with {@code args}. */
    static CliRun check(String engine, String... args) {
        List<String> all = new ArrayList<>(List.of("check", "--now", NOW, "--engine", engine));
        if (engine.equals("opa")) {
            all.addAll(List.of("--opa-url", opa.url()));
        }
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(new String[0]));
    }

    /** A line per problem and the closing line on stderr, naming what it is about, no stack trace. */
    static void assertOneLine(CliRun r, String... parts) {
        String err = r.err();
        assertTrue(err.contains("spendgate: "), err);
        assertTrue(!err.contains("\tat ") && !err.contains("Exception"), err);
        for (String p : parts) {
            assertTrue(err.contains(p), p + " missing in: " + err);
        }
    }

    private Path policyWithWaiver(String created, String expires, String approver) throws IOException {
        Path dir = tmp.resolve("policy");
        Files.createDirectories(dir.resolve("waivers"));
        Files.writeString(dir.resolve("policy.yaml"), """
                apiVersion: spendgate.dev/v1
                kind: PolicySet
                metadata: {name: escape}
                packs: [baseline]
                waivers: waivers/
                """);
        Files.writeString(dir.resolve("waivers/w.yaml"), """
                apiVersion: spendgate.dev/v1
                kind: Waiver
                metadata:
                  name: llama-on-demand
                  created: %s
                spec:
                  rule: SG-GPU-001
                  manifest: llama-finetune
                  reason: "waived for the escape test"
                  approver: %s
                  expires: %s
                """.formatted(created, approver, expires));
        return dir.resolve("policy.yaml");
    }

    @ParameterizedTest
    @ValueSource(strings = {"drools", "opa"})
    void aWaiverCreatedInTheFutureIsInvalidInput(String engine) throws IOException {
        Path policy = policyWithWaiver("2030-12-01", "2031-01-01", "dana@example.com");
        CliRun r = check(engine, LLAMA, "--policy", policy.toString());
        assertEquals(3, r.exitCode(), r.out() + r.err());
        assertOneLine(r, "waivers/w.yaml:5:3: metadata.created: 2030-12-01 is after today (2026-11-22)", "(exit 3)");
        assertEquals("", r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"drools", "opa"})
    void aWaiverApprovedByTheManifestsOwnerDoesNotApply(String engine) throws IOException {
        String owner = Files.readAllLines(Path.of(LLAMA)).stream().filter(l -> l.trim().startsWith("owner:"))
                .findFirst().orElseThrow().trim().substring("owner:".length()).trim();
        Path policy = policyWithWaiver("2026-11-20", "2026-12-20", owner);
        CliRun r = check(engine, LLAMA, "--policy", policy.toString(), "--format", "json");
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("\"rule\": \"SG-WVR-004\""), r.out());
        assertTrue(r.out().contains("\"waived\": 0"), r.out());
    }
}
