package dev.spendgate.alert;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** E-mail over SMTP to the manifest's owner, against GreenMail's SMTP server. */
class EmailChannelTest {

    private static final String PASSWORD = "s3cret-smtp-pass";

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@spendgate.test", "alerts", PASSWORD));

    private final List<Duration> waits = new ArrayList<>();

    private AlertChannel open(Map<String, String> env, Object... extra) throws Exception {
        List<Object> kv = new ArrayList<>(List.of("smtpHost", "127.0.0.1", "smtpPort",
                Integer.toString(MAIL.getSmtp().getPort()), "from", "spendgate <alerts@spendgate.test>"));
        kv.addAll(List.of(extra));
        return Channels.open(Alerts.config("mail", "email", kv.toArray()), env, Alerts.options(waits));
    }

    @Test
    void theOwnerGetsTheAlertWithItsNumbersFileAndRun() throws Exception {
        AlertChannel channel = open(Map.of(), "tls", "none");
        Delivery d = channel.deliver(Alerts.batch(Alerts.burn("bot", AlertStatus.NEW))).get(0);
        assertEquals(Delivery.Outcome.DELIVERED, d.outcome(), d.detail());
        assertEquals("sent to jane@example.com", d.detail());
        MimeMessage[] got = MAIL.getReceivedMessages();
        assertEquals(1, got.length);
        MimeMessage m = got[0];
        assertEquals("[spendgate] NEW SG-SPD-001 bot: Burn past the warning threshold", m.getSubject());
        assertEquals("jane@example.com", m.getAllRecipients()[0].toString());
        assertEquals("spendgate <alerts@spendgate.test>", m.getFrom()[0].toString());
        assertEquals("bot|SG-SPD-001|hard-mandatory", m.getHeader("X-Spendgate-Fingerprint")[0]);
        String body = GreenMailUtil.getBody(m).replace("\r\n", "\n");
        assertTrue(body.contains("  spent: 812.40\n"), body);
        assertTrue(body.contains("file: manifests/bot.yaml:12\n"), body);
        assertTrue(body.contains("run: https://ci.example.com/runs/42"), body);
    }

    @Test
    void aResolveIsMailedToo() throws Exception {
        open(Map.of(), "tls", "none").deliver(Alerts.batch(Alerts.burn("bot", AlertStatus.RESOLVED)));
        MimeMessage m = MAIL.getReceivedMessages()[0];
        assertEquals("[spendgate] RESOLVED SG-SPD-001 bot: Burn past the warning threshold", m.getSubject());
        assertTrue(GreenMailUtil.getBody(m).contains("Resolved: the condition no longer holds"));
    }

    @Test
    void itLogsInWithTheUserAndPasswordFromTheEnvironment() throws Exception {
        AlertChannel channel = open(Map.of("SMTP_USER", "alerts", "SMTP_PASS", PASSWORD), "tls", "none",
                "usernameEnv", "SMTP_USER", "passwordEnv", "SMTP_PASS");
        assertEquals(Delivery.Outcome.DELIVERED, channel.deliver(Alerts.batch(Alerts.burn("bot", AlertStatus.NEW))).get(0).outcome());
        AlertChannel wrong = open(Map.of("SMTP_USER", "alerts", "SMTP_PASS", "not-the-password"), "tls", "none",
                "usernameEnv", "SMTP_USER", "passwordEnv", "SMTP_PASS");
        Delivery d = wrong.deliver(Alerts.batch(Alerts.burn("bot", AlertStatus.NEW))).get(0);
        assertEquals(Delivery.Outcome.FAILED, d.outcome());
        assertTrue(d.detail().startsWith("the SMTP server refused the login"), d.detail());
        assertFalse(d.detail().contains("not-the-password"));
        assertEquals(List.of(), waits, "a refused login is not retried");
    }

    @Test
    void anOwnerThatIsNoAddressDoesNotApply() throws Exception {
        AlertChannel channel = open(Map.of(), "tls", "none");
        List<Delivery> d = channel.deliver(Alerts.batch(
                Alerts.alert("a", "SG-SPD-001", "advisory", AlertStatus.NEW, "t", "@payments-team"),
                Alerts.alert("b", "SG-SPD-001", "advisory", AlertStatus.NEW, "t", "team-payments"),
                Alerts.alert("c", "SG-SPD-001", "advisory", AlertStatus.NEW, "t", null),
                Alerts.alert("d", "SG-SPD-001", "advisory", AlertStatus.NEW, "t", "Jane Roe <jane.roe@example.com>")));
        assertEquals(List.of(Delivery.Outcome.NOT_APPLICABLE, Delivery.Outcome.NOT_APPLICABLE,
                Delivery.Outcome.NOT_APPLICABLE, Delivery.Outcome.DELIVERED), d.stream().map(Delivery::outcome).toList());
        assertEquals("owner \"@payments-team\" is not an e-mail address", d.get(0).detail());
        assertEquals("owner \"team-payments\" is not an e-mail address", d.get(1).detail());
        assertEquals("the manifest names no owner to e-mail", d.get(2).detail());
        assertEquals("sent to jane.roe@example.com", d.get(3).detail());
        assertEquals(1, MAIL.getReceivedMessages().length);
        assertNull(EmailChannel.address("jane@example.com, joe@example.com"), "one owner, one address");
    }

    @Test
    void starttlsIsTheDefaultAndRequired() throws Exception {
        AlertChannel channel = open(Map.of());
        Delivery d = channel.deliver(Alerts.batch(Alerts.burn("bot", AlertStatus.NEW))).get(0);
        assertEquals(Delivery.Outcome.FAILED, d.outcome());
        assertTrue(d.detail().contains("STARTTLS"), d.detail());
        assertEquals(0, MAIL.getReceivedMessages().length, "never sent in the clear");
    }

    @Test
    void anUnreachableServerIsRetried() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        AlertChannel channel = Channels.open(Alerts.config("mail", "email", "smtpHost", "127.0.0.1", "smtpPort",
                Integer.toString(closed), "from", "alerts@spendgate.test", "tls", "none"), Map.of(), Alerts.options(waits));
        Delivery d = channel.deliver(Alerts.batch(Alerts.burn("bot", AlertStatus.NEW))).get(0);
        assertEquals(Delivery.Outcome.FAILED, d.outcome());
        assertTrue(d.detail().startsWith("cannot reach 127.0.0.1:" + closed + ": ConnectException"), d.detail());
        assertTrue(d.detail().endsWith("after 3 attempts"), d.detail());
        assertEquals(List.of(Duration.ofMillis(5), Duration.ofMillis(10)), waits);
    }

    @Test
    void thePreviewIsTheMessage() throws Exception {
        List<String> p = open(Map.of()).preview(Alerts.batch(Alerts.burn("bot", AlertStatus.NEW),
                Alerts.alert("a", "SG-SPD-001", "advisory", AlertStatus.NEW, "t", "@payments-team")));
        assertTrue(p.get(0).startsWith("SMTP 127.0.0.1:" + MAIL.getSmtp().getPort() + " (starttls) to jane@example.com\n"
                + "From: spendgate <alerts@spendgate.test>\nSubject: [spendgate] NEW SG-SPD-001 bot: "), p.get(0));
        assertEquals("(not sent: owner \"@payments-team\" is not an e-mail address)", p.get(1));
        assertEquals(0, MAIL.getReceivedMessages().length);
    }
}
