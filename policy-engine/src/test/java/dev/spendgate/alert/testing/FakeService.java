package dev.spendgate.alert.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A local HTTP server standing in for a webhook service (Slack, Teams, PagerDuty, a CloudEvents
 * receiver): it records every request and answers from a script of replies, then with the last
 * one, as the service would.
 */
public final class FakeService implements AutoCloseable {

    /** One recorded request. */
    public record Received(String method, String path, Map<String, String> headers, String body) {
        public String header(String name) {
            for (Map.Entry<String, String> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue();
                }
            }
            return null;
        }
    }

    /** One scripted answer. */
    public record Answer(int status, String contentType, String body, Map<String, String> headers) {
        public Answer header(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Answer(status, contentType, body, h);
        }
    }

    public static Answer text(int status, String body) {
        return new Answer(status, "text/html", body, Map.of());
    }

    public static Answer json(int status, String body) {
        return new Answer(status, "application/json", body, Map.of());
    }

    private final HttpServer server;
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final Deque<Answer> script = new ArrayDeque<>();
    private Answer last;

    public FakeService(String path, Answer... answers) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        script.addAll(List.of(answers));
        last = answers[answers.length - 1];
        server.createContext(path, this::handle);
        server.start();
    }

    /** Replaces the script. */
    public synchronized void answer(Answer... answers) {
        script.clear();
        script.addAll(List.of(answers));
        last = answers[answers.length - 1];
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
        received.add(new Received(ex.getRequestMethod(), ex.getRequestURI().toString(), headers, body));
        Answer a;
        synchronized (this) {
            a = script.isEmpty() ? last : script.poll();
        }
        byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", a.contentType());
        a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }

    /** The address of {@code path} on this server. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
