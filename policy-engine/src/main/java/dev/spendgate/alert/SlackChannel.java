package dev.spendgate.alert;

import dev.spendgate.input.Redactor;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Slack incoming webhook: a Block Kit message (header, the message, the numbers as section
 * fields, a context line with the file and the run) with a {@code text} fallback for notifications.
 * Slack answers {@code 200 ok}, or a status with an error word ({@code 400 invalid_payload},
 * {@code 403 action_prohibited}, {@code 404 no_service}, {@code 410 channel_is_archived}, 429).
 */
final class SlackChannel extends PostChannel {

    /** Block Kit limits (api.slack.com/reference/block-kit/blocks). */
    static final int MAX_HEADER = 150;
    static final int MAX_SECTION_TEXT = 3000;
    static final int MAX_FIELDS = 10;
    static final int MAX_FIELD_TEXT = 2000;
    static final int MAX_BLOCKS = 50;
    static final int MAX_CONTEXT_ELEMENTS = 10;
    /** Sections of numbers kept, so a message stays well under the block limit; the rest is counted. */
    private static final int MAX_NUMBER_SECTIONS = 4;

    SlackChannel(String name, URI uri, HttpSender sender, Redactor redactor) {
        super(name, "slack", uri, true, sender, redactor);
    }

    @Override
    HttpSender.Request request(Alert alert) {
        return new HttpSender.Request("POST", uri, Map.of("Content-Type", "application/json; charset=utf-8"),
                payload(alert).toString());
    }

    static JsonObject payload(Alert a) {
        JsonArrayBuilder blocks = Json.createArrayBuilder();
        blocks.add(Json.createObjectBuilder().add("type", "header")
                .add("text", Json.createObjectBuilder().add("type", "plain_text")
                        .add("text", AlertText.cut(AlertText.headline(a), MAX_HEADER)).add("emoji", false)));
        String lead = "*" + escape(AlertText.capitalized(AlertText.statusPhrase(a))) + "* · " + escape(a.level())
                + " · manifest `" + escape(a.manifest()) + "`\n" + escape(a.message());
        blocks.add(section(AlertText.cut(lead, MAX_SECTION_TEXT)));
        List<String> fields = new ArrayList<>();
        a.numbers().forEach((k, v) -> fields.add(AlertText.cut("*" + escape(k) + "*\n" + escape(v), MAX_FIELD_TEXT)));
        if (a.team() != null) {
            fields.add("*team*\n" + escape(a.team()));
        }
        if (a.environment() != null) {
            fields.add("*environment*\n" + escape(a.environment()));
        }
        int shown = Math.min(fields.size(), MAX_FIELDS * MAX_NUMBER_SECTIONS);
        for (int i = 0; i < shown; i += MAX_FIELDS) {
            JsonArrayBuilder f = Json.createArrayBuilder();
            for (String text : fields.subList(i, Math.min(shown, i + MAX_FIELDS))) {
                f.add(Json.createObjectBuilder().add("type", "mrkdwn").add("text", text));
            }
            blocks.add(Json.createObjectBuilder().add("type", "section").add("fields", f));
        }
        if (shown < fields.size()) {
            blocks.add(section("… and " + (fields.size() - shown) + " more numbers in the run's report"));
        }
        JsonArrayBuilder context = Json.createArrayBuilder();
        String where = AlertText.where(a);
        context.add(mrkdwn(where == null ? "no manifest declares `" + escape(a.manifest()) + "`"
                : "`" + escape(where) + "`"));
        if (a.runUrl() != null) {
            context.add(mrkdwn("<" + a.runUrl().replace("|", "%7C").replace(">", "%3E") + "|View the run>"));
        }
        context.add(mrkdwn("spendgate · " + a.at()));
        blocks.add(Json.createObjectBuilder().add("type", "context").add("elements", context));
        String fallback = "[spendgate] " + AlertText.headline(a) + " — " + a.message()
                + (where == null ? "" : " (" + where + ")");
        return Json.createObjectBuilder().add("text", AlertText.cut(fallback, MAX_SECTION_TEXT)).add("blocks", blocks)
                .build();
    }

    private static JsonObjectBuilder section(String text) {
        return Json.createObjectBuilder().add("type", "section").add("text", mrkdwn(text));
    }

    private static JsonObjectBuilder mrkdwn(String text) {
        return Json.createObjectBuilder().add("type", "mrkdwn").add("text", text);
    }

    /** Slack's three control characters in mrkdwn text (api.slack.com/reference/surfaces/formatting). */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    Delivery answer(Alert alert, HttpSender.Reply reply) {
        if (reply.status() == 200) {
            return new Delivery(alert, Delivery.Outcome.DELIVERED, ("200 " + firstLine(reply.body())).strip());
        }
        return new Delivery(alert, Delivery.Outcome.FAILED, reply.failure(firstLine(reply.body())));
    }
}
