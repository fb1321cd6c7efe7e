package dev.spendgate.spend.opencost;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A local server standing in for OpenCost's API: it records each request (path, decoded query
 * parameters, headers) and answers with what the test set: a status and body, sent whole or
 * chunked, or a stall (before the headers, or half-way through the body) until it is closed.
 */
final class FakeOpenCost implements AutoCloseable {

    record Request(String path, Map<String, String> params, Map<String, String> headers) {
    }

    enum Stall { NONE, BEFORE_HEADERS, IN_BODY }

    final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile int status = 200;
    private volatile byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    private volatile boolean chunked;
    private volatile Stall stall = Stall.NONE;
    private final Map<String, String> headers = Collections.synchronizedMap(new LinkedHashMap<>());

    FakeOpenCost() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** {@code http://127.0.0.1:<port>}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int port() {
        return server.getAddress().getPort();
    }

    FakeOpenCost answer(int status, String body) {
        this.status = status;
        this.body = body.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    /** Answers with a test resource under {@code /opencost/}. */
    FakeOpenCost answerFile(String name) {
        try (InputStream in = FakeOpenCost.class.getResourceAsStream("/opencost/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource /opencost/" + name);
            }
            this.status = 200;
            this.body = in.readAllBytes();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    FakeOpenCost header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Sends the body chunked, without a {@code Content-Length}. */
    FakeOpenCost chunked() {
        this.chunked = true;
        return this;
    }

    FakeOpenCost stall(Stall stall) {
        this.stall = stall;
        return this;
    }

    Request only() {
        synchronized (requests) {
            if (requests.size() != 1) {
                throw new AssertionError("expected one request, got " + requests.size());
            }
            return requests.get(0);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            ex.getRequestHeaders().forEach((k, v) -> h.put(k, String.join(",", v)));
            requests.add(new Request(ex.getRequestURI().getRawPath(), params(ex.getRequestURI().getRawQuery()), h));
            if (stall == Stall.BEFORE_HEADERS) {
                await();
                return;
            }
            headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, chunked || stall == Stall.IN_BODY ? 0 : body.length);
            OutputStream out = ex.getResponseBody();
            if (stall == Stall.IN_BODY) {
                out.write(body, 0, body.length / 2);
                out.flush();
                await();
                return;
            }
            out.write(body);
        }
    }

    private void await() {
        try {
            closing.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The decoded query parameters, in the order sent; a repeated name keeps its values joined with {@code |}. */
    static Map<String, String> params(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null) {
            return out;
        }
        for (String p : rawQuery.split("&")) {
            int eq = p.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? p : p.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8);
            out.merge(name, value, (a, b) -> a + "|" + b);
        }
        return out;
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
