package dev.spendgate.alert;

import dev.spendgate.error.ExitCodes;
import dev.spendgate.error.InvalidInputException;
import dev.spendgate.policy.ChannelConfig;
import dev.spendgate.policy.ChannelTypes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Opening channels: secrets from the environment, settings checked, problems said at the entry's place. */
class ChannelsTest {

    private static InvalidInputException refused(ChannelConfig config, Map<String, String> env) {
        return assertThrows(InvalidInputException.class, () -> Channels.open(config, env, ChannelOptions.defaults()));
    }

    private static List<String> messages(InvalidInputException e) {
        return e.problems().stream().map(Object::toString).toList();
    }

    @Test
    void anUnsetVariableIsBadInputAtTheEntry() {
        InvalidInputException e = refused(Alerts.config("ops", "slack", "webhookEnv", "SLACK_URL"), Map.of());
        assertEquals("policies/policy-set.yaml:14:5: alerts.channels.ops.webhookEnv: environment variable SLACK_URL is not set",
                e.getMessage());
        assertEquals(Alerts.WHERE, e.location().orElseThrow());
        assertEquals(3, e.exitCode());
        assertEquals(3, ExitCodes.of(e.code()));
        assertEquals("policies/policy-set.yaml:14:5: alerts.channels.ops.webhookEnv: environment variable SLACK_URL is empty",
                refused(Alerts.config("ops", "slack", "webhookEnv", "SLACK_URL"), Map.of("SLACK_URL", " ")).getMessage());
    }

    @Test
    void everyProblemOfAnEntryIsSaidAtOnce() {
        InvalidInputException e = refused(Alerts.config("mail", "email", "smtpHost", "smtp example", "from", "alerts",
                "smtpPort", "99999", "tls", "tls1.3", "usernameEnv", "SMTP_USER"), Map.of());
        assertEquals(List.of(
                "policies/policy-set.yaml:14:5: alerts.channels.mail.from: \"alerts\" is not an e-mail address",
                "policies/policy-set.yaml:14:5: alerts.channels.mail.smtpHost: \"smtp example\" is not a host name",
                "policies/policy-set.yaml:14:5: alerts.channels.mail.smtpPort: \"99999\" is not a port (1 to 65535)",
                "policies/policy-set.yaml:14:5: alerts.channels.mail.tls: \"tls1.3\" is not starttls, ssl or none",
                "policies/policy-set.yaml:14:5: alerts.channels.mail.usernameEnv: environment variable SMTP_USER is not set"),
                messages(e));
    }

    @Test
    void settingsAreChecked() {
        Map<String, String> env = Map.of("GITHUB_TOKEN", "ghp_abcdefghijklmnop", "HOOK", "https://hooks.example.com/x");
        assertEquals("policies/policy-set.yaml:14:5: alerts.channels.gh.per: \"repo\" is not manifest or team",
                refused(Alerts.config("gh", "github-issues", "repository", "acme/finops", "per", "repo"), env).getMessage());
        assertEquals("policies/policy-set.yaml:14:5: alerts.channels.gh.repository: \"acme\" is not a repository (write owner/name)",
                refused(Alerts.config("gh", "github-issues", "repository", "acme"), env).getMessage());
        assertEquals("policies/policy-set.yaml:14:5: alerts.channels.gh.apiUrl: \"ftp://ghe.example.com\" is not an http(s) URL",
                refused(Alerts.config("gh", "github-issues", "repository", "acme/finops", "apiUrl", "ftp://ghe.example.com"), env)
                        .getMessage());
        assertEquals("policies/policy-set.yaml:14:5: alerts.channels.pd.url: \"events.pagerduty.com\" is not an http(s) URL",
                refused(Alerts.config("pd", "pagerduty", "routingKeyEnv", "HOOK", "url", "events.pagerduty.com"), env).getMessage());
        assertEquals("policies/policy-set.yaml:14:5: alerts.channels.ev.source: \"not a uri\" is not a URI-reference"
                        + " (for example /spendgate or urn:spendgate:ci)",
                refused(Alerts.config("ev", "webhook", "urlEnv", "HOOK", "source", "not a uri"), env).getMessage());
        assertEquals("policies/policy-set.yaml:14:5: alerts.channels.x.type: \"irc\" is not a channel type"
                + " (slack, teams, pagerduty, webhook, github-issues, email)", refused(Alerts.config("x", "irc"), env).getMessage());
    }

