package dev.spendgate.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.spendgate.error.InvalidInputException;
import dev.spendgate.yaml.JsonSchemas;
import dev.spendgate.yaml.YamlFile;
import dev.spendgate.yaml.YamlReader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The published JSON Schemas of policy sets and waivers agree with their loaders: a corpus of
 * valid files and of invalid ones, each with a single defect, goes through both (networknt's
 * validator for the schema).
 */
class PolicySchemasTest {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final JsonSchema POLICY_SET = FACTORY.getSchema(JsonSchemas.POLICY_SET.json());
    private static final JsonSchema WAIVER = FACTORY.getSchema(JsonSchemas.WAIVER.json());

    static final String POLICY = """
            apiVersion: spendgate.dev/v1
            kind: PolicySet
            metadata: {name: acme, version: "2026.11"}
            packs: [baseline]
            intents:
              ownership: {requiredTags: [costCenter], teams: [growth-ml, search]}
              budgets: {maxPerExperiment: 1000, approvalAbove: 5000, teams: {growth-ml: {monthly: 20000}}}
              expiry: {maxTtl: 24h}
              modelSelection: {frontierTaskTypes: [reasoning, generation], allowedModels: {production: [gpt-4o]}}
              tokens: {maxSystemPromptTokens: 500, maxInputTokens: 32000, maxRetries: 3}
              gpu: {spotOutsideProduction: true, scheduleOutsideProduction: true, maxGpusWithoutApproval: 8, targetUtilization: 0.6}
              liveSpend: {warnAt: 0.8, blockAt: 1.0, maxStaleness: 36h, anomalyFactor: 3.0, costColumn: EffectiveCost, tags: {manifest: sg-manifest, team: team}}
              changes: {maxBudgetIncrease: 0.5, maxEstimateIncrease: {amount: 200, percent: 50}}
              unitEconomics: {maxCostPer1kRequests: {production: 5.00}, teams: {support-ai: {maxCostPer1kRequests: {production: 8}}}}
              prices: {maxAge: 90d}
            enforcement: {SG-TOK-002: hard-mandatory}
            waivers: waivers/
            discovery: {strict: true, requireManifests: false}
            alerts:
              renotify: 24h
              orphans: {minSpend: 1, unattributedAbove: 100, level: advisory}
              channels:
                ml-slack: {type: slack, webhookEnv: SLACK_WEBHOOK_ML}
                finops: {type: teams, webhookEnv: TEAMS_WEBHOOK}
                oncall: {type: pagerduty, routingKeyEnv: PD_ROUTING_KEY, url: "https://events.pagerduty.com/v2/enqueue"}
                events: {type: webhook, urlEnv: EVENTS_URL, source: /acme/finops, tokenEnv: EVENTS_TOKEN}
                issues: {type: github-issues, repository: acme/ai-spend, tokenEnv: GITHUB_TOKEN, per: team, labels: [spendgate, finops]}
                owners: {type: email, smtpHost: smtp.example.com, smtpPort: 587, from: finops@example.com, tls: starttls, usernameEnv: SMTP_USER, passwordEnv: SMTP_PASSWORD}
              routes:
                - match: {team: growth-ml, rule: [SG-TOK-*, SG-WATCH-001]}
                  channels: [ml-slack, owners]
                - match: {severity: hard-mandatory, environment: [production, staging]}
                  channels: oncall
                - channels: [finops, events, issues]
            """;

    static final String WAIVER_DOC = """
            apiVersion: spendgate.dev/v1
            kind: Waiver
            metadata: {name: frontier-ab, created: 2026-11-15}
            spec:
              rule: SG-MOD-001
              manifest: reasoning-eval
              reason: "A/B evaluation before the Q1 decision"
              approver: dana@example.com
              ticket: FIN-2291
              expires: 2026-12-15
            """;

    @TempDir
    Path dir;

    private record Case(String name, String yaml, boolean valid) {
    }

    private static Case valid(String name, String yaml) {
        return new Case(name, yaml, true);
    }

    private static Case defect(String base, String name, String from, String to) {
        assertTrue(base.contains(from), from);
        return new Case(name, base.replace(from, to), false);
    }

