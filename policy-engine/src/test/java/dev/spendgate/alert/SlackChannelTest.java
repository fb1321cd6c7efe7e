package dev.spendgate.alert;

import dev.spendgate.alert.testing.FakeService;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Slack incoming webhook: its answers, the retries, and the Block Kit message within its limits. */
class SlackChannelTest {

    private static final String HOOK = "/services/T0001/B0002/abcdefSECRETxyz";

    private final List<Duration> waits = new ArrayList<>();
    private FakeService slack;

    @AfterEach
    void stop() {
        if (slack != null) {
            slack.close();
        }
    }

    private AlertChannel open(FakeService.Answer... answers) throws Exception {
        stop();
        slack = new FakeService("/services", answers);
        return Channels.open(Alerts.config("ops", "slack", "webhookEnv", "SLACK_URL"),
                Map.of("SLACK_URL", slack.uri(HOOK).toString()), Alerts.options(waits));
    }

    @Test
    void aMessageSlackTakesIsDelivered() throws Exception {
        AlertChannel channel = open(FakeService.text(200, "ok"));
        List<Delivery> d = channel.deliver(Alerts.batch(Alerts.burn("bot", AlertStatus.NEW)));
        assertEquals(Delivery.Outcome.DELIVERED, d.get(0).outcome());
        assertEquals("200 ok", d.get(0).detail());
        FakeService.Received r = slack.received().get(0);
        assertEquals("POST", r.method());
        assertEquals(HOOK, r.path());
        assertTrue(r.header("Content-Type").startsWith("application/json"));
        assertEquals(List.of(), waits);
    }

    @ParameterizedTest
    @CsvSource({"400,invalid_payload", "403,action_prohibited", "404,no_service", "410,channel_is_archived"})
    void aRefusalIsFinalAndSaysSlacksWord(int status, String word) throws Exception {
        AlertChannel channel = open(FakeService.text(status, word));
        List<Delivery> d = channel.deliver(Alerts.batch(Alerts.burn("bot", AlertStatus.NEW)));
        assertEquals(Delivery.Outcome.FAILED, d.get(0).outcome());
        assertEquals(status + " " + word, d.get(0).detail());
        assertEquals(1, slack.received().size(), "a 4xx other than 429 is not retried");
    }

    @Test
    void tooManyRequestsWaitsWhatRetryAfterAsks() throws Exception {
        AlertChannel channel = open(FakeService.text(429, "rate_limited").header("Retry-After", "7"),
                FakeService.text(200, "ok"));
        List<Delivery> d = channel.deliver(Alerts.batch(Alerts.burn("bot", AlertStatus.NEW)));
        assertEquals(Delivery.Outcome.DELIVERED, d.get(0).outcome());
        assertEquals(List.of(Duration.ofSeconds(7)), waits);
        assertEquals(2, slack.received().size());
    }

    @Test
    void retryAfterAsAnHttpDateIsTheTimeUntilThen() throws Exception {
        AlertChannel channel = open(FakeService.text(429, "rate_limited").header("Retry-After", "Mon, 04 May 2026 06:00:30 GMT"),
                FakeService.text(200, "ok"));
        channel.deliver(Alerts.batch(Alerts.burn("bot", AlertStatus.NEW)));
        assertEquals(List.of(Duration.ofSeconds(30)), waits);
    }

