package dev.spendgate.alert;

import dev.spendgate.alert.testing.FakeService;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generic webhook: CloudEvents 1.0 in structured mode, its required attributes and their formats. */
class CloudEventsChannelTest {

    /** RFC 3339 date-time, as the CloudEvents spec requires of {@code time}. */
    private static final Pattern RFC3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");
    /** CloudEvents attribute names: lower-case letters and digits, at most 20 characters. */
    private static final Pattern ATTRIBUTE = Pattern.compile("[a-z0-9]{1,20}");

    private final List<Duration> waits = new ArrayList<>();
    private FakeService hook;

    @AfterEach
    void stop() {
        if (hook != null) {
            hook.close();
        }
    }

    private AlertChannel open(Map<String, String> env, Object... extra) throws Exception {
        List<Object> kv = new ArrayList<>(List.of("urlEnv", "HOOK_URL"));
        kv.addAll(List.of(extra));
        return Channels.open(Alerts.config("events", "webhook", kv.toArray()), env, Alerts.options(waits));
    }

    private JsonObject sent(int i) {
        return Json.createReader(new StringReader(hook.received().get(i).body())).readObject();
    }

    @Test
    void eachAlertIsOneStructuredCloudEvent() throws Exception {
        hook = new FakeService("/hooks", FakeService.text(204, ""));
        AlertChannel channel = open(Map.of("HOOK_URL", hook.uri("/hooks/spend").toString()));
        Delivery d = channel.deliver(Alerts.batch(Alerts.burn("bot", AlertStatus.NEW))).get(0);
        assertEquals(Delivery.Outcome.DELIVERED, d.outcome());
        assertEquals("204 No Content", d.detail());
        FakeService.Received r = hook.received().get(0);
        assertEquals("application/cloudevents+json; charset=UTF-8", r.header("Content-Type"));
        assertNull(r.header("Authorization"));
        JsonObject e = sent(0);
        checkCloudEvent(e);
        assertEquals("/spendgate", e.getString("source"));
        assertEquals("dev.spendgate.alert.new", e.getString("type"));
        assertEquals("bot/SG-SPD-001", e.getString("subject"));
        assertEquals("2026-05-04T06:00:00Z", e.getString("time"));
        JsonObject data = e.getJsonObject("data");
        assertEquals("bot|SG-SPD-001|hard-mandatory", data.getString("fingerprint"));
        assertEquals("812.40", data.getJsonObject("numbers").getString("spent"));
        assertEquals("manifests/bot.yaml", data.getString("file"));
        assertEquals(12, data.getInt("line"));
        assertEquals("https://ci.example.com/runs/42", data.getString("runUrl"));
    }

    @Test
    void theTokenGoesAsBearerAndTheSourceAsConfigured() throws Exception {
        hook = new FakeService("/hooks", FakeService.text(200, "thanks"));
        AlertChannel channel = open(Map.of("HOOK_URL", hook.uri("/hooks/x").toString(), "HOOK_TOKEN", "tok-123456789"),
                "tokenEnv", "HOOK_TOKEN", "source", "urn:spendgate:ci:nightly");
        channel.deliver(Alerts.batch(Alerts.burn("bot", AlertStatus.RESOLVED)));
        assertEquals("Bearer tok-123456789", hook.received().get(0).header("Authorization"));
        assertEquals("urn:spendgate:ci:nightly", sent(0).getString("source"));
        assertEquals("dev.spendgate.alert.resolved", sent(0).getString("type"));
        assertFalse(String.join("\n", channel.preview(Alerts.batch(Alerts.burn("bot", AlertStatus.NEW)))).contains("tok-123456789"));
    }

    @Test
    void idsAreTheSameForTheSameEventAndUniqueOtherwise() {
        Set<String> ids = new HashSet<>();
        for (AlertStatus s : AlertStatus.values()) {
            for (String m : List.of("a", "b")) {
                ids.add(CloudEventsChannel.event(Alerts.burn(m, s), "/spendgate").getString("id"));
            }
        }
        Alert later = new Alert("a|SG-SPD-001|hard-mandatory", AlertStatus.NEW, "a", "f", 1, null, null, null, "SG-SPD-001",
                "t", "hard-mandatory", "m", Map.of(), Instant.parse("2026-05-05T06:00:00Z"), null);
        ids.add(CloudEventsChannel.event(later, "/spendgate").getString("id"));
        assertEquals(9, ids.size());
        assertEquals(CloudEventsChannel.event(Alerts.burn("a", AlertStatus.NEW), "/s").getString("id"),
                CloudEventsChannel.event(Alerts.burn("a", AlertStatus.NEW), "/s").getString("id"));
        JsonObject orphan = CloudEventsChannel.event(new Alert("g|SG-SPD-007|advisory", AlertStatus.NEW, "g", null, 0,
                null, null, null, "SG-SPD-007", "Orphaned spend", "advisory", "m", Map.of(), Instant.EPOCH, null), "/spendgate");
        checkCloudEvent(orphan);
        assertTrue(orphan.getJsonObject("data").isNull("file"));
    }

    @Test
    void anyOther2xxIsSuccessAndARefusalIsNot() throws Exception {
        hook = new FakeService("/hooks", FakeService.text(202, ""));
        AlertChannel channel = open(Map.of("HOOK_URL", hook.uri("/hooks/x").toString()));
        assertEquals("202 Accepted", channel.deliver(Alerts.batch(Alerts.burn("bot", AlertStatus.NEW))).get(0).detail());
        hook.answer(FakeService.text(401, "unauthorized: bad token"));
        Delivery d = channel.deliver(Alerts.batch(Alerts.burn("bot", AlertStatus.NEW))).get(0);
        assertEquals(Delivery.Outcome.FAILED, d.outcome());
        assertEquals("401 unauthorized: bad token", d.detail());
        hook.answer(FakeService.text(500, ""));
        assertEquals("500 Internal Server Error after 3 attempts",
                channel.deliver(Alerts.batch(Alerts.burn("bot", AlertStatus.NEW))).get(0).detail());
    }

    /** The CloudEvents 1.0 required attributes and the formats the spec gives them. */
    static void checkCloudEvent(JsonObject e) {
        for (String required : List.of("specversion", "id", "source", "type")) {
            assertTrue(e.containsKey(required), required);
            assertFalse(e.getString(required).isEmpty(), required + " is a non-empty string");
        }
        assertEquals("1.0", e.getString("specversion"));
        URI.create(e.getString("source")); // a URI-reference
        assertTrue(RFC3339.matcher(e.getString("time")).matches(), e.getString("time"));
        OffsetDateTime.parse(e.getString("time"), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        assertEquals("application/json", e.getString("datacontenttype"));
        assertFalse(e.getString("subject").isEmpty());
        for (String name : e.keySet()) {
            assertTrue(ATTRIBUTE.matcher(name).matches(), "attribute name " + name);
        }
        assertTrue(e.get("data") instanceof JsonObject, "data is JSON, as datacontenttype says");
    }
}
