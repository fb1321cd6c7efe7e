package dev.spendgate.cli;

import dev.spendgate.policy.PackLoader;
import dev.spendgate.policy.RuleInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code spendgate docs}: the rules reference. The repository's {@code docs/rules/} is what
 * {@code spendgate docs --output docs/rules} writes (regenerate with {@code -Dgolden.update=true}),
 * and every {@code docs:} anchor of the shipped packs — the SARIF {@code helpUri} of each rule —
 * names a heading there.
 */
class DocsCommandTest {

    private static final Path DOCS = Path.of("../docs/rules");

    @TempDir
    Path tmp;

    @Test
    void theRepositoryReferenceIsWhatDocsWrites() throws Exception {
        Path out = tmp.resolve("rules");
        CliRun r = CliRun.of("docs", "--output", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("wrote " + out.resolve("baseline.md") + "\n", r.out());
        String page = Files.readString(out.resolve("baseline.md"), StandardCharsets.UTF_8);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(DOCS.resolve("baseline.md"), page, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(DOCS.resolve("baseline.md"), StandardCharsets.UTF_8), page,
                "docs/rules/baseline.md is stale: run `spendgate docs --output docs/rules` (or this test with -Dgolden.update=true)");
        try (Stream<Path> files = Files.list(DOCS)) {
            assertEquals(List.of("baseline.md"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "docs/rules/ holds the generated pages only");
        }
        // without --output, the same page on standard output
        assertEquals(page, CliRun.of("docs").out());
    }

    @Test
    void everyDocsAnchorOfTheShippedPacksNamesAHeading() throws Exception {
        PackLoader loader = new PackLoader();
        int anchors = 0;
        for (String id : loader.shippedIds()) {
            for (RuleInfo rule : loader.loadShipped(id).rules()) {
                String docs = rule.docs();
                assertTrue(docs.matches("[a-z0-9-]+#[a-z0-9-]+"), rule.id() + ": docs " + docs + " is page#anchor");
                Path page = DOCS.resolve(docs.substring(0, docs.indexOf('#')) + ".md");
                assertTrue(Files.isRegularFile(page), rule.id() + ": " + page + " exists");
                assertTrue(headingAnchors(Files.readString(page)).contains(docs.substring(docs.indexOf('#') + 1)),
                        rule.id() + ": " + docs + " names a heading of " + page);
                anchors++;
            }
        }
        assertTrue(anchors >= 36, "every shipped rule has docs: " + anchors);
    }

    @Test
    void eachRuleSaysItsParametersAndAFiringAndAPassingManifestOfTheCases() throws Exception {
        String page = CliRun.of("docs").out();
        for (RuleInfo rule : new PackLoader().loadShipped("baseline").rules()) {
            String section = section(page, rule.id());
            assertTrue(section.contains("**" + rule.title() + "** · intent `" + rule.intent() + "` · "
                    + rule.level().wireName() + " by default"), section);
            assertTrue(section.contains("**Condition:** " + rule.description().strip()), section);
            assertTrue(section.contains("**Fix:** " + rule.remediation().strip()), section);
            assertFalse(section.contains("no case of the pack"), rule.id() + " has a firing and a passing case");
            assertTrue(section.contains("**Fires** — case `"), section);
            assertTrue(section.contains("**Passes** — case `"), section);
        }
        String bud002 = section(page, "SG-BUD-002");
        assertTrue(bud002.contains("""
                ```yaml
                intents:
                  budgets:
                    maxPerExperiment: 1000
                    approvalAbove: 5000
                    teams: {}
                ```
                """), bud002);
        assertTrue(bud002.contains("**Fires** — case `bud-002-experiment-budget-above-limit` in `baseline/cases/budgets.yaml`"
                + ": a dev budget above budgets.maxPerExperiment (default 1000) fires SG-BUD-002\n"), bud002);
        assertTrue(bud002.contains("  budget: {amount: 2500, currency: USD, period: total}\n"), bud002);
        assertTrue(section(page, "SG-WVR-001").contains("**Parameters:** none"), page);
    }

    @Test
    void aFolderPackOfThePolicySetGetsItsPage() throws Exception {
        Path pack = tmp.resolve("packs/acme");
        CliTest.writeAcmePack(pack);
        Files.createDirectories(pack.resolve("cases"));
        Files.writeString(pack.resolve("cases/acme.yaml"), """
                case: fires-without-project
                description: an experiment without a project tag
                manifests:
                  - {apiVersion: spendgate.dev/v1, kind: Experiment, metadata: {name: x, environment: dev}, spec: {}}
                expect: [{rule: ACME-001, manifest: x, outcome: fail, path: /metadata}]
                ---
                case: quiet-with-project
                manifests:
                  - {apiVersion: spendgate.dev/v1, kind: Experiment, metadata: {name: x, environment: dev, project: p}, spec: {}}
                absent: [ACME-001]
                """);
        Path policy = tmp.resolve("policy.yaml");
        Files.writeString(policy, """
                apiVersion: spendgate.dev/v1
                kind: PolicySet
                metadata: {name: acme, version: "1"}
                packs: [baseline, ./packs/acme]
                """);
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("docs", "--policy", policy.toString(), "--output", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("wrote " + out.resolve("baseline.md") + "\nwrote " + out.resolve("acme.md") + "\n", r.out());
        String acme = Files.readString(out.resolve("acme.md"));
        String origin = tmp.resolve("packs/acme").toString();
        assertEquals("""
                # The `acme` rule pack, version 1.0.0

                Made by `spendgate docs` from `%1$s/pack.yaml` and the cases in `%1$s/cases/`; edit those, not this page. \
                `spendgate explain RULE` prints a rule's text with the level your policy set enforces.

                | rule | title | intent | default level |
                |---|---|---|---|
                | [ACME-001](#acme-001) | Experiments need a project tag | `ownership` | soft-mandatory |

                ### ACME-001

                **Experiments need a project tag** · intent `ownership` · soft-mandatory by default

                **Condition:** fires when an Experiment has no project tag

                **Message:** `experiment {name} has no project tag`

                **Fix:** add metadata.project

                **Parameters** of the intent, with their defaults (set them under `intents:` in the policy set):

                ```yaml
                intents:
                  ownership:
                    requiredTags: [costCenter]
                    teams: []
                ```

                **Fires** — case `fires-without-project` in `%1$s/cases/acme.yaml`: an experiment without a project tag

                The manifest:

                ```yaml
                apiVersion: spendgate.dev/v1
                kind: Experiment
                metadata: {name: x, environment: dev}
                spec: {}
                ```

                **Passes** — case `quiet-with-project` in `%1$s/cases/acme.yaml`

                The manifest:

                ```yaml
                apiVersion: spendgate.dev/v1
                kind: Experiment
                metadata: {name: x, environment: dev, project: p}
                spec: {}
                ```

                """.formatted(origin), acme);
    }

    @Test
    void anUnwritableOutputIsSaidInOneLine() throws Exception {
        Path file = Files.writeString(tmp.resolve("taken"), "a file, not a folder");
        CliRun r = CliRun.of("docs", "--output", file.toString());
        assertEquals(4, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().startsWith("spendgate: cannot write: ") && r.err().lines().count() == 1, r.err());
    }

    /** The anchors GitHub gives a page's headings: lower case, punctuation but '-' and '_' dropped, spaces as '-'. */
    private static Set<String> headingAnchors(String markdown) {
        Set<String> anchors = new HashSet<>();
        markdown.lines().filter(l -> l.matches("#{1,6} .*")).forEach(l -> anchors.add(l.replaceFirst("#+ ", "")
                .strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-')));
        return anchors;
    }

    /** The section of {@code ruleId}: from its heading to the next rule's. */
    private static String section(String page, String ruleId) {
        int start = page.indexOf("\n### " + ruleId + "\n");
        assertTrue(start >= 0, ruleId);
        int end = page.indexOf("\n### ", start + 1);
        return page.substring(start, end < 0 ? page.length() : end);
    }
}
