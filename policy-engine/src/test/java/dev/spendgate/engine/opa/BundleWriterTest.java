package dev.spendgate.engine.opa;

import dev.spendgate.engine.opa.testing.OpaBinary;
import dev.spendgate.error.InvalidInputException;
import dev.spendgate.policy.Pack;
import dev.spendgate.policy.bundle.BundleWriter;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bundles: what they hold, the same bytes for the same packs, and what OPA itself reads in them. */
class BundleWriterTest {

    @TempDir
    Path tmp;

    @Test
    void aBundleHoldsTheManifestTheDecisionThePacksRegoAndTheirMetadata() throws Exception {
        Pack tiny = TinyPack.load();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BundleWriter.Bundle bundle = BundleWriter.write(List.of(tiny), null, out);
        assertEquals(List.of(".manifest", "spendgate/decision.rego", "spendgate/meta/data.json",
                "spendgate/packs/tiny/tiny.rego"), bundle.files(), "tests (tiny_test.rego) stay out");
        assertTrue(bundle.revision().matches("tiny@1\\.0-[0-9a-f]{12}"), bundle.revision());

        ByteArrayOutputStream again = new ByteArrayOutputStream();
        BundleWriter.write(List.of(TinyPack.load()), null, again);
        assertArrayEquals(out.toByteArray(), again.toByteArray(), "the same packs give the same bytes");

        Path file = tmp.resolve("bundle.tar.gz");
        Files.write(file, out.toByteArray());
        OpaBinary.Run inspect = OpaBinary.run(tmp, "inspect", "--format", "json", file.toString());
        assertEquals(0, inspect.exitCode(), inspect.output());
        JsonObject json = Json.createReader(new StringReader(inspect.output())).readObject();
        assertEquals(bundle.revision(), json.getJsonObject("manifest").getString("revision"));
        assertEquals("[\"spendgate\"]", json.getJsonObject("manifest").getJsonArray("roots").toString());
        assertEquals(List.of("data.spendgate.decision", "data.spendgate.meta", "data.spendgate.packs.tiny"),
                json.getJsonObject("namespaces").keySet().stream().sorted().toList());
    }

    @Test
    void aGivenRevisionIsUsedAndChangesTheBytes() throws Exception {
        Pack tiny = TinyPack.load();
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        assertEquals("2026.11.22-1", BundleWriter.write(List.of(tiny), "2026.11.22-1", a).revision());
        BundleWriter.write(List.of(tiny), "2026.11.22-2", b);
        assertFalse(java.util.Arrays.equals(a.toByteArray(), b.toByteArray()));
    }

    @Test
    void aPackWithoutRegoOrWithRegoOutsideItsPackageIsInvalid() {
        Pack tiny = TinyPack.load();
        Pack none = new Pack("acme", "1", "./packs/acme", tiny.rules(), Map.of());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> BundleWriter.write(List.of(none), null, new ByteArrayOutputStream()));
        assertEquals("./packs/acme/rego:1:1: pack acme has no Rego (rego/*.rego), so it cannot run on OPA",
                e.problems().get(0).toString());

        Pack wrong = new Pack("my-pack", "1", "./packs/my-pack", tiny.rules(),
                Map.of("opa", Map.of("a.rego", "# rules\npackage spendgate.packs.other\n\ndetections := set()\n",
                        "b.rego", "package spendgate.packs[\"my-pack\"].helpers\n")));
        e = assertThrows(InvalidInputException.class,
                () -> BundleWriter.write(List.of(wrong), null, new ByteArrayOutputStream()));
        assertEquals(1, e.problems().size(), e.problems().toString());
        assertEquals("./packs/my-pack/rego/a.rego:2:1: package spendgate.packs.other is not spendgate.packs[\"my-pack\"],"
                + " the package of pack my-pack", e.problems().get(0).toString());
    }
}
