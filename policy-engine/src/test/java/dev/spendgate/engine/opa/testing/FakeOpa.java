package dev.spendgate.engine.opa.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.spendgate.policy.Pack;
import dev.spendgate.policy.bundle.BundleWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server that speaks OPA's REST API well enough to pass {@code prepare} for a given
 * set of packs, then answers the decision request ({@code POST /v1/data/...}) the way a faulty
 * OPA would: slowly, with an error, with no result, or with garbage. For the failure modes a real
 * OPA cannot be made to show; everything else runs against a real OPA.
 */
public final class FakeOpa implements AutoCloseable {

    /** How the decision request is answered. */
    public record Answer(int status, String body, long delayMillis) {

        public static Answer of(int status, String body) {
            return new Answer(status, body, 0);
        }

        /** The server dies in the middle of its answer to the first decision request, and is gone after. */
        public static Answer dies() {
            return new Answer(-1, "", 0);
        }

        public static Answer slow(long delayMillis) {
            return new Answer(200, "{\"result\":{\"detections\":[]}}", delayMillis);
        }
    }

    private final HttpServer server;
    private final AtomicInteger posts = new AtomicInteger();

    /**
     * A server that passes {@code prepare} for {@code packs}: it claims them in its metadata and
     * has their modules ({@code GET /v1/policies}, as {@code packs bundle} writes them).
     *
     * @param decision how every {@code POST} is answered
     */
    public FakeOpa(List<Pack> packs, Answer decision) {
        this(meta(packs), policies(packs), decision);
    }

    /**
     * @param meta     the body of {@code GET /v1/data/spendgate/meta} (what packs it claims to serve)
     * @param policies the body of {@code GET /v1/policies} (the modules it has)
     * @param decision how every {@code POST} is answered
     */
    public FakeOpa(String meta, String policies, Answer decision) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new AssertionError("cannot start a local HTTP server: " + e, e);
        }
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-opa");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                String path = exchange.getRequestURI().getPath();
                if (exchange.getRequestMethod().equals("POST")) {
                    posts.incrementAndGet();
                    if (decision.delayMillis() > 0) {
                        sleep(decision.delayMillis());
                    }
                    if (decision.status() < 0) {
                        server.stop(0); // killed: the connection drops unanswered and nothing listens any more
                        return;
                    }
                    send(exchange, decision.status(), decision.body());
                } else if (path.equals("/health")) {
                    send(exchange, 200, "{}");
                } else if (path.equals("/v1/data/spendgate/meta")) {
                    send(exchange, 200, meta);
                } else if (path.equals("/v1/policies")) {
                    send(exchange, 200, policies);
                } else if (path.startsWith("/v1/data/")) {
                    send(exchange, 200, "{\"result\":{\"detections\":[]}}");
                } else {
                    send(exchange, 404, "{\"code\":\"not_found\",\"message\":\"no such path\"}");
                }
            } catch (IOException e) {
                // the client gave up (a timeout test): nothing to answer
            }
        });
        server.start();
    }

    /** The meta document of a server that serves {@code packs}. */
    public static String meta(List<Pack> packs) {
        StringBuilder b = new StringBuilder("{\"result\":{\"packs\":{");
        for (int i = 0; i < packs.size(); i++) {
            b.append(i == 0 ? "" : ",").append('"').append(packs.get(i).id()).append("\":{\"version\":\"")
                    .append(packs.get(i).version()).append("\"}");
        }
        return b.append("},\"revision\":\"fake\"}}").toString();
    }

    /** The answer to {@code GET /v1/policies} of a server with the bundle of {@code packs}. */
    public static String policies(List<Pack> packs) {
        jakarta.json.JsonArrayBuilder modules = jakarta.json.Json.createArrayBuilder();
        BundleWriter.modules(packs).forEach((path, bytes) -> modules.add(jakarta.json.Json.createObjectBuilder()
                .add("id", "fake.tar.gz/" + path).add("raw", new String(bytes, StandardCharsets.UTF_8))));
        return jakarta.json.Json.createObjectBuilder().add("result", modules).build().toString();
    }

    /** The meta document of a server that serves pack {@code id} at {@code version}. */
    public static String meta(String id, String version) {
        return "{\"result\":{\"packs\":{\"" + id + "\":{\"version\":\"" + version + "\"}},\"revision\":\"fake\"}}";
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How many decision requests arrived. */
    public int posts() {
        return posts.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