    private static List<Case> policies() {
        String p = POLICY;
        List<Case> c = new ArrayList<>();
        c.add(valid("every intent", p));
        c.add(valid("only the header", "apiVersion: spendgate.dev/v1\nkind: PolicySet\nmetadata: {name: bare}\n"));
        c.add(valid("no version", p.replace(", version: \"2026.11\"", "")));
        c.add(valid("empty intents", p.substring(0, p.indexOf("intents:")) + "intents: {}\n"));
        c.add(valid("a per-cent limit only", p.replace("{amount: 200, percent: 50}", "{percent: 50}")));
        c.add(valid("an amount limit only", p.replace("{amount: 200, percent: 50}", "{amount: 200}")));
        c.add(valid("no known teams", p.replace("teams: [growth-ml, search]", "teams: []")));
        c.add(valid("the boundaries", p.replace("targetUtilization: 0.6", "targetUtilization: 1")
                .replace("maxRetries: 3", "maxRetries: 100").replace("maxSystemPromptTokens: 500", "maxSystemPromptTokens: 0")
                .replace("anomalyFactor: 3.0", "anomalyFactor: 1")));
        c.add(valid("billed cost", p.replace("EffectiveCost", "BilledCost")));
        c.add(valid("inline waivers", p.replace("waivers: waivers/", "waivers:\n" + WAIVER_DOC.indent(2)
                .replaceFirst("  apiVersion", "  - apiVersion").replace("\n  ", "\n    ").replaceFirst("^  - ", "  - "))));
        c.add(valid("integral decimals are integers", p.replace("maxRetries: 3", "maxRetries: 3.0")));

        c.add(defect(p, "another apiVersion", "spendgate.dev/v1", "spendgate.dev/v2"));
        c.add(defect(p, "another kind", "kind: PolicySet", "kind: Policy"));
        c.add(defect(p, "no metadata", "metadata: {name: acme, version: \"2026.11\"}\n", ""));
        c.add(defect(p, "no name", "name: acme, ", ""));
        c.add(defect(p, "an empty name", "name: acme", "name: \" \""));
        c.add(defect(p, "a number for the version", "version: \"2026.11\"", "version: 2026.11"));
        c.add(defect(p, "an unknown metadata key", "name: acme", "name: acme, owner: x"));
        c.add(defect(p, "an unknown top-level key", "enforcement:", "enforcment:"));
        c.add(defect(p, "a string for packs", "packs: [baseline]", "packs: baseline"));
        c.add(defect(p, "a pack listed twice", "packs: [baseline]", "packs: [baseline, baseline]"));
        c.add(defect(p, "an unknown intent", "  prices:", "  pricing:"));
        c.add(defect(p, "an unknown parameter", "maxTtl: 24h", "maxTll: 24h"));
        c.add(defect(p, "a tag listed twice", "requiredTags: [costCenter]", "requiredTags: [costCenter, costCenter]"));
        c.add(defect(p, "a number for a tag", "requiredTags: [costCenter]", "requiredTags: [42]"));
        c.add(defect(p, "a negative limit", "maxPerExperiment: 1000", "maxPerExperiment: -1"));
        c.add(defect(p, "an absurd limit", "approvalAbove: 5000", "approvalAbove: 1e13"));
        c.add(defect(p, "a string for a limit", "maxPerExperiment: 1000", "maxPerExperiment: \"1000\""));
        c.add(defect(p, "a team without monthly", "{growth-ml: {monthly: 20000}}", "{growth-ml: {}}"));
        c.add(defect(p, "an unknown team key", "{monthly: 20000}", "{monthly: 20000, weekly: 5000}"));
        c.add(defect(p, "a ttl without unit", "maxTtl: 24h", "maxTtl: \"24\""));
        c.add(defect(p, "a ttl in minutes", "maxTtl: 24h", "maxTtl: 90m"));
        c.add(defect(p, "a number for a ttl", "maxTtl: 24h", "maxTtl: 24"));
        c.add(defect(p, "an unknown task type", "frontierTaskTypes: [reasoning, generation]", "frontierTaskTypes: [reasoning, chat]"));
        c.add(defect(p, "an unknown environment", "allowedModels: {production: [gpt-4o]}", "allowedModels: {prod: [gpt-4o]}"));
        c.add(defect(p, "a fraction for tokens", "maxInputTokens: 32000", "maxInputTokens: 1.5"));
        c.add(defect(p, "zero input tokens", "maxInputTokens: 32000", "maxInputTokens: 0"));
        c.add(defect(p, "too many retries", "maxRetries: 3", "maxRetries: 101"));
        c.add(defect(p, "yes for a boolean", "spotOutsideProduction: true", "spotOutsideProduction: yes"));
        c.add(defect(p, "utilization above one", "targetUtilization: 0.6", "targetUtilization: 1.5"));
        c.add(defect(p, "too many GPUs", "maxGpusWithoutApproval: 8", "maxGpusWithoutApproval: 100001"));
        c.add(defect(p, "an anomaly factor below one", "anomalyFactor: 3.0", "anomalyFactor: 0.5"));
        c.add(defect(p, "an unknown cost column", "costColumn: EffectiveCost", "costColumn: ListCost"));
        c.add(defect(p, "an unknown spend tag", "tags: {manifest: sg-manifest, team: team}", "tags: {manifest: sg-manifest, owner: o}"));
        c.add(defect(p, "an empty spend tag", "team: team}", "team: \"\"}"));
        c.add(defect(p, "an empty estimate limit", "{amount: 200, percent: 50}", "{}"));
        c.add(defect(p, "an unknown estimate limit", "{amount: 200, percent: 50}", "{ratio: 2}"));
        c.add(defect(p, "a negative per cent", "percent: 50}", "percent: -5}"));
        c.add(defect(p, "an unknown unit environment", "{maxCostPer1kRequests: {production: 5.00}, teams", "{maxCostPer1kRequests: {qa: 5.00}, teams"));
        c.add(defect(p, "a unit team without limits", "{support-ai: {maxCostPer1kRequests: {production: 8}}}", "{support-ai: {}}"));
        c.add(defect(p, "an unknown level", "SG-TOK-002: hard-mandatory", "SG-TOK-002: blocking"));
        c.add(defect(p, "a number for waivers", "waivers: waivers/", "waivers: 3"));
        c.add(defect(p, "an inline waiver without expiry", "waivers: waivers/", "waivers:\n  - {apiVersion: spendgate.dev/v1, "
                + "kind: Waiver, metadata: {name: w}, spec: {rule: SG-MOD-001, manifest: m, reason: r, approver: a}}"));
        c.add(valid("no alerts", p.substring(0, p.indexOf("alerts:"))));
        c.add(valid("channels without routes", p.substring(0, p.indexOf("  routes:"))));
        c.add(defect(p, "an unknown alerts key", "  renotify: 24h", "  renotifyAfter: 24h"));
        c.add(defect(p, "a renotify in minutes", "renotify: 24h", "renotify: 90m"));
        c.add(defect(p, "an unknown channel type", "type: teams,", "type: msteams,"));
        c.add(defect(p, "a channel without its secret", "{type: slack, webhookEnv: SLACK_WEBHOOK_ML}", "{type: slack}"));
        c.add(defect(p, "a secret written in the policy", "webhookEnv: SLACK_WEBHOOK_ML", "webhookEnv: https://hooks.slack.com/services/T0/B0/x"));
        c.add(defect(p, "a key of another channel type", "{type: slack, webhookEnv: SLACK_WEBHOOK_ML}", "{type: slack, webhookEnv: SLACK_WEBHOOK_ML, routingKeyEnv: K}"));
        c.add(defect(p, "an unknown issue grouping", "per: team", "per: owner"));
        c.add(defect(p, "a repository without owner", "repository: acme/ai-spend", "repository: ai-spend"));
        c.add(defect(p, "an unknown tls mode", "tls: starttls", "tls: tls"));
        c.add(defect(p, "a port out of range", "smtpPort: 587", "smtpPort: 70000"));
        c.add(defect(p, "an upper-case channel name", "  ml-slack:", "  ML-Slack:"));
        c.add(defect(p, "a route without channels", "      channels: oncall\n", ""));
        c.add(defect(p, "an unknown match key", "{team: growth-ml, rule: [SG-TOK-*, SG-WATCH-001]}", "{teams: growth-ml, rule: [SG-TOK-*, SG-WATCH-001]}"));
        c.add(defect(p, "an unknown severity", "severity: hard-mandatory", "severity: critical"));
        c.add(defect(p, "an unknown orphans key", "minSpend: 1,", "minimum: 1,"));
        c.add(defect(p, "a negative orphan threshold", "unattributedAbove: 100", "unattributedAbove: -1"));
        c.add(defect(p, "a number for discovery.strict", "strict: true", "strict: 1"));
        c.add(new Case("a list for the policy", "- a\n- b\n", false));
        return c;
    }