    @Test
    void aWebhookThatIsNoUrlIsRefusedWithoutShowingIt() {
        InvalidInputException e = refused(Alerts.config("ops", "teams", "webhookEnv", "TEAMS_URL"),
                Map.of("TEAMS_URL", "prod.westus.logic.azure.com/workflows/SECRETsig"));
        assertEquals("policies/policy-set.yaml:14:5: alerts.channels.ops.webhookEnv: the value of TEAMS_URL is not an http(s) URL",
                e.getMessage());
    }

    @Test
    void gitHubIssuesTakeTheirTokenAndAddressFromTheActionsEnvironment() throws Exception {
        InvalidInputException e = refused(Alerts.config("gh", "github-issues", "repository", "acme/finops"), Map.of());
        assertEquals("policies/policy-set.yaml:14:5: alerts.channels.gh.tokenEnv: environment variable GITHUB_TOKEN"
                + " (the default of tokenEnv) is not set", e.getMessage());
        AlertChannel channel = Channels.open(Alerts.config("gh", "github-issues", "repository", "acme/finops"),
                Map.of("GITHUB_TOKEN", "ghs_abcdefghijklmnop", "GITHUB_API_URL", "https://ghe.example.com/api/v3/"),
                ChannelOptions.defaults());
        Alert a = Alerts.burn("bot", AlertStatus.NEW);
        String preview = channel.preview(new Batch(List.of(a), List.of(a))).get(0);
        assertTrue(preview.startsWith("POST https://ghe.example.com/api/v3/repos/acme/finops/issues "), preview);
        channel = Channels.open(Alerts.config("gh", "github-issues", "repository", "acme/finops"),
                Map.of("GITHUB_TOKEN", "ghs_abcdefghijklmnop"), ChannelOptions.defaults());
        assertTrue(channel.preview(new Batch(List.of(a), List.of(a))).get(0)
                .startsWith("POST https://api.github.com/repos/acme/finops/issues "));
    }

    /** ChannelTypes is what the policy set's reader checks against: every key it lists is one a channel takes. */
    @Test
    void everyKeyChannelTypesListsOpens() throws Exception {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("webhookEnv", "URL");
        values.put("routingKeyEnv", "KEY");
        values.put("url", "https://events.eu.pagerduty.com/v2/enqueue");
        values.put("urlEnv", "URL");
        values.put("source", "/spendgate/ci");
        values.put("tokenEnv", "TOKEN");
        values.put("repository", "acme/finops");
        values.put("per", "team");
        values.put("labels", List.of("spendgate"));
        values.put("apiUrl", "https://ghe.example.com/api/v3");
        values.put("smtpHost", "smtp.example.com");
        values.put("from", "alerts@example.com");
        values.put("smtpPort", "2525");
        values.put("tls", "ssl");
        values.put("usernameEnv", "USER");
        values.put("passwordEnv", "PASS");
        Map<String, String> env = Map.of("URL", "https://hooks.example.com/services/T/B/X", "KEY", "k".repeat(32),
                "TOKEN", "t0ken-abcdef", "USER", "alerts", "PASS", "p4ssword");
        for (String type : ChannelTypes.names()) {
            ChannelTypes.Keys keys = ChannelTypes.keys(type);
            List<Object> kv = new ArrayList<>();
            for (String k : keys.required()) {
                kv.add(k);
                kv.add(values.get(k));
            }
            for (String k : keys.optional()) {
                kv.add(k);
                kv.add(values.get(k));
            }
            assertTrue(kv.stream().noneMatch(java.util.Objects::isNull), type + ": a key the test does not know");
            AlertChannel c = Channels.open(Alerts.config("c", type, kv.toArray()), env, ChannelOptions.defaults());
            assertEquals(type, c.type());
            assertEquals("c", c.name());
        }
    }
}
