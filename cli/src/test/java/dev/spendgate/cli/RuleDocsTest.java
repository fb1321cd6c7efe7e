package dev.spendgate.cli;

import dev.spendgate.policy.Pack;
import dev.spendgate.policy.PackLoader;
import dev.spendgate.policy.RuleInfo;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code docs/rules/baseline.md}, the page each shipped rule's SARIF {@code helpUri} points at, is
 * made from the pack's own text and kept in step with it (regenerate with {@code -Dgolden.update=true}).
 */
class RuleDocsTest {

    private static final Path PAGE = Path.of("../docs/rules/baseline.md");

    static String page(Pack pack) {
        StringBuilder out = new StringBuilder();
        out.append("# The `").append(pack.id()).append("` rule pack, version ").append(pack.version()).append("\n\n");
        out.append("Made from `rule-packs/").append(pack.id()).append("/pack.yaml` by `RuleDocsTest`; edit the pack, ")
                .append("not this page. `spendgate explain RULE` prints the same text with the level your policy set ")
                .append("enforces.\n\n");
        for (RuleInfo r : pack.rules()) {
            out.append("### ").append(r.id()).append("\n\n");
            out.append("**").append(r.title()).append("** · intent `").append(r.intent()).append("` · ")
                    .append(r.level().wireName()).append(" by default\n\n");
            out.append(r.description().strip()).append("\n\n");
            out.append("Message: `").append(r.message().strip()).append("`\n\n");
            out.append("Fix: ").append(r.remediation().strip()).append("\n\n");
        }
        return out.toString();
    }

    @Test
    void theBaselinePageIsMadeFromThePack() throws Exception {
        Pack pack = new PackLoader().loadShipped("baseline");
        String actual = page(pack);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(PAGE, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(PAGE, StandardCharsets.UTF_8), actual,
                "differs from " + PAGE + " (run with -Dgolden.update=true)");
        for (RuleInfo r : pack.rules()) {
            // docs "baseline#sg-own-001" names this page and the anchor GitHub gives the heading "### SG-OWN-001"
            assertEquals("baseline#" + r.id().toLowerCase(java.util.Locale.ROOT), r.docs(), r.id());
            assertTrue(actual.contains("\n### " + r.id() + "\n"), r.id());
        }
    }
}
