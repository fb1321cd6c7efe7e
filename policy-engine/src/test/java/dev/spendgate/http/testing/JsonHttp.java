package dev.spendgate.http.testing;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.Json;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/** What the local servers speaking a code host's JSON API (FakeGitHub, FakeGitLab) share. */
public final class JsonHttp {

    private JsonHttp() {
    }

    /** The {@code body} field of a request's JSON object: a comment's or a note's text. */
    public static String body(String json) {
        return Json.createReader(new StringReader(json)).readObject().getString("body");
    }

    /** Answers {@code status} with the JSON {@code body} (none when it is empty) and ends the exchange. */
    public static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }
}
