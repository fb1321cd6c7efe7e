package dev.spendgate.alert;

import dev.spendgate.input.Redactor;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * PagerDuty's Events API v2: a {@code trigger} for a new, escalated or repeated alert and a
 * {@code resolve} for a resolved one, with one {@code dedup_key} per manifest and rule (not level,
 * so an escalation updates the incident it escalates). PagerDuty answers 202 with
 * {@code {"status":"success",...}}, 400 {@code invalid event} with its errors, or 429.
 */
final class PagerDutyChannel extends PostChannel {

    static final URI DEFAULT_URL = URI.create("https://events.pagerduty.com/v2/enqueue");
    /** Events API v2 limits (developer.pagerduty.com/docs/events-api-v2/trigger-events). */
    static final int MAX_DEDUP_KEY = 255;
    static final int MAX_SUMMARY = 1024;

    private final String routingKey;

    PagerDutyChannel(String name, URI uri, String routingKey, HttpSender sender, Redactor redactor) {
        super(name, "pagerduty", uri, false, sender, redactor);
        this.routingKey = routingKey;
    }

    @Override
    HttpSender.Request request(Alert alert) {
        return new HttpSender.Request("POST", uri, Map.of("Content-Type", "application/json"),
                payload(alert, routingKey).toString());
    }

    static JsonObject payload(Alert a, String routingKey) {
        JsonObjectBuilder event = Json.createObjectBuilder()
                .add("routing_key", routingKey)
                .add("event_action", a.resolved() ? "resolve" : "trigger")
                .add("dedup_key", dedupKey(a.manifest(), a.ruleId()));
        if (a.resolved()) {
            return event.build();
        }
        JsonObjectBuilder details = Json.createObjectBuilder();
        details.add("status", a.status().wireName()).add("level", a.level()).add("message", a.message());
        a.numbers().forEach(details::add);
        addIfPresent(details, "file", AlertText.where(a));
        addIfPresent(details, "environment", a.environment());
        addIfPresent(details, "owner", a.owner());
        JsonObjectBuilder payload = Json.createObjectBuilder()
                .add("summary", AlertText.cut("[spendgate] " + a.ruleId() + " " + a.manifest() + ": " + a.message(),
                        MAX_SUMMARY))
                .add("source", a.file() == null ? "spendgate:" + a.manifest() : a.file())
                .add("severity", severity(a.level()))
                .add("timestamp", a.at().toString())
                .add("component", a.manifest())
                .add("class", a.ruleId())
                .add("custom_details", details);
        if (a.team() != null) {
            payload.add("group", a.team());
        }
        event.add("payload", payload).add("client", "spendgate");
        if (a.runUrl() != null) {
            event.add("client_url", a.runUrl())
                    .add("links", Json.createArrayBuilder().add(Json.createObjectBuilder()
                            .add("href", a.runUrl()).add("text", "spendgate run")));
        }
        return event.build();
    }

    private static void addIfPresent(JsonObjectBuilder b, String key, String value) {
        if (value != null) {
            b.add(key, value);
        }
    }

    /** The enforcement level as a PagerDuty severity: a block pages, a warning does not. */
    static String severity(String level) {
        return switch (level) {
            case "hard-mandatory" -> "critical";
            case "soft-mandatory" -> "error";
            default -> "warning";
        };
    }

    /**
     * {@code spendgate:<manifest>:<rule>}; a longer one than PagerDuty takes keeps its start and ends
     * with a hash of the whole, so it stays unique and the same from run to run.
     */
    static String dedupKey(String manifest, String ruleId) {
        String key = "spendgate:" + manifest + ":" + ruleId;
        if (key.length() <= MAX_DEDUP_KEY) {
            return key;
        }
        String hash = sha256(key).substring(0, 16);
        return key.substring(0, MAX_DEDUP_KEY - hash.length() - 1) + "~" + hash;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    Delivery answer(Alert alert, HttpSender.Reply reply) {
        JsonObject o = json(reply.body());
        if (reply.status() == 202 || reply.ok()) {
            String status = o == null ? "" : " " + o.getString("status", "");
            return new Delivery(alert, Delivery.Outcome.DELIVERED, (reply.status() + status).strip()
                    + " (dedup_key " + dedupKey(alert.manifest(), alert.ruleId()) + ")");
        }
        String why = firstLine(reply.body());
        if (o != null && o.containsKey("message")) {
            StringBuilder b = new StringBuilder(o.getString("status", "")).append(": ").append(o.getString("message", ""));
            if (o.get("errors") instanceof jakarta.json.JsonArray errors && !errors.isEmpty()) {
                b.append(": ");
                for (int i = 0; i < errors.size(); i++) {
                    JsonValue e = errors.get(i);
                    b.append(i == 0 ? "" : "; ").append(e.getValueType() == JsonValue.ValueType.STRING
                            ? ((jakarta.json.JsonString) e).getString() : e.toString());
                }
            }
            why = firstLine(b.toString());
        }
        return new Delivery(alert, Delivery.Outcome.FAILED, reply.failure(why));
    }

    private static JsonObject json(String body) {
        try {
            return Json.createReader(new StringReader(body)).readObject();
        } catch (RuntimeException notJson) {
            return null;
        }
    }
}
