package dev.spendgate.alert;

import dev.spendgate.input.Redactor;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A generic webhook: each alert posted as one CloudEvent 1.0 in structured mode (the whole event
 * is the JSON body, {@code Content-Type: application/cloudevents+json}), with a Bearer token when
 * one is configured. Any 2xx answer is a delivery.
 */
final class CloudEventsChannel extends PostChannel {

    static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";
    static final String DEFAULT_SOURCE = "/spendgate";

    private final String source;
    private final String token;

    /** @param token the Bearer token, or null */
    CloudEventsChannel(String name, URI uri, String source, String token, HttpSender sender, Redactor redactor) {
        super(name, "webhook", uri, true, sender, redactor);
        this.source = source;
        this.token = token;
    }

    @Override
    HttpSender.Request request(Alert alert) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", CONTENT_TYPE);
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        return new HttpSender.Request("POST", uri, headers, event(alert, source).toString());
    }

    /**
     * The event: its {@code id} is the same for the same alert, status and run clock (a retried
     * delivery is recognisably the same event) and different otherwise.
     */
    static JsonObject event(Alert a, String source) {
        String id = UUID.nameUUIDFromBytes((a.fingerprint() + "|" + a.status().wireName() + "|" + a.at())
                .getBytes(StandardCharsets.UTF_8)).toString();
        JsonObjectBuilder data = Json.createObjectBuilder()
                .add("fingerprint", a.fingerprint())
                .add("status", a.status().wireName())
                .add("manifest", a.manifest());
        nullable(data, "file", a.file());
        if (a.line() > 0) {
            data.add("line", a.line());
        }
        nullable(data, "team", a.team());
        nullable(data, "environment", a.environment());
        nullable(data, "owner", a.owner());
        data.add("ruleId", a.ruleId()).add("ruleTitle", a.ruleTitle()).add("level", a.level())
                .add("message", a.message());
        JsonObjectBuilder numbers = Json.createObjectBuilder();
        a.numbers().forEach(numbers::add);
        data.add("numbers", numbers);
        nullable(data, "runUrl", a.runUrl());
        return Json.createObjectBuilder()
                .add("specversion", "1.0")
                .add("id", id)
                .add("source", source)
                .add("type", "dev.spendgate.alert." + a.status().wireName())
                .add("subject", a.manifest() + "/" + a.ruleId())
                .add("time", a.at().toString())
                .add("datacontenttype", "application/json")
                .add("data", data)
                .build();
    }

    private static void nullable(JsonObjectBuilder b, String key, String value) {
        if (value == null) {
            b.addNull(key);
        } else {
            b.add(key, value);
        }
    }

    @Override
    Delivery answer(Alert alert, HttpSender.Reply reply) {
        if (reply.ok()) {
            return new Delivery(alert, Delivery.Outcome.DELIVERED, reply.status() + " " + HttpSender.reason(reply.status()));
        }
        return new Delivery(alert, Delivery.Outcome.FAILED, reply.failure(firstLine(reply.body())));
    }
}
