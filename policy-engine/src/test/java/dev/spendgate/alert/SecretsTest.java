package dev.spendgate.alert;

import dev.spendgate.alert.testing.FakeGitHubIssues;
import dev.spendgate.alert.testing.FakeService;
import dev.spendgate.error.InvalidInputException;
import dev.spendgate.policy.ChannelConfig;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No secret (webhook URL, routing key, token, password) appears in a delivery's detail, a preview
 * or an exception message, even when a service repeats it back or a connection fails.
 */
class SecretsTest {

    private static final String SLACK_PATH = "/services/T0SECRET/B0SECRET/xoxSECRETpath";
    private static final String TEAMS_PATH = "/workflows/wf1/triggers/manual/paths/invoke?api-version=1&sig=TEAMSsigSECRET";
    private static final String PD_KEY = "PDroutingKEYsecret0123456789abcd";
    private static final String HOOK_PATH = "/hooks/HOOKsecretPATH";
    private static final String HOOK_TOKEN = "HOOKtokenSECRET42";
    private static final String GH_TOKEN = "ghp_GHtokenSECRET0123456789";
    private static final String SMTP_PASS = "SMTPpassSECRET";

    private final List<Duration> waits = new ArrayList<>();

    private static void noSecretIn(String text, List<String> secrets) {
        for (String s : secrets) {
            assertFalse(text.contains(s), () -> "a secret shows in: " + text);
        }
        for (String part : List.of("SECRET", "xoxSECRET", "TEAMSsig", "PDrouting", "HOOKsecret", "HOOKtoken", "GHtoken", "SMTPpass")) {
            assertFalse(text.contains(part), () -> "part of a secret shows in: " + text);
        }
    }

    /** Everything a channel says, delivering twice (the service echoing the secrets back) and previewing. */
    private List<String> said(AlertChannel channel) {
        List<String> out = new ArrayList<>();
        Alert a = Alerts.burn("bot", AlertStatus.NEW);
        Batch b = new Batch(List.of(a, a.withStatus(AlertStatus.RESOLVED)), List.of(a));
        channel.deliver(b).forEach(d -> out.add(d.detail()));
        out.addAll(channel.preview(b));
        return out;
    }

    @Test
    void servicesThatRepeatTheSecretsBackDoNotLeakThem() throws Exception {
        try (FakeService svc = new FakeService("/", FakeService.text(400, "bad request"));
             FakeGitHubIssues gh = new FakeGitHubIssues("acme/finops", 2)) {
            Map<String, String> env = Map.of(
                    "SLACK_URL", svc.uri(SLACK_PATH).toString(),
                    "TEAMS_URL", svc.uri(TEAMS_PATH).toString(),
                    "PD_KEY", PD_KEY,
                    "HOOK_URL", svc.uri(HOOK_PATH).toString(),
                    "HOOK_TOKEN", HOOK_TOKEN,
                    "GH_TOKEN", GH_TOKEN);
            List<ChannelConfig> configs = List.of(
                    Alerts.config("s", "slack", "webhookEnv", "SLACK_URL"),
                    Alerts.config("t", "teams", "webhookEnv", "TEAMS_URL"),
                    Alerts.config("p", "pagerduty", "routingKeyEnv", "PD_KEY", "url", svc.uri("/v2/enqueue").toString()),
                    Alerts.config("w", "webhook", "urlEnv", "HOOK_URL", "tokenEnv", "HOOK_TOKEN"),
                    Alerts.config("g", "github-issues", "repository", "acme/finops", "apiUrl", gh.api().toString(),
                            "tokenEnv", "GH_TOKEN"));
            for (ChannelConfig c : configs) {
                List<String> secrets = Channels.secrets(c, env);
                assertFalse(secrets.isEmpty(), c.type());
                String echo = "bad request for " + String.join(" and ", secrets);
                svc.answer(FakeService.text(400, echo));
                gh.refuse(null, FakeService.json(422, "{\"message\":\"" + echo + "\"}"));
                List<String> said = said(Channels.open(c, env, Alerts.options(waits)));
                assertTrue(said.size() >= 3, c.type() + ": " + said); // GitHub: one request per manifest
                said.forEach(s -> noSecretIn(s, secrets));
                assertTrue(String.join("\n", said).contains("***") || c.type().equals("github-issues"), c.type() + ": " + said);
            }
            assertTrue(svc.received().stream().anyMatch(r -> r.path().equals(SLACK_PATH)), "the secret URL was used");
        }
    }

    @Test
    void aFailedConnectionDoesNotShowTheAddressesSecretPart() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Map<String, String> env = Map.of("SLACK_URL", "http://127.0.0.1:" + closed + SLACK_PATH);
        ChannelConfig c = Alerts.config("s", "slack", "webhookEnv", "SLACK_URL");
        List<String> said = said(Channels.open(c, env, Alerts.options(waits)));
        said.forEach(s -> noSecretIn(s, Channels.secrets(c, env)));
        assertTrue(said.get(0).startsWith("cannot reach 127.0.0.1"), said.get(0));
        assertTrue(said.get(2).startsWith("POST http://127.0.0.1:" + closed + "/***\n"), said.get(2));
    }

    @Test
    void theEmailPasswordStaysHiddenAndTheUserNameIsNoSecret() throws Exception {
        ChannelConfig c = Alerts.config("m", "email", "smtpHost", "127.0.0.1", "smtpPort", "1", "from", "a@example.com",
                "tls", "none", "usernameEnv", "SMTP_USER", "passwordEnv", "SMTP_PASS");
        Map<String, String> env = Map.of("SMTP_USER", "alerts", "SMTP_PASS", SMTP_PASS);
        assertEquals(List.of(SMTP_PASS), Channels.secrets(c, env), "a user name would mask every 'alerts' in a report");
        said(Channels.open(c, env, Alerts.options(waits))).forEach(s -> noSecretIn(s, List.of(SMTP_PASS)));
    }

    @Test
    void exceptionMessagesNameVariablesNotValues() {
        ChannelConfig c = Alerts.config("s", "slack", "webhookEnv", "SLACK_URL");
        Map<String, String> env = Map.of("SLACK_URL", "hooks.slack.com" + SLACK_PATH);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Channels.open(c, env, ChannelOptions.defaults()));
        noSecretIn(e.getMessage(), Channels.secrets(c, env));
        assertTrue(e.getMessage().contains("SLACK_URL"));
    }
}
