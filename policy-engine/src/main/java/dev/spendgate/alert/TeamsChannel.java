package dev.spendgate.alert;

import dev.spendgate.input.Redactor;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.io.StringReader;
import java.net.URI;
import java.util.Map;

/**
 * A Microsoft Teams workflow webhook (the "When a Teams webhook request is received" trigger of
 * Power Automate): a message with one Adaptive Card 1.4 attachment, TextBlocks for the headline and
 * the message, a FactSet of the numbers and an Action.OpenUrl to the run. The workflow answers
 * {@code 202 Accepted}.
 */
final class TeamsChannel extends PostChannel {

    static final String CARD_VERSION = "1.4";

    TeamsChannel(String name, URI uri, HttpSender sender, Redactor redactor) {
        super(name, "teams", uri, true, sender, redactor);
    }

    @Override
    HttpSender.Request request(Alert alert) {
        return new HttpSender.Request("POST", uri, Map.of("Content-Type", "application/json; charset=utf-8"),
                payload(alert).toString());
    }

    static JsonObject payload(Alert a) {
        return Json.createObjectBuilder().add("type", "message")
                .add("attachments", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("contentType", "application/vnd.microsoft.card.adaptive")
                        .addNull("contentUrl")
                        .add("content", card(a))))
                .build();
    }

    static JsonObject card(Alert a) {
        JsonArrayBuilder body = Json.createArrayBuilder();
        body.add(text(AlertText.headline(a)).add("size", "Medium").add("weight", "Bolder"));
        body.add(text(AlertText.capitalized(AlertText.statusPhrase(a)) + " · " + a.level())
                .add("color", a.resolved() ? "Good" : "hard-mandatory".equals(a.level()) ? "Attention" : "Warning")
                .add("spacing", "None"));
        body.add(text(a.message()));
        JsonArrayBuilder facts = Json.createArrayBuilder();
        a.numbers().forEach((k, v) -> facts.add(fact(k, v)));
        facts.add(fact("manifest", a.manifest()));
        String where = AlertText.where(a);
        facts.add(fact("file", where == null ? "no manifest declares it" : where));
        if (a.team() != null) {
            facts.add(fact("team", a.team()));
        }
        if (a.environment() != null) {
            facts.add(fact("environment", a.environment()));
        }
        if (a.owner() != null) {
            facts.add(fact("owner", a.owner()));
        }
        facts.add(fact("at", a.at().toString()));
        body.add(Json.createObjectBuilder().add("type", "FactSet").add("facts", facts));
        JsonObjectBuilder card = Json.createObjectBuilder()
                .add("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
                .add("type", "AdaptiveCard").add("version", CARD_VERSION).add("body", body);
        if (a.runUrl() != null) {
            card.add("actions", Json.createArrayBuilder().add(Json.createObjectBuilder()
                    .add("type", "Action.OpenUrl").add("title", "View the run").add("url", a.runUrl())));
        }
        return card.build();
    }

    private static JsonObjectBuilder text(String text) {
        return Json.createObjectBuilder().add("type", "TextBlock").add("text", text).add("wrap", true);
    }

    private static JsonObjectBuilder fact(String title, String value) {
        return Json.createObjectBuilder().add("title", title).add("value", value);
    }

    @Override
    Delivery answer(Alert alert, HttpSender.Reply reply) {
        if (reply.ok()) {
            return new Delivery(alert, Delivery.Outcome.DELIVERED, reply.status() + " " + HttpSender.reason(reply.status()));
        }
        return new Delivery(alert, Delivery.Outcome.FAILED, reply.failure(message(reply.body())));
    }

    /** The {@code error.message} of a workflow's JSON error, else the first line of the body. */
    private static String message(String body) {
        try {
            JsonObject o = Json.createReader(new StringReader(body)).readObject();
            JsonObject error = o.getJsonObject("error");
            if (error != null) {
                return firstLine(error.getString("code", "") + ": " + error.getString("message", ""));
            }
        } catch (RuntimeException notJson) {
            // fall through to the first line
        }
        return firstLine(body);
    }
}
