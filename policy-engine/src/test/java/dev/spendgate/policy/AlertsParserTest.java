package dev.spendgate.policy;

import dev.spendgate.error.InvalidInputException;
import dev.spendgate.input.Problem;
import dev.spendgate.yaml.YamlReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The policy set's alerts: section, read with every name checked and each problem located. */
class AlertsParserTest {

    static final String HEAD = """
            apiVersion: spendgate.dev/v1
            kind: PolicySet
            metadata: {name: acme}
            packs: [baseline]
            intents:
              ownership: {teams: [growth-ml, search]}
            """;

    static final String ALERTS = """
            alerts:
              renotify: 12h
              orphans: {minSpend: 5, unattributedAbove: 250}
              channels:
                ml-slack: {type: slack, webhookEnv: SLACK_ML}
                oncall: {type: pagerduty, routingKeyEnv: PD_KEY}
                owners: {type: email, smtpHost: smtp.example.com, smtpPort: 2525, from: finops@example.com}
              routes:
                - match: {team: growth-ml, rule: [SG-TOK-*, SG-WATCH-001]}
                  channels: [ml-slack, owners]
                - match: {severity: [hard-mandatory, soft-mandatory], environment: production}
                  channels: [oncall, ml-slack]
            """;

    @TempDir
    Path dir;

    private LoadedPolicy load(String yaml) throws IOException, InvalidInputException {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, yaml);
        return new PolicySetLoader(PackLoaderTest.testLoader(), new YamlReader()).load(file, "policy.yaml");
    }

    private List<String> problems(String yaml) throws IOException {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> load(yaml));
        return e.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void readsChannelsRoutesAndThresholds() throws Exception {
        Alerts a = load(HEAD + ALERTS).policySet().alerts();
        assertEquals(Duration.ofHours(12), a.renotify());
        assertEquals(new BigDecimal("5"), a.orphanMinSpend());
        assertEquals(new BigDecimal("250"), a.unattributedAbove());
        assertEquals(List.of("ml-slack", "oncall", "owners"), List.copyOf(a.channels().keySet()));
        assertEquals(Map.of("webhookEnv", "SLACK_ML"), a.channels().get("ml-slack").settings());
        assertEquals("2525", a.channels().get("owners").string("smtpPort"));
        assertEquals("policy.yaml:11:5", a.channels().get("ml-slack").location().toString());
        assertEquals(2, a.routes().size());
    }

    @Test
    void everyMatchingRouteAddsItsChannelsOnceInRouteOrder() throws Exception {
        Alerts a = load(HEAD + ALERTS).policySet().alerts();
        assertEquals(List.of("ml-slack", "owners", "oncall"),
                a.route("growth-ml", "production", "SG-TOK-002", Enforcement.HARD_MANDATORY));
        assertEquals(List.of("ml-slack", "owners"), a.route("growth-ml", "dev", "SG-TOK-001", Enforcement.ADVISORY));
        assertEquals(List.of("oncall", "ml-slack"), a.route("search", "production", "SG-SPD-002", Enforcement.HARD_MANDATORY));
        assertEquals(List.of(), a.route("search", "production", "SG-SPD-001", Enforcement.ADVISORY));
        // orphaned spend has no environment: a route that asks for one does not match it
        assertEquals(List.of("ml-slack", "owners"), a.route("growth-ml", null, Alerts.ORPHANED_SPEND,
                Enforcement.SOFT_MANDATORY));
    }

    @Test
    void withoutAnAlertsSectionNothingIsRouted() throws Exception {
        Alerts a = load(HEAD).policySet().alerts();
        assertEquals(Alerts.NONE, a);
        assertEquals(List.of(), a.route("growth-ml", "production", "SG-SPD-002", Enforcement.HARD_MANDATORY));
    }

    @Test
    void namesAreCheckedWithDidYouMeanAtTheirLineAndColumn() throws Exception {
        String yaml = HEAD + ALERTS.replace("type: slack", "type: slak").replace("[oncall, ml-slack]", "[oncal]")
                .replace("team: growth-ml", "team: growth-m").replace("SG-WATCH-001", "SG-WATCH-01")
                .replace("soft-mandatory]", "soft]").replace("environment: production", "environment: prod")
                .replace("smtpPort: 2525", "smtpPort: 2525, tls: startls");
        assertEquals(List.of(
                "policy.yaml:11:16: alerts.channels.ml-slack.type: \"slak\" is not a channel type, did you mean slack?",
                "policy.yaml:13:71: alerts.channels.owners.tls: \"startls\" is not starttls, ssl or none (did you mean starttls?)",
                "policy.yaml:15:15: alerts.routes[0].match.team: \"growth-m\" is not in intents.ownership.teams, did you mean growth-ml?",
                "policy.yaml:15:31: alerts.routes[0].match.rule: no loaded pack defines rule SG-WATCH-01, did you mean SG-WATCH-001?",
                "policy.yaml:17:15: alerts.routes[1].match.severity: \"soft\" is not a level, did you mean soft-mandatory?",
                "policy.yaml:17:49: alerts.routes[1].match.environment: \"prod\" is not an environment, did you mean production?",
                "policy.yaml:18:7: alerts.routes[1].channels: no channel named \"oncal\" in alerts.channels, did you mean oncall?"),
                problems(yaml));
    }

    @Test
    void aSecretIsNamedByItsVariableNeverWritten() throws Exception {
        List<String> p = problems(HEAD + ALERTS.replace("webhookEnv: SLACK_ML", "webhookEnv: https://hooks.slack.com/x"));
        assertEquals(1, p.size(), p.toString());
        assertEquals(true, p.get(0).contains("is not an environment variable name (the secret itself is never written here"),
                p.get(0));
    }

    @Test
    void aChannelTypeTakesOnlyItsOwnKeysAndNeedsItsRequiredOnes() throws Exception {
        List<String> p = problems(HEAD + ALERTS.replace("{type: pagerduty, routingKeyEnv: PD_KEY}",
                "{type: pagerduty, webhookEnv: PD_KEY}"));
        assertEquals(List.of("policy.yaml:12:5: alerts.channels.oncall.routingKeyEnv: required key is missing",
                "policy.yaml:12:31: alerts.channels.oncall.webhookEnv: unknown key (expected one of type, routingKeyEnv, url)"), p);
    }
}
