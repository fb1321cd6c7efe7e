package dev.spendgate.engine.opa;

import dev.spendgate.engine.EngineException;
import dev.spendgate.engine.EngineSettings;
import dev.spendgate.engine.opa.testing.OpaServer;
import dev.spendgate.gate.GateReport;
import dev.spendgate.manifest.Manifest;
import dev.spendgate.policy.Pack;
import dev.spendgate.policy.bundle.BundleWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A bearer token against real OPA behind an authorization policy, and TLS with a real certificate. */
class OpaSecurityTest {

    private static final String TOKEN = "s3cret-t0ken";

    @TempDir
    static Path tmp;

    static Pack tiny;
    static List<Manifest> manifests;

    @BeforeAll
    static void load() {
        tiny = TinyPack.load();
        manifests = TinyPack.manifests(tmp, TinyPack.MANIFESTS);
    }

    @Test
    void theBearerTokenIsSentAndNeverShown() throws Exception {
        Path authz = Files.createDirectories(tmp.resolve("authz/system/authz"));
        Files.writeString(authz.resolve("authz.rego"), """
                package system.authz

                import rego.v1

                default allow := false

                allow if input.identity == "%s"
                """.formatted(TOKEN));
        Files.writeString(tmp.resolve("authz/.manifest"), "{\"roots\": [\"system\"]}");
        Path bundleDir = Files.createDirectories(tmp.resolve("token"));
        try (OutputStream out = Files.newOutputStream(bundleDir.resolve("bundle.tar.gz"))) {
            BundleWriter.write(List.of(tiny), null, out);
        }
        try (OpaServer opa = OpaServer.start(List.of(bundleDir.resolve("bundle.tar.gz"), tmp.resolve("authz")),
                "--authentication=token", "--authorization=basic")) {
            GateReport report = TinyPack.check(List.of(tiny), manifests, "opa", new EngineSettings(Map.of(
                    OpaEngine.URL, opa.url(), OpaEngine.TOKEN, TOKEN)));
            assertEquals(2, report.manifests().size());

            for (String token : new String[] {null, "wrong-" + TOKEN}) {
                EngineSettings settings = new EngineSettings(token == null ? Map.of(OpaEngine.URL, opa.url())
                        : Map.of(OpaEngine.URL, opa.url(), OpaEngine.TOKEN, token));
                EngineException e = assertThrows(EngineException.class,
                        () -> TinyPack.check(List.of(tiny), manifests, "opa", settings));
                assertEquals("engine_unauthorized", e.code());
                assertEquals("OPA at " + opa.url() + " refused the request: HTTP 401 unauthorized: request rejected by"
                        + " administrative policy (" + (token == null ? "no bearer token was sent" : "check the bearer token")
                        + ")", e.getMessage());
                assertFalse(e.getMessage().contains(TOKEN));
                assertFalse(settings.toString().contains(TOKEN), settings.toString());
            }
        }
    }

    @Test
    void httpsWithTheServersCertificateInTheTrustStore() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("tls"));
        Path keyStore = dir.resolve("server.p12");
        keytool("-genkeypair", "-alias", "opa", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "san=ip:127.0.0.1", "-validity", "2", "-keystore", keyStore.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-keypass", "changeit");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keyStore.toFile())) {
            ks.load(in, "changeit".toCharArray());
        }
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Files.writeString(cert, pem("CERTIFICATE", ks.getCertificate("opa").getEncoded()));
        Files.writeString(key, pem("PRIVATE KEY", ks.getKey("opa", "changeit".toCharArray()).getEncoded()));

        try (OpaServer opa = OpaServer.withPacks(List.of(tiny), dir, "--tls-cert-file", cert.toString(),
                "--tls-private-key-file", key.toString())) {
            assertTrue(opa.url().startsWith("https://"));
            // the certificate as PEM, and the PKCS#12 store with its password
            GateReport pemTrust = TinyPack.check(List.of(tiny), manifests, "opa", new EngineSettings(Map.of(
                    OpaEngine.URL, opa.url(), OpaEngine.TRUST_STORE, cert.toString())));
            GateReport p12Trust = TinyPack.check(List.of(tiny), manifests, "opa", new EngineSettings(Map.of(
                    OpaEngine.URL, opa.url(), OpaEngine.TRUST_STORE, keyStore.toString(),
                    OpaEngine.TRUST_STORE_PASSWORD, "changeit")));
            assertEquals(pemTrust.manifests(), p12Trust.manifests());

            // the JVM's default trust store does not know the certificate
            EngineException e = assertThrows(EngineException.class, () -> TinyPack.check(List.of(tiny), manifests, "opa",
                    new EngineSettings(Map.of(OpaEngine.URL, opa.url(), OpaEngine.RETRY_BACKOFF, "10ms"))));
            assertEquals("engine_unreachable", e.code());
            assertTrue(e.getMessage().startsWith("TLS with OPA at " + opa.url() + " failed: "), e.getMessage());
            assertTrue(e.getMessage().endsWith("(is the server's certificate in the trust store?)"), e.getMessage());

            e = assertThrows(EngineException.class, () -> TinyPack.check(List.of(tiny), manifests, "opa",
                    new EngineSettings(Map.of(OpaEngine.URL, opa.url(), OpaEngine.TRUST_STORE, dir.resolve("none.p12").toString()))));
            assertEquals("engine_settings", e.code());
            assertTrue(e.getMessage().startsWith("trust store " + dir.resolve("none.p12") + " does not load: "), e.getMessage());
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new java.util.ArrayList<>();
        command.add(java.toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
    }
}
