package dev.spendgate.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.spendgate.cost.LiteLlmPriceLoader;
import dev.spendgate.cost.PriceFiles;
import dev.spendgate.error.InvalidInputException;
import dev.spendgate.manifest.ManifestLoader;
import dev.spendgate.policy.Pack;
import dev.spendgate.policy.PackLoader;
import dev.spendgate.policy.PolicySetLoader;
import dev.spendgate.policy.WaiverLoader;
import dev.spendgate.yaml.YamlDocument;
import dev.spendgate.yaml.YamlFile;
import dev.spendgate.yaml.YamlNode;
import dev.spendgate.yaml.YamlReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Fuzz tests of the readers of untrusted files: YAML and the manifest loader, policy sets, waivers,
 * and price catalogs (spendgate's YAML and LiteLLM's JSON). Each must end in a result or in its
 * documented failure ({@link InvalidInputException}), never in another exception, a
 * {@link StackOverflowError} or a hang.
 *
 * <p>In the ordinary build these run in Jazzer's regression mode over the committed corpus in
 * {@code src/test/resources/dev/spendgate/fuzz/LoadersFuzzTestInputs/<method>/}; with
 * {@code JAZZER_FUZZ=1} one of them fuzzes (see README, "Fuzzing").
 */
class LoadersFuzzTest {

    private static final Path FOLDER = Path.of("src/test/resources/engine/opa/tiny").toAbsolutePath();
    private static final Set<String> RULES = Set.of("TINY-001", "TINY-002", "SG-GPU-001", "SG-BUD-003");

    private static Pack tiny;

    private static List<Pack> packs() throws InvalidInputException {
        if (tiny == null) {
            tiny = new PackLoader().loadFolder(FOLDER, "tiny");
        }
        return List.of(tiny);
    }

    @FuzzTest(maxDuration = "30s")
    void yamlAndManifests(byte[] data) {
        YamlFile file = new YamlReader().read("f.yaml", data);
        for (YamlDocument doc : file.documents()) {
            if (doc.root() != null) {
                doc.root().toPlain();
            }
        }
        ManifestLoader.Result r = new ManifestLoader().read(List.of(new ManifestLoader.Source("f.yaml", data)));
        r.problems().forEach(Object::toString);
        r.skipped().forEach(Object::toString);
    }

    @FuzzTest(maxDuration = "30s")
    void policySets(byte[] data) throws InvalidInputException {
        List<Pack> packs = packs();
        for (YamlDocument doc : new YamlReader().read("p.yaml", data).documents()) {
            if (doc.root() == null) {
                continue;
            }
            if (doc.root() instanceof YamlNode.Mapping m && (m.get("waivers") instanceof YamlNode.Scalar
                    || m.get("packs") != null)) {
                // a path of the policy's own: it reads the disk, which is the pipeline's, not the input's
                continue;
            }
            try {
                new PolicySetLoader().loadBody(doc.root(), "p.yaml", FOLDER, packs);
            } catch (InvalidInputException expected) {
                expected.problems().forEach(Object::toString);
            }
        }
    }

    @FuzzTest(maxDuration = "30s")
    void waivers(byte[] data) {
        List<YamlNode> nodes = new ArrayList<>();
        for (YamlDocument doc : new YamlReader().read("w.yaml", data).documents()) {
            if (doc.root() != null) {
                nodes.add(doc.root());
            }
        }
        try {
            new WaiverLoader().load(nodes, "w.yaml", RULES);
        } catch (InvalidInputException expected) {
            expected.problems().forEach(Object::toString);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void liteLlmPrices(byte[] data) {
        try {
            new LiteLlmPriceLoader().load("prices.json", data).origins();
        } catch (InvalidInputException expected) {
            expected.problems().forEach(Object::toString);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void priceCatalogs(byte[] data) {
        try {
            PriceFiles.read("prices.yaml", data).origins();
        } catch (InvalidInputException expected) {
            expected.problems().forEach(Object::toString);
        }
    }
}
