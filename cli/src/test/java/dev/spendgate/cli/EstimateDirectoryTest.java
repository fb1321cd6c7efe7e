package dev.spendgate.cli;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code spendgate estimate -C DIR} finds what {@code check -C DIR} finds (the default manifest
 * folder and policy set, manifest paths, {@code --prices}) and names paths in its output and its
 * errors as check names them; its {@code --format} values come from the estimate renderer registry.
 */
class EstimateDirectoryTest {

    @TempDir
    Path dir;

    /** {@code DIR/.spendgate/manifests/churn.yaml}, the churn-classifier-ft example. */
    private void churnInDefaultFolder() throws IOException {
        Path manifests = Files.createDirectories(dir.resolve(".spendgate/manifests"));
        Files.copy(Path.of(CostCliTest.CHURN), manifests.resolve("churn.yaml"));
    }

    private static JsonObject json(CliRun r) {
        return Json.createReader(new StringReader(r.out())).readObject();
    }

    @Test
    void findsTheDefaultManifestsAndThePriceFilesFromDir() throws IOException {
        churnInDefaultFolder();
        CostCliTest.writeEarlyAndLatePrices(dir);
        String[] prices = {"--prices", "early.yaml", "--prices", "late.json"};

        CliRun estimate = CliRun.of("estimate", "-C", dir.toString(), prices[0], prices[1], prices[2], prices[3],
                "--format", "json");
        assertEquals(0, estimate.exitCode(), estimate.err());
        assertEquals("", estimate.err());
        JsonObject churn = json(estimate).getJsonArray("manifests").getJsonObject(0);
        assertEquals(".spendgate/manifests/churn.yaml", churn.getString("file"));
        // late.json's token prices, early.yaml's T4, as check -C prices them (CostCliTest)
        assertEquals("2.99", churn.getJsonObject("estimate").getJsonNumber("total").bigDecimalValue().toPlainString());
        assertEquals("late.json", churn.getJsonArray("prices").getJsonObject(0).getString("from"));

        CliRun check = CliRun.of("check", "-C", dir.toString(), prices[0], prices[1], prices[2], prices[3],
                "--now", CostCliTest.NOW, "--format", "json");
        JsonObject checked = json(check).getJsonArray("manifests").getJsonObject(0);
        assertEquals(churn.getString("file"), checked.getString("file"));
        assertEquals(churn.getJsonObject("estimate"), checked.getJsonObject("estimate"));

        CliRun text = CliRun.of("estimate", "--directory", dir.toString(), "--prices", "early.yaml");
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("""
                  from early.yaml (negotiated, 2026-11-15)

                churn-classifier-ft  .spendgate/manifests/churn.yaml
                """), text.out());
    }

    @Test
    void manifestPathsAreFromDirAndNamedAsCheckNamesThem() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("ml"));
        Files.copy(Path.of("../examples/manifests/inference/fraud-scorer.yaml"), sub.resolve("fraud.yaml"));
        CliRun r = CliRun.of("estimate", "-C", dir.toString(), "ml");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("\nfraud-scorer  ml/fraud.yaml\n"), r.out());
        CliRun check = CliRun.of("check", "-C", dir.toString(), "ml", "--now", CostCliTest.NOW);
        assertTrue(check.out().contains("  ml/fraud.yaml\n"), check.out());
    }

    @Test
    void errorsNameThePathsAsCheckDoesAndExitThree() throws IOException {
        Files.copy(Path.of("../examples/invalid/typos.yaml"), dir.resolve("typos.yaml"));
        for (String[] args : new String[][]{{"typos.yaml"}, {"missing.yaml"}, {"--prices", "missing.json"}}) {
            CliRun estimate = CliRun.of(concat(new String[]{"estimate", "-C", dir.toString()}, args));
            CliRun check = CliRun.of(concat(new String[]{"check", "-C", dir.toString(), "--now", CostCliTest.NOW}, args));
            assertEquals(3, estimate.exitCode(), estimate.out() + estimate.err());
            assertEquals(3, check.exitCode(), check.out() + check.err());
            assertEquals("", estimate.out());
            assertEquals(check.err(), estimate.err(), String.join(" ", args));
        }
        assertTrue(CliRun.of("estimate", "-C", dir.toString(), "typos.yaml").err()
                .startsWith("typos.yaml:6:3: metadata.name: \"Search_Ranker\" is not a lowercase DNS label"));
        assertEquals("missing.yaml:1:1: no such file or folder\nspendgate: 1 problem in the input (exit 3)\n",
                CliRun.of("estimate", "-C", dir.toString(), "missing.yaml").err());
    }

    @Test
    void readsThePolicySetOfDir() throws IOException {
        churnInDefaultFolder();
        Files.writeString(dir.resolve(".spendgate/policy.yaml"), """
                apiVersion: spendgate.dev/v1
                kind: PolicySet
                metadata: {name: acme}
                spec:
                  packs: [baseline]
                """);
        CliRun estimate = CliRun.of("estimate", "-C", dir.toString());
        assertEquals(3, estimate.exitCode(), estimate.out());
        assertTrue(estimate.err().startsWith(".spendgate/policy.yaml:4:1: spec: unknown key"), estimate.err());
        assertEquals(CliRun.of("check", "-C", dir.toString(), "--now", CostCliTest.NOW).err(), estimate.err());
    }

    @Test
    void formatsComeFromTheRegistry() {
        CliRun help = CliRun.of("estimate", "--help");
        assertTrue(help.out().contains("Estimate format: json, text."), help.out());
        CliRun sarif = CliRun.of("estimate", CostCliTest.CHURN, "--format", "sarif");
        assertEquals(2, sarif.exitCode());
        assertEquals("", sarif.out());
        assertTrue(sarif.err().startsWith("spendgate: --format: unknown estimate format 'sarif' (choose from json, text)\n"),
                sarif.err());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
