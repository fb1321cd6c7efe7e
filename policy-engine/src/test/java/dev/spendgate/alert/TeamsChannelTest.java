package dev.spendgate.alert;

import dev.spendgate.alert.testing.FakeService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Teams workflow webhook: the message envelope with one Adaptive Card, checked against
 * {@code adaptive-card-subset.schema.json} (the part of Microsoft's Adaptive Card 1.4 schema the
 * channel uses), and the workflow's 202.
 */
class TeamsChannelTest {

    private static final JsonSchema SCHEMA = schema();

    private final List<Duration> waits = new ArrayList<>();
    private FakeService teams;

    private static JsonSchema schema() {
        try (InputStream in = TeamsChannelTest.class.getResourceAsStream("adaptive-card-subset.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        if (teams != null) {
            teams.close();
        }
    }

    private AlertChannel open(FakeService.Answer... answers) throws Exception {
        teams = new FakeService("/workflows", answers);
        return Channels.open(Alerts.config("finops-teams", "teams", "webhookEnv", "TEAMS_URL"),
                Map.of("TEAMS_URL", teams.uri("/workflows/abc123/triggers/manual/paths/invoke?api-version=1&sig=SIGsecret999")
                        .toString()), Alerts.options(waits));
    }

    private static Set<ValidationMessage> validate(String body) throws Exception {
        JsonNode node = new ObjectMapper().readTree(body);
        return SCHEMA.validate(node);
    }

    @Test
    void theWorkflowAccepts() throws Exception {
        AlertChannel channel = open(FakeService.text(202, ""));
        List<Delivery> d = channel.deliver(Alerts.batch(Alerts.burn("bot", AlertStatus.ESCALATED)));
        assertEquals(Delivery.Outcome.DELIVERED, d.get(0).outcome());
        assertEquals("202 Accepted", d.get(0).detail());
        FakeService.Received r = teams.received().get(0);
        assertEquals("/workflows/abc123/triggers/manual/paths/invoke?api-version=1&sig=SIGsecret999", r.path());
        assertTrue(r.header("Content-Type").startsWith("application/json"));
        assertEquals(Set.of(), validate(r.body()));
    }

    @Test
    void theCardHasTheNumbersTheFileAndALinkToTheRun() throws Exception {
        AlertChannel channel = open(FakeService.text(202, ""));
        channel.deliver(Alerts.batch(Alerts.burn("bot", AlertStatus.NEW)));
        JsonObject card = Json.createReader(new StringReader(teams.received().get(0).body())).readObject()
                .getJsonArray("attachments").getJsonObject(0).getJsonObject("content");
        assertEquals("1.4", card.getString("version"));
        String facts = card.getJsonArray("body").getJsonObject(3).getJsonArray("facts").toString();
        assertTrue(facts.contains("{\"title\":\"spent\",\"value\":\"812.40\"}"), facts);
        assertTrue(facts.contains("{\"title\":\"file\",\"value\":\"manifests/bot.yaml:12\"}"), facts);
        JsonObject action = card.getJsonArray("actions").getJsonObject(0);
        assertEquals("Action.OpenUrl", action.getString("type"));
        assertEquals("https://ci.example.com/runs/42", action.getString("url"));
    }

    @Test
    void aResolveAndAnOrphanWithoutARunAreValidCardsToo() throws Exception {
        Alert orphan = new Alert("ghost|SG-SPD-007|advisory", AlertStatus.RESOLVED, "ghost", null, 0, null, null, null,
                "SG-SPD-007", "Orphaned spend", "advisory", "Spend tagged ghost that no manifest declares", Map.of(),
                Alerts.AT, null);
        JsonObject m = TeamsChannel.payload(orphan);
        assertEquals(Set.of(), validate(m.toString()));
        assertFalse(m.getJsonArray("attachments").getJsonObject(0).getJsonObject("content").containsKey("actions"));
        assertTrue(m.toString().contains("RESOLVED SG-SPD-007 ghost"));
    }

    @Test
    void theSchemaRejectsWhatTeamsWouldNotRender() throws Exception {
        JsonObject good = TeamsChannel.payload(Alerts.burn("bot", AlertStatus.NEW));
        String noVersion = good.toString().replace("\"version\":\"1.4\",", "");
        String badFact = good.toString().replace("\"title\":\"spent\"", "\"name\":\"spent\"");
        String badType = good.toString().replace("application/vnd.microsoft.card.adaptive", "application/json");
        assertFalse(validate(noVersion).isEmpty(), "version is required");
        assertFalse(validate(badFact).isEmpty(), "a fact has title and value");
        assertFalse(validate(badType).isEmpty(), "the attachment's content type");
    }

    @Test
    void aWorkflowErrorIsShownAndAServerErrorRetried() throws Exception {
        AlertChannel channel = open(FakeService.json(400,
                "{\"error\":{\"code\":\"InvalidRequestContent\",\"message\":\"The input body for trigger 'manual' of type 'Request' must be of type JSON\"}}"));
        Delivery d = channel.deliver(Alerts.batch(Alerts.burn("bot", AlertStatus.NEW))).get(0);
        assertEquals("400 InvalidRequestContent: The input body for trigger 'manual' of type 'Request' must be of type JSON",
                d.detail());
        teams.answer(FakeService.text(502, ""), FakeService.text(202, ""));
        assertEquals(Delivery.Outcome.DELIVERED, channel.deliver(Alerts.batch(Alerts.burn("bot", AlertStatus.NEW))).get(0).outcome());
        assertEquals(List.of(Duration.ofMillis(5)), waits);
    }
}
