package dev.spendgate.cost;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A local HTTP server that serves one price file the way a static file server does: with an
 * {@code ETag} (changed whenever the content is) and a {@code Last-Modified}, answering a
 * conditional GET whose {@code If-None-Match} names the current ETag with {@code 304 Not Modified}.
 * A test can make it answer with another status, or stall before the headers or in the body
 * until it is closed. Every request is recorded with its headers (names in lower case).
 */
public final class PriceServer implements AutoCloseable {

    /** One request as received. */
    public record Request(String method, String path, Map<String, String> headers) {
    }

    public enum Stall { NONE, BEFORE_HEADERS, IN_BODY }

    public final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile byte[] body = new byte[0];
    private volatile int version;
    private volatile int status = 200;
    private volatile Stall stall = Stall.NONE;

    public PriceServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Serves {@code text} from now on, under a new ETag. */
    public PriceServer serve(String text) {
        body = text.getBytes(StandardCharsets.UTF_8);
        version++;
        status = 200;
        return this;
    }

    /** Answers every request with {@code status} and a short text body. */
    public PriceServer fail(int status) {
        this.status = status;
        return this;
    }

    public PriceServer stall(Stall stall) {
        this.stall = stall;
        return this;
    }

    /** The ETag of what is served now. */
    public String etag() {
        return "\"v" + version + "\"";
    }

    /** The Last-Modified of what is served now. */
    public String lastModified() {
        return "Tue, 0" + Math.min(version, 9) + " Dec 2026 10:00:00 GMT";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers));
            if (stall == Stall.BEFORE_HEADERS) {
                await();
                return;
            }
            if (status != 200) {
                byte[] text = ("status " + status + "\n").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, text.length);
                exchange.getResponseBody().write(text);
                return;
            }
            exchange.getResponseHeaders().set("ETag", etag());
            exchange.getResponseHeaders().set("Last-Modified", lastModified());
            if (etag().equals(headers.get("if-none-match"))) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            byte[] bytes = body;
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            OutputStream out = exchange.getResponseBody();
            if (stall == Stall.IN_BODY) {
                out.write(bytes, 0, bytes.length / 2);
                out.flush();
                await();
                return;
            }
            out.write(bytes);
        } catch (IOException e) {
            // the client gave up (a timeout under test): nothing to answer
        }
    }

    private void await() {
        try {
            closing.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
