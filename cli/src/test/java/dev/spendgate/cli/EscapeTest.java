package dev.spendgate.cli;

import dev.spendgate.engine.opa.testing.OpaServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
    static final String FOCUS = "focus-2026-11.csv";

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

    // --- what is a manifest: decided on the decoded document ---------------------------------

    static final String[] ENCODINGS = {"UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE", "UTF-16LE+BOM", "UTF-16BE+BOM",
            "UTF-32LE+BOM", "UTF-32BE+BOM", "UTF-8+BOM"};

    private static byte[] encode(String text, String encoding) {
        boolean bom = encoding.endsWith("+BOM");
        String charset = encoding.replace("+BOM", "");
        return ((bom ? "\uFEFF" : "") + text).getBytes(java.nio.charset.Charset.forName(charset));
    }

    @ParameterizedTest
    @ValueSource(strings = {"drools", "opa"})
    void aManifestInUtf16OrUtf32InAFolderIsGated(String engine) throws IOException {
        String llama = Files.readString(Path.of(LLAMA));
        for (String encoding : ENCODINGS) {
            Path d = tmp.resolve(encoding);
            Files.createDirectories(d);
            Files.write(d.resolve("x.yaml"), encode(llama, encoding));
            CliRun r = check(engine, d.toString(), "--format", "json");
            assertEquals(1, r.exitCode(), encoding + ": " + r.out() + r.err());
            assertTrue(r.out().contains("\"manifests\": 1,"), encoding + ": " + r.out());
            assertTrue(r.out().contains("\"rule\": \"SG-BUD-003\""), encoding + ": " + r.out());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"spendgate.dev.v1", "spendgath.dev/v1", "SpendGate.dev/v1", "null", "[spendgate.dev/v1]",
            "\"spendgate\\x2edev/v2\"", "42"})
    void aMistypedApiVersionIsInvalidInputInAFolderAndNamed(String apiVersion) throws IOException {
        String llama = Files.readString(Path.of(LLAMA)).replace("apiVersion: spendgate.dev/v1", "apiVersion: " + apiVersion);
        Path d = tmp.resolve("api");
        Files.createDirectories(d);
        Files.writeString(d.resolve("x.yaml"), llama);
        for (String path : new String[] {d.toString(), d.resolve("x.yaml").toString()}) {
            CliRun r = check("drools", path);
            assertEquals(3, r.exitCode(), apiVersion + ": " + r.out() + r.err());
            assertOneLine(r, "x.yaml:3:", "apiVersion", "spendgate.dev/v1", "(exit 3)");
            if (!apiVersion.contains("v2")) {
                assertOneLine(r, "did you mean spendgate.dev/v1?");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"drools", "opa"})
    void aYamlEscapeDoesNotHideAManifest(String engine) throws IOException {
        String llama = Files.readString(Path.of(LLAMA)).replace("apiVersion: spendgate.dev/v1",
                "apiVersion: \"spendgate\\x2edev/v1\"");
        Path d = tmp.resolve("escaped");
        Files.createDirectories(d);
        Files.writeString(d.resolve("x.yaml"), llama);
        CliRun r = check(engine, d.toString());
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("FAIL  llama-finetune"), r.out());
    }

    @Test
    void anotherToolsDocumentsAreLeftAlone() throws IOException {
        Path d = tmp.resolve("other");
        Files.createDirectories(d);
        Files.writeString(d.resolve("deploy.yaml"), "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\n"
                + "spec: {replicas: 2}\n");
        Files.writeString(d.resolve("katib.yaml"), "apiVersion: kubeflow.org/v1beta1\nkind: Experiment\n"
                + "metadata: {name: tune}\nspec: {objective: {type: maximize}}\n");
        Files.copy(Path.of(LLAMA), d.resolve("llama.yaml"));
        CliRun r = check("drools", d.toString(), "--format", "json");
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("\"manifests\": 1,"), r.out());
        assertTrue(r.out().contains("\"skipped\": 0"), r.out());
    }

    @Test
    void binaryFilesDanglingLinksAndLoopsAreSkippedWithTheirReasonAndStrictMakesThemErrors() throws IOException {
        Path d = tmp.resolve("skips");
        Files.createDirectories(d);
        Files.copy(Path.of(LLAMA), d.resolve("llama.yaml"));
        Files.write(d.resolve("blob.yaml"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13});
        Files.createSymbolicLink(d.resolve("gone.yaml"), d.resolve("missing.yaml"));
        Files.createSymbolicLink(d.resolve("a.yaml"), d.resolve("b.yaml"));
        Files.createSymbolicLink(d.resolve("b.yaml"), d.resolve("a.yaml"));
        CliRun r = check("drools", d.toString(), "--format", "json");
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("\"skipped\": 4"), r.out());
        for (String reason : new String[] {"symbolic link loop", "dangling symbolic link", "binary file"}) {
            assertTrue(r.out().contains(reason), reason + " in " + r.out());
        }
        CliRun text = check("drools", d.toString());
        assertTrue(text.out().contains(", 4 files skipped, potential savings 2,643.20 USD ["), text.out());
        for (String format : new String[] {"sarif", "junit", "gitlab", "markdown"}) {
            CliRun f = check("drools", d.toString(), "--format", format);
            assertTrue(f.out().contains("gone.yaml") && f.out().contains("dangling symbolic link"), format + ": " + f.out());
        }

        CliRun strict = check("drools", d.toString(), "--discovery-strict");
        assertEquals(3, strict.exitCode(), strict.out() + strict.err());
        assertOneLine(strict, "gone.yaml:1:1: skipped: dangling symbolic link", "--discovery-strict", "4 problems", "(exit 3)");

        Path policy = tmp.resolve("strict-policy.yaml");
        Files.writeString(policy, """
                apiVersion: spendgate.dev/v1
                kind: PolicySet
                metadata: {name: strict}
                discovery: {strict: true}
                """);
        CliRun byPolicy = check("drools", d.toString(), "--policy", policy.toString());
        assertEquals(3, byPolicy.exitCode(), byPolicy.out() + byPolicy.err());
        assertOneLine(byPolicy, "blob.yaml:1:1: skipped: binary file", "discovery.strict of the policy set", "(exit 3)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"drools", "opa"})
    void noManifestsIsSaidProminentlyAndRequiredManifestsMakeItAnError(String engine) throws IOException {
        Path d = tmp.resolve("empty");
        Files.createDirectories(d);
        Files.writeString(d.resolve("empty.yaml"), "");
        CliRun r = check(engine, d.toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().startsWith("NO MANIFESTS FOUND: nothing was gated\n"), r.out());
        CliRun required = check(engine, d.toString(), "--require-manifests");
        assertEquals(3, required.exitCode(), required.out() + required.err());
        assertOneLine(required, "empty:1:1: no manifests found (--require-manifests requires at least one)", "(exit 3)");
        CliRun file = check(engine, d.resolve("empty.yaml").toString(), "--require-manifests");
        assertEquals(3, file.exitCode(), file.out() + file.err());

        Path policy = tmp.resolve("require-policy.yaml");
        Files.writeString(policy, """
                apiVersion: spendgate.dev/v1
                kind: PolicySet
                metadata: {name: require}
                discovery: {requireManifests: true}
                """);
        CliRun byPolicy = check(engine, d.toString(), "--policy", policy.toString());
        assertEquals(3, byPolicy.exitCode(), byPolicy.out() + byPolicy.err());
        assertOneLine(byPolicy, "no manifests found (discovery.requireManifests of the policy set requires at least one)");
    }

    // --- OPA serves what it claims ----------------------------------------------------------

    /** The files of a {@code .tar.gz} bundle, by path (a reader of the ustar format {@code packs bundle} writes). */
    static java.util.Map<String, byte[]> untar(Path bundle) throws IOException {
        java.util.Map<String, byte[]> files = new java.util.TreeMap<>();
        try (java.io.InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(bundle))) {
            byte[] all = in.readAllBytes();
            for (int at = 0; at + 512 <= all.length; ) {
                String name = new String(all, at, 100, java.nio.charset.StandardCharsets.US_ASCII).replaceAll("\u0000.*", "");
                if (name.isEmpty()) {
                    break;
                }
                String prefix = new String(all, at + 345, 155, java.nio.charset.StandardCharsets.US_ASCII).replaceAll("\u0000.*", "");
                String size = new String(all, at + 124, 12, java.nio.charset.StandardCharsets.US_ASCII).replaceAll("[\u0000 ]", "");
                int n = Integer.parseInt(size, 8);
                files.put(prefix.isEmpty() ? name : prefix + "/" + name, java.util.Arrays.copyOfRange(all, at + 512, at + 512 + n));
                at += 512 + (n + 511) / 512 * 512;
            }
        }
        return files;
    }

    /** A bundle folder: the shipped bundle's files, with {@code path} replaced by {@code text} (removed when null). */
    static Path tampered(Path dir, String path, String text) throws IOException {
        java.util.Map<String, byte[]> files = untar(shared.resolve("spendgate.tar.gz"));
        if (text == null) {
            files.remove(path);
        } else {
            files.put(path, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        for (java.util.Map.Entry<String, byte[]> f : files.entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, f.getValue());
        }
        return dir;
    }

    static final String DROPPING_DECISION = """
            package spendgate.decision

            import rego.v1

            detections := []

            evaluated := [m.name | some m in input.manifests]
            """;

    private CliRun checkOn(OpaServer server, String... more) {
        List<String> all = new ArrayList<>(List.of("check", LLAMA, "--now", NOW, "--engine", "opa", "--opa-url", server.url()));
        all.addAll(List.of(more));
        return CliRun.of(all.toArray(new String[0]));
    }

    @Test
    void anOpaServerThatClaimsThePacksButServesOtherRegoIsAMismatch() throws IOException {
        try (OpaServer evil = OpaServer.start(tampered(tmp.resolve("evil"), "spendgate/decision.rego", DROPPING_DECISION))) {
            CliRun r = checkOn(evil);
            assertEquals(4, r.exitCode(), r.out() + r.err());
            assertOneLine(r, "spendgate: engine_policy_mismatch: OPA at " + evil.url() + " does not serve the selected packs' "
                    + "content: module spendgate/decision.rego is served with other content", "(exit 4)");
            assertEquals(1, r.err().lines().count(), r.err());
            assertEquals("", r.out());
        }
        String gpu = new String(untar(shared.resolve("spendgate.tar.gz")).get("spendgate/packs/baseline/gpu.rego"),
                java.nio.charset.StandardCharsets.UTF_8);
        String weakened = gpu.replace("\"SG-GPU-001\"", "\"SG-GPU-001-off\"");
        try (OpaServer evil = OpaServer.start(tampered(tmp.resolve("gpu"), "spendgate/packs/baseline/gpu.rego", weakened))) {
            CliRun r = checkOn(evil);
            assertEquals(4, r.exitCode(), r.out() + r.err());
            assertOneLine(r, "module spendgate/packs/baseline/gpu.rego is served with other content");
        }
        try (OpaServer evil = OpaServer.start(tampered(tmp.resolve("extra"), "spendgate/packs/baseline/zz_extra.rego",
                "package spendgate.packs.baseline\n\nimport rego.v1\n\nquiet := true\n"))) {
            CliRun r = checkOn(evil);
            assertEquals(4, r.exitCode(), r.out() + r.err());
            assertOneLine(r, "zz_extra.rego (package spendgate.packs.baseline) is not in the selected packs");
        }
        try (OpaServer evil = OpaServer.start(tampered(tmp.resolve("missing"), "spendgate/packs/baseline/gpu.rego", null))) {
            CliRun r = checkOn(evil);
            assertEquals(4, r.exitCode(), r.out() + r.err());
            assertOneLine(r, "module spendgate/packs/baseline/gpu.rego is not served");
        }
    }

    @Test
    void aDecisionThatDropsManifestsFailsEvenWithoutVerification() throws IOException {
        String dropping = DROPPING_DECISION.replace("[m.name | some m in input.manifests]", "[]");
        try (OpaServer evil = OpaServer.start(tampered(tmp.resolve("drop"), "spendgate/decision.rego", dropping))) {
            CliRun r = checkOn(evil, "--opa-skip-policy-verification");
            assertEquals(4, r.exitCode(), r.out() + r.err());
            assertOneLine(r, "spendgate: engine_invalid_result: OPA at " + evil.url() + " (spendgate/decision) evaluated 0 of "
                    + "the 1 manifests it was sent: it dropped 'llama-finetune' (exit 4)");
        }
        String silent = DROPPING_DECISION.replace("evaluated := [m.name | some m in input.manifests]", "");
        try (OpaServer evil = OpaServer.start(tampered(tmp.resolve("silent"), "spendgate/decision.rego", silent))) {
            CliRun r = checkOn(evil, "--opa-skip-policy-verification");
            assertEquals(4, r.exitCode(), r.out() + r.err());
            assertOneLine(r, "does not list the manifests it evaluated");
        }
    }

    @Test
    void optingOutOfVerificationIsStatedInTheReport() {
        CliRun r = checkOn(opa, "--opa-skip-policy-verification");
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("policies unverified the modules the server has were not checked against the selected "
                + "packs (--opa-skip-policy-verification)"), r.out());
        CliRun json = checkOn(opa, "--opa-skip-policy-verification", "--format", "json");
        assertTrue(json.out().contains("\"policies_unverified\": "), json.out());
        CliRun verified = checkOn(opa);
        assertEquals(1, verified.exitCode(), verified.out() + verified.err());
        assertTrue(!verified.out().contains("unverified"), verified.out());
    }

    // --- the smaller ones -------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"drools", "opa"})
    void spendWhoseRowsAreAllRejectedSaysSoNotThatThereAreNone(String engine) throws IOException {
        Path csv = tmp.resolve("eur.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("../examples/spend/" + FOCUS)));
        for (int i = 1; i < lines.size(); i++) {
            lines.set(i, lines.get(i).replace(",USD,", ",EUR,"));
        }
        Files.write(csv, lines);
        CliRun r = check(engine, LLAMA, "--spend", csv.toString());
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("has no usable rows: all " + (lines.size() - 1) + " rows were rejected (see the bad rows)"),
                r.out());
        assertTrue(!r.out().contains("has no rows at all"), r.out());
    }

    @Test
    void aWaiversPathNamingASystemFileDoesNotQuoteIt() throws IOException {
        Path system = tmp.resolve("passwd");
        Files.writeString(system, "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n");
        Path policy = tmp.resolve("policy.yaml");
        Files.writeString(policy, "apiVersion: spendgate.dev/v1\nkind: PolicySet\nmetadata: {name: p}\nwaivers: "
                + system + "\n");
        CliRun r = check("drools", LLAMA, "--policy", policy.toString());
        assertEquals(3, r.exitCode(), r.out() + r.err());
        assertOneLine(r, "passwd:1:1: expected a mapping, got a string", "(exit 3)");
        assertTrue(!r.err().contains("root:x"), r.err());
    }
}
