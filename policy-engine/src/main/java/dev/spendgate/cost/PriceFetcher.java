package dev.spendgate.cost;

import dev.spendgate.error.InvalidInputException;
import dev.spendgate.error.SpendgateException;
import dev.spendgate.input.Diagnostic;
import dev.spendgate.input.Problem;
import dev.spendgate.input.SourceLocation;
import dev.spendgate.yaml.YamlLimits;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads price files served over HTTP(S) ({@code --prices https://…}) through a cache folder, so
 * that a run needs the server only to hear that its copy is still current.
 *
 * <ul>
 * <li><b>Once per run.</b> A fetcher asks the server about a URL at most once; later reads of
 *     the same URL (the base revision's prices and the work tree's, a second prepare) get the
 *     catalog of the first. Make one fetcher per run.</li>
 * <li><b>Revalidated.</b> With a cached copy the request carries its {@code ETag}
 *     ({@code If-None-Match}) and {@code Last-Modified} ({@code If-Modified-Since}); a {@code 304}
 *     means the copy is current. A {@code 200} body is read as the file its URL's path names
 *     ({@link PriceFiles#isLiteLlm}); only a body that loads replaces the copy, with the validators
 *     of its response.</li>
 * <li><b>Unreachable.</b> When no current answer comes (no connection, a timeout, any status but
 *     200 and 304) the cached copy is used and a {@code prices_cached} warning says so; without a
 *     copy the run fails with {@code prices_unreachable} (exit 4).</li>
 * <li><b>Bad content.</b> A body that is not a valid price file, or is longer than a price file
 *     may be, is an {@link InvalidInputException} (exit 3) located in the URL, and the cached copy
 *     is left as it was.</li>
 * </ul>
 * The cache holds, per URL, {@code <sha-256 of the URL>.body} and {@code .properties} (the URL and
 * its validators), each replaced atomically. Not thread-safe: one run, one thread.
 */
public final class PriceFetcher {

    /** How long a request may take, connection and body together, unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    private final Path cache;
    private final Duration timeout;
    private HttpClient client;
    private final Map<URI, PriceCatalog> read = new LinkedHashMap<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private int requests;

    /**
     * @param cache   the folder of cached copies (created when first needed), e.g.
     *                {@code UserCache.folder(env, "prices")}
     * @param timeout how long one request may take
     */
    public PriceFetcher(Path cache, Duration timeout) {
        this.cache = Objects.requireNonNull(cache, "cache == null");
        this.timeout = Objects.requireNonNull(timeout, "timeout == null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    /**
     * The catalog at {@code source}: fetched or revalidated on the first call for its URL, the same
     * catalog on later calls.
     *
     * @throws InvalidInputException when the server sends a body that is not a valid price file
     * @throws SpendgateException    {@code prices_unreachable} when no answer comes and nothing is cached
     */
    public PriceCatalog load(PriceSource.Url source) throws SpendgateException {
        Objects.requireNonNull(source, "source == null");
        PriceCatalog done = read.get(source.uri());
        if (done != null) {
            return done;
        }
        PriceCatalog catalog = fetch(source);
        read.put(source.uri(), catalog);
        return catalog;
    }

    /** The warnings of this run's fetches (a cached copy used because the server gave no current answer). */
    public List<Diagnostic> diagnostics() {
        return List.copyOf(diagnostics);
    }

    /** How many requests this fetcher sent. */
    public int requests() {
        return requests;
    }

    private PriceCatalog fetch(PriceSource.Url source) throws SpendgateException {
        String display = source.display();
        Cached cached = Cached.read(cache, source.uri());
        HttpRequest.Builder request = HttpRequest.newBuilder(source.uri()).timeout(timeout).GET()
                .header("Accept", "application/json, application/yaml, text/yaml, text/plain, */*")
                .header("User-Agent", "spendgate");
        if (cached != null) {
            cached.etag().ifPresent(v -> request.header("If-None-Match", v));
            cached.lastModified().ifPresent(v -> request.header("If-Modified-Since", v));
        }
        long limit = source.liteLlm() ? LiteLlmPriceLoader.MAX_BYTES : YamlLimits.defaults().maxBytes();
        String failure;
        try {
            HttpResponse<byte[]> response = send(request.build(), limit);
            int status = response.statusCode();
            if (status == 304 && cached != null) {
                return PriceFiles.read(display, source.liteLlm(), cached.body());
            }
            if (status == 200) {
                byte[] body = response.body();
                if (body == null) {
                    throw new InvalidInputException(List.of(new Problem(new SourceLocation(display, 1, 1),
                            "the server sent more than " + limit + " bytes, the limit for a "
                                    + (source.liteLlm() ? "LiteLLM price file" : "price catalog"))));
                }
                PriceCatalog catalog = PriceFiles.read(display, source.liteLlm(), body); // invalid: thrown, the copy kept
                Cached.write(cache, source.uri(), body, response.headers().firstValue("ETag").orElse(null),
                        response.headers().firstValue("Last-Modified").orElse(null));
                return catalog;
            } else {
                failure = "HTTP " + status;
            }
        } catch (TimeoutException e) {
            failure = "no answer within " + seconds(timeout);
        } catch (IOException e) {
            failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        if (cached == null) {
            throw new SpendgateException("prices_unreachable", display + ": cannot fetch the price file (" + failure
                    + ") and no copy of it is cached in " + cache);
        }
        diagnostics.add(Diagnostic.warning("prices_cached", new SourceLocation(display, 1, 1),
                "cannot fetch the price file (" + failure + "): using the copy cached " + cached.describe()));
        return PriceFiles.read(display, source.liteLlm(), cached.body());
    }

    /** The response, its body null when it is longer than {@code limit}; the whole exchange within the timeout. */
    private HttpResponse<byte[]> send(HttpRequest request, long limit) throws IOException, TimeoutException {
        if (client == null) {
            client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        }
        requests++;
        HttpResponse.BodyHandler<byte[]> bounded = info -> info.headers().firstValueAsLong("Content-Length")
                .orElse(-1) > limit ? HttpResponse.BodySubscribers.replacing(null)
                : HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofByteArray(),
                        b -> b.length > limit ? null : b);
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, bounded);
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof java.net.http.HttpTimeoutException) {
                throw new TimeoutException();
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        } catch (CancellationException e) {
            throw new IOException("cancelled");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** A cached copy: its body and the validators its response came with. */
    private record Cached(byte[] body, Optional<String> etag, Optional<String> lastModified) {

        String describe() {
            List<String> parts = new ArrayList<>();
            lastModified.ifPresent(v -> parts.add("Last-Modified " + v));
            etag.ifPresent(v -> parts.add("ETag " + v));
            return parts.isEmpty() ? "(without ETag or Last-Modified)" : "(" + String.join(", ", parts) + ")";
        }

        /** The copy of {@code uri} in {@code cache}, or null when there is none (or it cannot be read). */
        static Cached read(Path cache, URI uri) {
            Path body = cache.resolve(key(uri) + ".body");
            Path meta = cache.resolve(key(uri) + ".properties");
            if (!Files.isRegularFile(body) || !Files.isRegularFile(meta)) {
                return null;
            }
            try (InputStream in = Files.newInputStream(meta)) {
                Properties p = new Properties();
                p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
                if (!uri.toString().equals(p.getProperty("url"))) {
                    return null; // another URL with the same hash prefix: not this one's copy
                }
                return new Cached(Files.readAllBytes(body), Optional.ofNullable(p.getProperty("etag")),
                        Optional.ofNullable(p.getProperty("lastModified")));
            } catch (IOException | IllegalArgumentException e) {
                return null;
            }
        }

        static void write(Path cache, URI uri, byte[] body, String etag, String lastModified) {
            Properties p = new Properties();
            p.setProperty("url", uri.toString());
            if (etag != null) {
                p.setProperty("etag", etag);
            }
            if (lastModified != null) {
                p.setProperty("lastModified", lastModified);
            }
            try {
                Files.createDirectories(cache);
                replace(cache.resolve(key(uri) + ".body"), out -> out.write(body));
                replace(cache.resolve(key(uri) + ".properties"),
                        out -> p.store(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), null));
            } catch (IOException e) {
                // a cache that cannot be written costs the next run a download, and is no reason to fail this one
            }
        }

        private interface Writer {
            void write(OutputStream out) throws IOException;
        }

        private static void replace(Path target, Writer writer) throws IOException {
            Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    writer.write(out);
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        }

        private static String key(URI uri) {
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(uri.toString().getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(hash, 0, 16);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e); // every JVM has SHA-256
            }
        }
    }
}
