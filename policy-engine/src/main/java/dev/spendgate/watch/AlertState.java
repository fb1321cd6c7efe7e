package dev.spendgate.watch;

import dev.spendgate.alert.Alert;
import dev.spendgate.alert.AlertStatus;
import dev.spendgate.error.InvalidInputException;
import dev.spendgate.input.Problem;
import dev.spendgate.input.SourceLocation;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParsingException;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What earlier watch runs sent: for every alert and channel, when it was first and last sent and
 * the alert as it was then (so that a resolve can say what it resolves even when the manifest is
 * gone). Read from and written to one JSON file ({@code --state}); an absent file is an empty
 * state, a corrupt one an input error with its line and column, never silently reset.
 */
public final class AlertState {

    /** The format's version, written as {@code "version": 1}. */
    public static final int VERSION = 1;

    /**
     * One alert sent on one channel.
     *
     * @param alert the alert as last sent (its status is what was sent)
     */
    public record Sent(String channel, Alert alert, Instant firstSent, Instant lastSent) {

        public Sent {
            Objects.requireNonNull(channel, "channel == null");
            Objects.requireNonNull(alert, "alert == null");
            Objects.requireNonNull(firstSent, "firstSent == null");
            Objects.requireNonNull(lastSent, "lastSent == null");
        }

        String key() {
            return AlertState.key(alert.fingerprint(), channel);
        }
    }

    private final Map<String, Sent> sent = new TreeMap<>();

    private AlertState() {
    }

    /** A state in which nothing was sent. */
    public static AlertState empty() {
        return new AlertState();
    }

    /**
     * The state in {@code file} (named {@code display} in messages), or an empty one when the file
     * does not exist.
     *
     * @throws InvalidInputException when the file is not a state file this version can read (exit 3)
     */
    public static AlertState read(Path file, String display) throws InvalidInputException, IOException {
        if (!Files.exists(file)) {
            return empty();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        JsonObject root;
        try {
            JsonValue v = Json.createReader(new StringReader(text)).readValue();
            if (!(v instanceof JsonObject o)) {
                throw corrupt(display, 1, 1, "expected a JSON object");
            }
            root = o;
        } catch (JsonParsingException e) {
            JsonLocation at = e.getLocation();
            throw corrupt(display, at == null ? 1 : (int) at.getLineNumber(), at == null ? 1 : (int) at.getColumnNumber(),
                    "not valid JSON: " + parserMessage(e.getMessage()));
        } catch (JsonException e) {
            throw corrupt(display, 1, 1, "not valid JSON: " + e.getMessage());
        }
        AlertState state = new AlertState();
        try {
            if (root.getInt("version", -1) != VERSION) {
                throw new IllegalStateException("\"version\" must be " + VERSION + " (a state file written by "
                        + "another spendgate version; move it away to start afresh)");
            }
            JsonArray entries = root.getJsonArray("sent");
            if (entries == null) {
                throw new IllegalStateException("\"sent\" is missing");
            }
            for (int i = 0; i < entries.size(); i++) {
                Sent s = sent(entries.getJsonObject(i), "sent[" + i + "]");
                state.sent.put(s.key(), s);
            }
        } catch (IllegalStateException | ClassCastException | NullPointerException | DateTimeParseException
                 | ArithmeticException e) {
            throw corrupt(display, 1, 1, "not a spendgate alert state file: " + e.getMessage());
        }
        return state;
    }

    private static Sent sent(JsonObject o, String where) {
        JsonObject a = o.getJsonObject("alert");
        if (a == null) {
            throw new IllegalStateException(where + ".alert is missing");
        }
        Map<String, String> numbers = new LinkedHashMap<>();
        JsonObject n = a.getJsonObject("numbers");
        if (n != null) {
            n.forEach((k, v) -> numbers.put(k, ((JsonString) v).getString()));
        }
        Alert alert = new Alert(required(a, "fingerprint", where), AlertStatus.valueOf(
                required(a, "status", where).toUpperCase(java.util.Locale.ROOT)), required(a, "manifest", where),
                a.getString("file", null), a.getInt("line", 0), a.getString("team", null),
                a.getString("environment", null), a.getString("owner", null), required(a, "rule", where),
                required(a, "title", where), required(a, "level", where), required(a, "message", where), numbers,
                Instant.parse(required(a, "at", where)), a.getString("runUrl", null));
        return new Sent(required(o, "channel", where), alert, Instant.parse(required(o, "firstSent", where)),
                Instant.parse(required(o, "lastSent", where)));
    }

    private static String required(JsonObject o, String key, String where) {
        if (!o.containsKey(key) || o.isNull(key)) {
            throw new IllegalStateException(where + "." + key + " is missing");
        }
        return o.getString(key);
    }

    /** The parser's message without the place (the location says it) and without "token=", which reads as a secret. */
    private static String parserMessage(String message) {
        return String.valueOf(message).replace("token=", "token ").replaceAll(" at \\(line no=[^)]*\\)", "");
    }

    private static InvalidInputException corrupt(String display, int line, int column, String what) {
        return new InvalidInputException(List.of(new Problem(new SourceLocation(display, Math.max(line, 1),
                Math.max(column, 1)), "alert state: " + what)));
    }

    private static String key(String fingerprint, String channel) {
        return channel + "\u0000" + fingerprint;
    }

    /** What was last sent for {@code fingerprint} on {@code channel}, or null. */
    public Sent get(String fingerprint, String channel) {
        return sent.get(key(fingerprint, channel));
    }

    /** Every entry, ordered by channel and fingerprint. */
    public Collection<Sent> entries() {
        return List.copyOf(sent.values());
    }

    /** Records that {@code alert} was delivered on {@code channel} at {@code at}. */
    public void delivered(String channel, Alert alert, Instant at) {
        Sent before = get(alert.fingerprint(), channel);
        sent.put(key(alert.fingerprint(), channel),
                new Sent(channel, alert, before == null ? at : before.firstSent(), at));
    }

    /** Forgets {@code fingerprint} on {@code channel}: its resolve was delivered. */
    public void resolved(String channel, String fingerprint) {
        sent.remove(key(fingerprint, channel));
    }

    /** The state as the JSON text of its file, entries sorted: the same state, the same bytes. */
    public String toJson() {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = dev.spendgate.report.Json.generator(out)) {
            g.writeStartObject().write("version", VERSION).writeStartArray("sent");
            for (Sent s : sent.values()) {
                Alert a = s.alert();
                g.writeStartObject().write("channel", s.channel()).write("firstSent", s.firstSent().toString())
                        .write("lastSent", s.lastSent().toString());
                g.writeStartObject("alert").write("fingerprint", a.fingerprint()).write("status", a.status().wireName())
                        .write("manifest", a.manifest());
                dev.spendgate.report.Json.nullable(g, "file", a.file());
                if (a.line() > 0) {
                    g.write("line", a.line());
                }
                dev.spendgate.report.Json.nullable(g, "team", a.team());
                dev.spendgate.report.Json.nullable(g, "environment", a.environment());
                dev.spendgate.report.Json.nullable(g, "owner", a.owner());
                g.write("rule", a.ruleId()).write("title", a.ruleTitle()).write("level", a.level())
                        .write("message", a.message());
                g.writeStartObject("numbers");
                a.numbers().forEach(g::write);
                g.writeEnd();
                g.write("at", a.at().toString());
                dev.spendgate.report.Json.nullable(g, "runUrl", a.runUrl());
                g.writeEnd().writeEnd();
            }
            g.writeEnd().writeEnd();
        }
        return out.toString().strip() + "\n";
    }
}
