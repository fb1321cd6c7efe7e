package dev.spendgate.policy;

import dev.spendgate.error.InvalidInputException;
import dev.spendgate.input.Problem;
import dev.spendgate.manifest.Environment;
import dev.spendgate.manifest.TaskType;
import dev.spendgate.yaml.Ttl;
import dev.spendgate.yaml.YamlNode;
import dev.spendgate.yaml.YamlReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PolicySetLoaderTest {

    /** The example of DESIGN section 3. */
    static final String DESIGN_EXAMPLE = """
            apiVersion: spendgate.dev/v1
            kind: PolicySet
            metadata: {name: acme-ai-finops, version: "2026.11"}
            packs: [baseline]
            intents:
              ownership:   {requiredTags: [costCenter], teams: [growth-ml, search]}
              budgets:     {maxPerExperiment: 1000, approvalAbove: 5000, teams: {growth-ml: {monthly: 20000}}}
              expiry:      {maxTtl: 24h}
              modelSelection: {frontierTaskTypes: [reasoning, generation], allowedModels: {production: [gpt-4o]}}
              tokens:      {maxSystemPromptTokens: 500, maxInputTokens: 32000, maxRetries: 3}
              gpu:         {spotOutsideProduction: true, scheduleOutsideProduction: true,
                            maxGpusWithoutApproval: 8, targetUtilization: 0.6}
              liveSpend:   {warnAt: 0.8, blockAt: 1.0, maxStaleness: 36h, anomalyFactor: 3.0,
                            costColumn: EffectiveCost, tags: {manifest: spendgate-manifest, team: team}}
              changes:     {maxBudgetIncrease: 0.5}
            enforcement: {SG-TOK-002: soft-mandatory}
            waivers: waivers/
            """;

    static final String WAIVER = """
            apiVersion: spendgate.dev/v1
            kind: Waiver
            metadata: {name: churn-frontier-eval}
            spec:
              rule: SG-MOD-001
              manifest: churn-classifier-ft
              reason: "A/B evaluation against the frontier baseline"
              approver: bob@example.com
              ticket: FIN-123
              expires: 2026-12-01
            """;

    static final String HEADER = """
            apiVersion: spendgate.dev/v1
            kind: PolicySet
            metadata: {name: p}
            """;

    @TempDir
    Path dir;

    private final PolicySetLoader loader = new PolicySetLoader(PackLoaderTest.testLoader(), new YamlReader());

    private void write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private LoadedPolicy load(String yaml) throws Exception {
        write(".spendgate/policy.yaml", yaml);
        return loader.load(dir.resolve(".spendgate/policy.yaml"), ".spendgate/policy.yaml");
    }

    private List<String> problems(String yaml) throws IOException {
        write(".spendgate/policy.yaml", yaml);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> loader.load(dir.resolve(".spendgate/policy.yaml"), ".spendgate/policy.yaml"));
        return e.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void theDesignExampleLoadsWithItsPacksAndWaivers() throws Exception {
        write(".spendgate/waivers/churn.yaml", WAIVER);
        LoadedPolicy loaded = load(DESIGN_EXAMPLE);
        PolicySet p = loaded.policySet();
        assertEquals("acme-ai-finops", p.name());
        assertEquals("2026.11", p.version());
        assertEquals(".spendgate/policy.yaml", p.source());
        assertEquals(List.of("baseline"), p.packs());
        assertEquals(List.of("baseline"), loaded.packs().stream().map(Pack::id).toList());
        Parameters x = p.parameters();
        assertEquals(new Parameters.Ownership(List.of("costCenter"), List.of("growth-ml", "search")), x.ownership());
        assertEquals(new Parameters.Budgets(new BigDecimal("1000"), new BigDecimal("5000"),
                Map.of("growth-ml", new BigDecimal("20000"))), x.budgets());
        assertEquals(new Parameters.Expiry(new Ttl("24h", Duration.ofHours(24))), x.expiry());
        assertEquals(new Parameters.ModelSelection(List.of(TaskType.reasoning, TaskType.generation),
                Map.of(Environment.production, List.of("gpt-4o"))), x.modelSelection());
        assertEquals(new Parameters.Tokens(500, 32000, 3), x.tokens());
        assertEquals(new Parameters.Gpu(true, true, 8, new BigDecimal("0.6")), x.gpu());
        assertEquals(new Parameters.LiveSpend(new BigDecimal("0.8"), new BigDecimal("1.0"),
                new Ttl("36h", Duration.ofHours(36)), new BigDecimal("3.0"), "EffectiveCost",
                Map.of("manifest", "spendgate-manifest", "team", "team")), x.liveSpend());
        assertEquals(new Parameters.Changes(new BigDecimal("0.5"), null, new BigDecimal(50)), x.changes());
        assertEquals(Map.of("SG-TOK-002", Enforcement.SOFT_MANDATORY), p.enforcement());
        assertEquals(Enforcement.SOFT_MANDATORY, loaded.enforcement("SG-TOK-002"));
        assertEquals(Enforcement.HARD_MANDATORY, loaded.enforcement("SG-OWN-001"));
        Waiver w = p.waivers().get(0);
        assertEquals(List.of("churn-frontier-eval"), p.waivers().stream().map(Waiver::name).toList());
        assertEquals(LocalDate.of(2026, 12, 1), w.expires());
        assertEquals(".spendgate/waivers/churn.yaml:5:3", w.locations().locate("/spec/rule").toString());
    }

    @Test
    void everythingIsOptionalAndDefaults() throws Exception {
        LoadedPolicy loaded = load(HEADER);
        assertEquals(Parameters.defaults(), loaded.policySet().parameters());
        assertEquals(List.of("baseline"), loaded.policySet().packs());
        assertEquals(List.of(), loaded.policySet().waivers());
        assertEquals("0", loaded.policySet().version());
        // a parameter set keeps the other parameters of its intent at their defaults
        Parameters p = load(HEADER + "intents: {tokens: {maxRetries: 5}, liveSpend: {tags: {team: owner-team}}}\n")
                .policySet().parameters();
        assertEquals(new Parameters.Tokens(500, 32000, 5), p.tokens());
        assertEquals(Map.of("manifest", "spendgate-manifest", "team", "owner-team"), p.liveSpend().tags());
        assertEquals(PolicySet.defaults(), new PolicySetLoader(PackLoaderTest.testLoader(), new YamlReader())
                .defaults().policySet());
    }

    @Test
    void unknownIntentsParametersAndRulesGetADidYouMean() throws Exception {
        assertEquals(List.of(
                ".spendgate/policy.yaml:5:3: intents.budget: unknown key, did you mean budgets?",
                ".spendgate/policy.yaml:6:12: intents.tokens.maxRetry: unknown key, did you mean maxRetries?",
                ".spendgate/policy.yaml:7:3: intents.ownrship: unknown key, did you mean ownership?",
                ".spendgate/policy.yaml:9:3: enforcement.SG-TOK-02: no loaded pack defines rule SG-TOK-02,"
                        + " did you mean SG-TOK-002?",
                ".spendgate/policy.yaml:10:3: enforcement.SG-MOD-001: \"soft\" is not one of advisory,"
                        + " soft-mandatory, hard-mandatory, did you mean soft-mandatory?",
                ".spendgate/policy.yaml:11:1: waiver: unknown key, did you mean waivers?"),
                problems(HEADER + """
                        intents:
                          budget: {maxPerExperiment: 10}
                          tokens: {maxRetry: 2}
                          ownrship: {}
                        enforcement:
                          SG-TOK-02: advisory
                          SG-MOD-001: soft
                        waiver: w/
                        """));
    }

    @Test
    void unitEconomicsLimitsByEnvironmentAndTeam() throws Exception {
        Parameters p = load(HEADER + """
                intents:
                  unitEconomics:
                    maxCostPer1kRequests: {production: 5.00, dev: 1}
                    teams: {support-ai: {maxCostPer1kRequests: {production: 8}}}
                """).policySet().parameters();
        assertEquals(new BigDecimal("8"), p.unitEconomics().limit("support-ai", Environment.production));
        assertEquals(new BigDecimal("1"), p.unitEconomics().limit("support-ai", Environment.dev), "the team sets no dev limit");
        assertEquals(new BigDecimal("5.00"), p.unitEconomics().limit("search", Environment.production));
        assertEquals(null, p.unitEconomics().limit("search", Environment.staging));
        assertEquals(List.of(
                ".spendgate/policy.yaml:6:28: intents.unitEconomics.maxCostPer1kRequests.prod: unknown key, did you mean production?",
                ".spendgate/policy.yaml:7:13: intents.unitEconomics.teams.risk.maxCostPer1kRequests: required key is missing",
                ".spendgate/policy.yaml:7:20: intents.unitEconomics.teams.risk.maxCostPer1kRequest: unknown key, did you mean"
                        + " maxCostPer1kRequests?"),
                problems(HEADER + """
                        intents:
                          unitEconomics:
                            maxCostPer1kRequests: {prod: 5}
                            teams: {risk: {maxCostPer1kRequest: {dev: 1}}}
                        """));
    }

    @Test
    void thePricesIntentSetsTheCatalogsMaxAgeValidatedLikeTheOthers() throws Exception {
        assertEquals(new Parameters.Prices(new Ttl("90d", Duration.ofDays(90))), Parameters.defaults().prices());
        assertEquals(new Parameters.Prices(new Ttl("4w", Duration.ofDays(28))),
                load(HEADER + "intents: {prices: {maxAge: 4w}}\n").policySet().parameters().prices());
        assertEquals(List.of(
                        ".spendgate/policy.yaml:5:3: intents.price: unknown key, did you mean prices?",
                        ".spendgate/policy.yaml:7:5: intents.prices.maxAge: \"90\" is not a duration (use 90h)",
                        ".spendgate/policy.yaml:8:5: intents.prices.maxAg: unknown key, did you mean maxAge?"),
                problems(HEADER + """
                        intents:
                          price: {maxAge: 30d}
                          prices:
                            maxAge: 90
                            maxAg: 30d
                        """));
    }

    @Test
    void wrongTypesAndRanges() throws Exception {
        assertEquals(List.of(
                ".spendgate/policy.yaml:6:5: intents.ownership.requiredTags: expected a list of strings,"
                        + " got a string (\"costCenter\")",
                ".spendgate/policy.yaml:8:5: intents.budgets.maxPerExperiment: -1 is out of range (0 to 1000000000000)",
                ".spendgate/policy.yaml:9:5: intents.budgets.teams: expected a mapping, got a list",
                ".spendgate/policy.yaml:11:5: intents.expiry.maxTtl: \"24\" is not a duration (use 24h)",
                ".spendgate/policy.yaml:13:36: intents.modelSelection.frontierTaskTypes[1]: \"coding\" is not one of"
                        + " classification, extraction, routing, summarisation, embedding, generation, reasoning,"
                        + " training, other",
                ".spendgate/policy.yaml:14:21: intents.modelSelection.allowedModels.prod: unknown key,"
                        + " did you mean production?",
                ".spendgate/policy.yaml:16:5: intents.gpu.spotOutsideProduction: expected a boolean, got a string"
                        + " (\"yes\") (YAML 1.2: write true or false)",
                ".spendgate/policy.yaml:17:5: intents.gpu.targetUtilization: 60 is out of range (0 to 1)",
                ".spendgate/policy.yaml:19:5: intents.liveSpend.warnAt: warnAt (1.5) is above blockAt (1.0):"
                        + " warnings would come after the block",
                ".spendgate/policy.yaml:20:5: intents.liveSpend.tags: expected a mapping, got a string (\"x\")",
                ".spendgate/policy.yaml:21:1: packs: expected a list of strings, got a string (\"baseline\")"),
                problems(HEADER + """
                        intents:
                          ownership:
                            requiredTags: costCenter
                          budgets:
                            maxPerExperiment: -1
                            teams: [growth-ml]
                          expiry:
                            maxTtl: 24
                          modelSelection:
                            frontierTaskTypes: [reasoning, coding]
                            allowedModels: {prod: [gpt-4o]}
                          gpu:
                            spotOutsideProduction: yes
                            targetUtilization: 60
                          liveSpend:
                            warnAt: 1.5
                            tags: x
                        packs: baseline
                        """));
    }

    @Test
    void packProblemsAreReportedAtTheReferenceAndDoNotCascade() throws Exception {
        assertEquals(List.of(
                ".spendgate/policy.yaml:4:9: packs[0]: unknown pack baselin, did you mean baseline?",
                ".spendgate/policy.yaml:4:18: packs[1]: no pack folder .spendgate/packs/acme"),
                problems(HEADER + "packs: [baselin, ./packs/acme]\nenforcement: {SG-TOK-002: advisory}\n"));
    }

    @Test
    void folderPacksAreRelativeToThePolicyFile() throws Exception {
        write(".spendgate/packs/acme/pack.yaml", PackLoaderTest.ACME);
        LoadedPolicy loaded = load(HEADER + "packs: [baseline, ./packs/acme]\nenforcement: {ACME-001: advisory}\n");
        assertEquals(List.of("baseline", "./packs/acme"), loaded.policySet().packs());
        assertEquals(".spendgate/packs/acme", loaded.packs().get(1).origin());
        assertEquals(Enforcement.ADVISORY, loaded.enforcement("ACME-001"));
    }

    @Test
    void headersAndFiles() throws Exception {
        assertEquals(List.of(
                ".spendgate/policy.yaml:1:1: apiVersion: \"spendgate.dev/v2\" is not supported (use spendgate.dev/v1)",
                ".spendgate/policy.yaml:2:1: kind: \"Policy\" is not a PolicySet",
                ".spendgate/policy.yaml:3:1: metadata.name: required key is missing",
                ".spendgate/policy.yaml:3:12: metadata.version: expected a string, got a number (2026.11)"
                        + " (quote it: \"2026.11\")"),
                problems("apiVersion: spendgate.dev/v2\nkind: Policy\nmetadata: {version: 2026.11}\n"));
        assertEquals(List.of(".spendgate/policy.yaml:1:1: expected one PolicySet document, found 2"),
                problems(HEADER + "---\n" + HEADER));
        assertEquals(List.of(".spendgate/policy.yaml:2:7: unsafe or unknown tag tag:yaml.org,2002:java.io.File"
                        + " (only plain YAML data is accepted)"),
                problems("apiVersion: spendgate.dev/v1\nkind: !!java.io.File PolicySet\n"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> loader.load(dir.resolve("none.yaml"), "none.yaml"));
        assertEquals(List.of("none.yaml:1:1: no such file"), e.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void waiverProblemsComeWithThePolicy() throws Exception {
        write(".spendgate/waivers/a.yaml", WAIVER.replace("SG-MOD-001", "SG-MOD-01"));
        assertEquals(List.of(".spendgate/waivers/a.yaml:5:3: spec.rule: no loaded pack defines rule SG-MOD-01,"
                + " did you mean SG-MOD-001?"), problems(HEADER + "waivers: waivers\n"));
        assertEquals(List.of(".spendgate/policy.yaml:4:1: waivers: no such file or folder .spendgate/nope"),
                problems(HEADER + "waivers: nope\n"));
    }

    @Test
    void waiversBesideThePolicyFileSkipIt() throws Exception {
        write(".spendgate/w.yaml", WAIVER);
        assertEquals(1, load(HEADER + "waivers: .\n").policySet().waivers().size());
    }

    @Test
    void aBodyReadElsewhere() throws Exception {
        write("cases/acme/pack.yaml", PackLoaderTest.ACME);
        String text = """
                name: a case
                policy:
                  intents: {budgets: {maxPerExperiment: 200}}
                  enforcement: {SG-OWN-001: advisory}
                  waivers:
                    - apiVersion: spendgate.dev/v1
                      kind: Waiver
                      metadata: {name: w}
                      spec: {rule: SG-OWN-001, manifest: "*", reason: r, approver: a, expires: 2026-12-01}
                """;
        YamlNode body = ((YamlNode.Mapping) new YamlReader().read("cases/c.yaml", text).documents().get(0).root())
                .get("policy");
        Pack baseline = PackLoaderTest.testLoader().loadShipped("baseline");
        LoadedPolicy loaded = loader.loadBody(body, "cases/c.yaml", dir.resolve("cases"), List.of(baseline));
        assertEquals(new BigDecimal("200"), loaded.policySet().parameters().budgets().maxPerExperiment());
        assertEquals(Enforcement.ADVISORY, loaded.enforcement("SG-OWN-001"));
        assertEquals(List.of("baseline"), loaded.policySet().packs());
        assertEquals("cases/c.yaml:9:14", loaded.policySet().waivers().get(0).locations().locate("/spec/rule").toString());
        assertEquals("cases/c.yaml", loaded.policySet().source());

        LoadedPolicy none = loader.loadBody(null, "cases/c.yaml", dir.resolve("cases"), List.of(baseline));
        assertEquals(Parameters.defaults(), none.policySet().parameters());
        assertEquals(List.of(baseline), none.packs());

        YamlNode withPacks = ((YamlNode.Mapping) new YamlReader().read("cases/c.yaml",
                "policy:\n  packs: [./acme]\n  enforcement: {SG-OWN-001: advisory}\n").documents().get(0).root()).get("policy");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> loader.loadBody(withPacks, "cases/c.yaml", dir.resolve("cases"), List.of(baseline)));
        assertEquals(List.of("cases/c.yaml:3:17: enforcement.SG-OWN-001: no loaded pack defines rule SG-OWN-001"),
                e.problems().stream().map(Problem::toString).toList());

        YamlNode full = new YamlReader().read("p.yaml", HEADER + "intents: {expiry: {maxTtl: 3d}}\n")
                .documents().get(0).root();
        assertEquals("p", loader.loadBody(full, "p.yaml", dir, null).policySet().name());
    }
}
