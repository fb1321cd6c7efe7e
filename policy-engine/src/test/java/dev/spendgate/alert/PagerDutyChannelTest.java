package dev.spendgate.alert;

import dev.spendgate.alert.testing.FakeService;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PagerDuty's Events API v2: trigger and resolve events, their fields and limits, and its answers. */
class PagerDutyChannelTest {

    private static final String KEY = "R0UT1NGKEYabcdef0123456789abcdef";
    private static final String SUCCESS = "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"spendgate:bot:SG-SPD-001\"}";

    private final List<Duration> waits = new ArrayList<>();
    private FakeService pd;

    @AfterEach
    void stop() {
        if (pd != null) {
            pd.close();
        }
    }

    private AlertChannel open(FakeService.Answer... answers) throws Exception {
        pd = new FakeService("/v2/enqueue", answers);
        return Channels.open(Alerts.config("oncall", "pagerduty", "routingKeyEnv", "PD_KEY", "url",
                pd.uri("/v2/enqueue").toString()), Map.of("PD_KEY", KEY), Alerts.options(waits));
    }

    private JsonObject sent(int i) {
        return Json.createReader(new StringReader(pd.received().get(i).body())).readObject();
    }

    @Test
    void aTriggerCarriesEveryFieldTheEventsApiDocuments() throws Exception {
        AlertChannel channel = open(FakeService.json(202, SUCCESS));
        Delivery d = channel.deliver(Alerts.batch(Alerts.burn("bot", AlertStatus.NEW))).get(0);
        assertEquals(Delivery.Outcome.DELIVERED, d.outcome());
        assertEquals("202 success (dedup_key spendgate:bot:SG-SPD-001)", d.detail());
        JsonObject e = sent(0);
        assertEquals(Set.of("routing_key", "event_action", "dedup_key", "payload", "client", "client_url", "links"), e.keySet());
        assertEquals(KEY, e.getString("routing_key"));
        assertEquals("trigger", e.getString("event_action"));
        JsonObject p = e.getJsonObject("payload");
        assertTrue(p.keySet().containsAll(Set.of("summary", "source", "severity")), "the required payload fields");
        assertTrue(Set.of("critical", "error", "warning", "info").contains(p.getString("severity")));
        assertEquals("critical", p.getString("severity"));
        assertEquals("manifests/bot.yaml", p.getString("source"));
        assertEquals("bot", p.getString("component"));
        assertEquals("payments", p.getString("group"));
        assertEquals("SG-SPD-001", p.getString("class"));
        OffsetDateTime.parse(p.getString("timestamp"));
        assertEquals("812.40", p.getJsonObject("custom_details").getString("spent"));
        assertEquals("manifests/bot.yaml:12", p.getJsonObject("custom_details").getString("file"));
        assertEquals("https://ci.example.com/runs/42", e.getJsonArray("links").getJsonObject(0).getString("href"));
        assertTrue(pd.received().get(0).header("Content-Type").startsWith("application/json"));
    }

    @Test
    void aResolveNamesTheSameIncident() throws Exception {
        AlertChannel channel = open(FakeService.json(202, SUCCESS));
        channel.deliver(Alerts.batch(Alerts.burn("bot", AlertStatus.NEW), Alerts.burn("bot", AlertStatus.RESOLVED)));
        assertEquals("resolve", sent(1).getString("event_action"));
        assertEquals(sent(0).getString("dedup_key"), sent(1).getString("dedup_key"));
        assertFalse(sent(1).containsKey("payload"), "a resolve needs no payload");
    }

    @Test
    void anEscalationUpdatesTheIncidentItEscalates() {
        Alert advisory = Alerts.alert("bot", "SG-SPD-001", "advisory", AlertStatus.NEW, "t", null);
        Alert block = Alerts.alert("bot", "SG-SPD-001", "hard-mandatory", AlertStatus.ESCALATED, "t", null);
        assertNotEquals(advisory.fingerprint(), block.fingerprint());
        assertEquals(PagerDutyChannel.payload(advisory, KEY).getString("dedup_key"),
                PagerDutyChannel.payload(block, KEY).getString("dedup_key"));
        assertEquals("warning", PagerDutyChannel.payload(advisory, KEY).getJsonObject("payload").getString("severity"));
        assertEquals("error", PagerDutyChannel.severity("soft-mandatory"));
    }

    @Test
    void longNamesStayWithinTheLimitsAndApart() {
        String longName = "m".repeat(400);
        Alert a = Alerts.alert(longName + "a", "SG-SPD-001", "advisory", AlertStatus.NEW, "t", null);
        Alert b = Alerts.alert(longName + "b", "SG-SPD-001", "advisory", AlertStatus.NEW, "t", null);
        JsonObject ea = PagerDutyChannel.payload(a, KEY);
        String ka = ea.getString("dedup_key");
        assertTrue(ka.length() <= 255, "dedup_key ≤ 255");
        assertNotEquals(ka, PagerDutyChannel.payload(b, KEY).getString("dedup_key"));
        assertEquals(ka, PagerDutyChannel.payload(a, KEY).getString("dedup_key"), "the same from run to run");
        assertTrue(ea.getJsonObject("payload").getString("summary").length() <= 1024, "summary ≤ 1024");
    }

    @Test
    void anInvalidEventShowsPagerDutysErrors() throws Exception {
        AlertChannel channel = open(FakeService.json(400,
                "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":[\"Length of 'routing_key' is incorrect (should be 32 characters)\"]}"));
        Delivery d = channel.deliver(Alerts.batch(Alerts.burn("bot", AlertStatus.NEW))).get(0);
        assertEquals(Delivery.Outcome.FAILED, d.outcome());
        assertEquals("400 invalid event: Event object is invalid: Length of 'routing_key' is incorrect (should be 32 characters)",
                d.detail());
        assertEquals(1, pd.received().size());
    }

    @Test
    void throttlingIsRetried() throws Exception {
        AlertChannel channel = open(FakeService.json(429, ""), FakeService.json(202, SUCCESS));
        assertEquals(Delivery.Outcome.DELIVERED, channel.deliver(Alerts.batch(Alerts.burn("bot", AlertStatus.NEW))).get(0).outcome());
        assertEquals(List.of(Duration.ofMillis(5)), waits, "no Retry-After: the backoff");
        pd.answer(FakeService.json(429, ""));
        assertEquals("429 Too Many Requests after 3 attempts",
                channel.deliver(Alerts.batch(Alerts.burn("bot", AlertStatus.NEW))).get(0).detail());
    }

    @Test
    void theDefaultAddressIsPagerDutysAndThePreviewHidesTheKey() throws Exception {
        AlertChannel channel = Channels.open(Alerts.config("oncall", "pagerduty", "routingKeyEnv", "PD_KEY"),
                Map.of("PD_KEY", KEY), Alerts.options(waits));
        List<String> preview = channel.preview(Alerts.batch(Alerts.burn("bot", AlertStatus.NEW)));
        assertTrue(preview.get(0).startsWith("POST https://events.pagerduty.com/v2/enqueue\n{"), preview.get(0));
        assertFalse(preview.get(0).contains(KEY));
        assertTrue(preview.get(0).contains("\"routing_key\":\"***\""), preview.get(0));
    }
}