    @Test
    void tooManyRequestsEveryTimeFailsAfterTheAttempts() throws Exception {
        AlertChannel channel = open(FakeService.text(429, "rate_limited").header("Retry-After", "1"));
        List<Delivery> d = channel.deliver(Alerts.batch(Alerts.burn("bot", AlertStatus.NEW)));
        assertEquals(Delivery.Outcome.FAILED, d.get(0).outcome());
        assertEquals("429 Too Many Requests after 3 attempts", d.get(0).detail());
        assertEquals(3, slack.received().size());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1)), waits);
    }

    @Test
    void aRetryAfterLongerThanTheRunWaitsIsLeftToTheNextRun() throws Exception {
        AlertChannel channel = open(FakeService.text(429, "rate_limited").header("Retry-After", "3600"));
        List<Delivery> d = channel.deliver(Alerts.batch(Alerts.burn("bot", AlertStatus.NEW)));
        assertEquals(Delivery.Outcome.FAILED, d.get(0).outcome());
        assertEquals(1, slack.received().size());
        assertTrue(d.get(0).detail().startsWith("429 Too Many Requests (Retry-After 3600 s is longer than the 60 s"),
                d.get(0).detail());
        assertEquals(List.of(), waits);
    }

    @Test
    void serverErrorsBackOffExponentially() throws Exception {
        AlertChannel channel = open(FakeService.text(500, "oops"), FakeService.text(503, ""), FakeService.text(200, "ok"));
        List<Delivery> d = channel.deliver(Alerts.batch(Alerts.burn("bot", AlertStatus.NEW)));
        assertEquals(Delivery.Outcome.DELIVERED, d.get(0).outcome());
        assertEquals(List.of(Duration.ofMillis(5), Duration.ofMillis(10)), waits);
        channel = open(FakeService.text(503, "down"));
        assertEquals("503 Service Unavailable after 3 attempts",
                channel.deliver(Alerts.batch(Alerts.burn("bot", AlertStatus.NEW))).get(0).detail());
    }

    @Test
    void aConnectionThatFailsIsRetriedAndSaysSo() throws Exception {
        AlertChannel channel = open(FakeService.text(200, "ok"));
        slack.close();
        List<Delivery> d = channel.deliver(Alerts.batch(Alerts.burn("bot", AlertStatus.NEW)));
        assertEquals(Delivery.Outcome.FAILED, d.get(0).outcome());
        assertTrue(d.get(0).detail().startsWith("cannot reach 127.0.0.1: "), d.get(0).detail());
        assertTrue(d.get(0).detail().endsWith(" after 3 attempts"), d.get(0).detail());
        assertEquals(2, waits.size());
    }

    @Test
    void everyChangeOfTheBatchComesBackInOrder() throws Exception {
        AlertChannel channel = open(FakeService.text(200, "ok"), FakeService.text(404, "no_service"),
                FakeService.text(200, "ok"));
        List<Delivery> d = channel.deliver(Alerts.batch(Alerts.burn("a", AlertStatus.NEW),
                Alerts.burn("b", AlertStatus.NEW), Alerts.burn("c", AlertStatus.RESOLVED)));
        assertEquals(List.of("a", "b", "c"), d.stream().map(x -> x.alert().manifest()).toList());
        assertEquals(List.of(Delivery.Outcome.DELIVERED, Delivery.Outcome.FAILED, Delivery.Outcome.DELIVERED),
                d.stream().map(Delivery::outcome).toList());
    }

    @Test
    void theMessageIsBlockKitWithTheNumbersTheFileAndTheRun() throws Exception {
        AlertChannel channel = open(FakeService.text(200, "ok"));
        channel.deliver(Alerts.batch(Alerts.burn("bot", AlertStatus.NEW)));
        JsonObject m = Json.createReader(new StringReader(slack.received().get(0).body())).readObject();
        checkBlockKit(m);
        assertTrue(m.getString("text").contains("NEW SG-SPD-001 bot"), m.getString("text"));
        var blocks = m.getJsonArray("blocks");
        assertEquals("header", blocks.getJsonObject(0).getString("type"));
        assertEquals("NEW SG-SPD-001 bot: Burn past the warning threshold",
                blocks.getJsonObject(0).getJsonObject("text").getString("text"));
        String fields = blocks.getJsonObject(2).getJsonArray("fields").toString();
        assertTrue(fields.contains("*spent*\\n812.40") && fields.contains("*budget*\\n1000.00"), fields);
        String context = blocks.getJsonObject(blocks.size() - 1).toString();
        assertTrue(context.contains("`manifests/bot.yaml:12`"), context);
        assertTrue(context.contains("<https://ci.example.com/runs/42|View the run>"), context);
    }

    @Test
    void aResolveSaysSo() throws Exception {
        AlertChannel channel = open(FakeService.text(200, "ok"));
        channel.deliver(Alerts.batch(Alerts.burn("bot", AlertStatus.RESOLVED)));
        JsonObject m = Json.createReader(new StringReader(slack.received().get(0).body())).readObject();
        checkBlockKit(m);
        assertTrue(m.getJsonArray("blocks").getJsonObject(0).toString().contains("RESOLVED SG-SPD-001 bot"));
        assertTrue(m.getJsonArray("blocks").getJsonObject(1).toString().contains("Resolved: the condition no longer holds"));
    }

    @Test
    void longTextsAndManyNumbersStayWithinBlockKitsLimits() throws Exception {
        Map<String, String> numbers = new LinkedHashMap<>();
        for (int i = 0; i < 57; i++) {
            numbers.put("n" + i, "x".repeat(2500));
        }
        Alert big = new Alert("m|r|advisory", AlertStatus.NEW, "m".repeat(300), "f.yaml", 1, "t", "e", null, "SG-X",
                "T".repeat(200), "advisory", "<&>".repeat(2000), numbers, Alerts.AT, null);
        JsonObject m = SlackChannel.payload(big);
        checkBlockKit(m);
        String all = m.toString();
        assertTrue(all.contains("more numbers in the run's report"), "what does not fit is counted, not dropped silently");
        assertTrue(all.contains("&lt;&amp;&gt;"), "mrkdwn control characters are escaped");
    }

    /** The Block Kit structure and limits of a message (Slack's block reference). */
    static void checkBlockKit(JsonObject m) {
        assertFalse(m.getString("text").isBlank(), "the text fallback");
        var blocks = m.getJsonArray("blocks");
        assertTrue(blocks.size() >= 1 && blocks.size() <= SlackChannel.MAX_BLOCKS, "1 to 50 blocks");
        for (JsonValue v : blocks) {
            JsonObject b = v.asJsonObject();
            String type = b.getString("type");
            assertTrue(Set.of("header", "section", "context").contains(type), type);
            switch (type) {
                case "header" -> {
                    JsonObject t = b.getJsonObject("text");
                    assertEquals("plain_text", t.getString("type"));
                    assertTrue(t.getString("text").length() <= 150, "header text ≤ 150");
                }
                case "section" -> {
                    assertTrue(b.containsKey("text") || b.containsKey("fields"), "a section has text or fields");
                    if (b.containsKey("text")) {
                        JsonObject t = b.getJsonObject("text");
                        assertEquals("mrkdwn", t.getString("type"));
                        assertTrue(t.getString("text").length() <= 3000 && !t.getString("text").isEmpty());
                    }
                    if (b.containsKey("fields")) {
                        var f = b.getJsonArray("fields");
                        assertTrue(f.size() >= 1 && f.size() <= 10, "1 to 10 fields");
                        f.forEach(x -> {
                            assertEquals("mrkdwn", x.asJsonObject().getString("type"));
                            assertTrue(x.asJsonObject().getString("text").length() <= 2000, "field text ≤ 2000");
                        });
                    }
                }
                default -> {
                    var e = b.getJsonArray("elements");
                    assertTrue(e.size() >= 1 && e.size() <= 10, "1 to 10 context elements");
                    e.forEach(x -> assertTrue(Set.of("mrkdwn", "plain_text").contains(x.asJsonObject().getString("type"))));
                }
            }
        }
    }
}