    private static List<Case> waivers() {
        String w = WAIVER_DOC;
        List<Case> c = new ArrayList<>();
        c.add(valid("a waiver", w));
        c.add(valid("no ticket nor created day", w.replace(", created: 2026-11-15", "").replace("  ticket: FIN-2291\n", "")));
        c.add(valid("a quoted date", w.replace("expires: 2026-12-15", "expires: \"2026-12-15\"")));
        c.add(defect(w, "another kind", "kind: Waiver", "kind: Exception"));
        c.add(defect(w, "another apiVersion", "spendgate.dev/v1", "spendgate.dev/v0"));
        c.add(defect(w, "no spec", w.substring(w.indexOf("spec:")), ""));
        c.add(defect(w, "no name", "name: frontier-ab, ", ""));
        c.add(defect(w, "an unknown metadata key", "created: 2026-11-15", "created: 2026-11-15, by: me"));
        c.add(defect(w, "no approver", "  approver: dana@example.com\n", ""));
        c.add(defect(w, "no expiry", "  expires: 2026-12-15\n", ""));
        c.add(defect(w, "an empty reason", "reason: \"A/B evaluation before the Q1 decision\"", "reason: \"\""));
        c.add(defect(w, "a number for the ticket", "ticket: FIN-2291", "ticket: 2291"));
        c.add(defect(w, "a date with a time", "expires: 2026-12-15", "expires: 2026-12-15T00:00:00Z"));
        c.add(defect(w, "a month 13", "expires: 2026-12-15", "expires: 2026-13-15"));
        c.add(defect(w, "an unknown spec key", "  ticket:", "  tickets:"));
        return c;
    }

    @TestFactory
    Stream<DynamicTest> thePolicySetSchemaAndTheLoaderAgree() {
        return policies().stream().map(c -> DynamicTest.dynamicTest(c.name, () -> {
            Files.createDirectories(dir.resolve("waivers"));
            Path file = dir.resolve("policy.yaml");
            Files.writeString(file, c.yaml);
            List<String> loader = new ArrayList<>();
            try {
                new PolicySetLoader(PackLoaderTest.testLoader(), new YamlReader()).load(file, "policy.yaml");
            } catch (InvalidInputException e) {
                e.problems().forEach(p -> loader.add(p.toString()));
            }
            agree(c, loader, POLICY_SET);
        }));
    }

    @TestFactory
    Stream<DynamicTest> theWaiverSchemaAndTheLoaderAgree() {
        return waivers().stream().map(c -> DynamicTest.dynamicTest(c.name, () -> {
            Path file = dir.resolve("waivers/w.yaml");
            Files.createDirectories(file.getParent());
            Files.writeString(file, c.yaml);
            Files.writeString(dir.resolve("policy.yaml"), "apiVersion: spendgate.dev/v1\nkind: PolicySet\n"
                    + "metadata: {name: p}\npacks: [baseline]\nwaivers: waivers/\n");
            List<String> loader = new ArrayList<>();
            try {
                new PolicySetLoader(PackLoaderTest.testLoader(), new YamlReader()).load(dir.resolve("policy.yaml"), "policy.yaml");
            } catch (InvalidInputException e) {
                e.problems().forEach(p -> loader.add(p.toString()));
            }
            agree(c, loader, WAIVER);
        }));
    }

    private static void agree(Case c, List<String> loader, JsonSchema schema) throws Exception {
        YamlFile f = new YamlReader().read("corpus.yaml", c.yaml);
        assertEquals(List.of(), f.problems(), c.yaml);
        Object plain = f.documents().get(0).root().toPlain();
        Set<ValidationMessage> messages = schema.validate(new ObjectMapper().valueToTree(plain));
        assertEquals(c.valid, loader.isEmpty(), () -> "loader: " + loader + "\n" + c.yaml);
        assertEquals(c.valid, messages.isEmpty(), () -> "schema: " + messages + "\n" + c.yaml);
    }
}
