package dev.spendgate.cost;

import dev.spendgate.error.ExitCodes;
import dev.spendgate.error.InvalidInputException;
import dev.spendgate.error.SpendgateException;
import dev.spendgate.input.Diagnostic;
import dev.spendgate.input.Problem;
import dev.spendgate.input.SourceLocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Price files by URL against a local HTTP server: 200, 304, 404, a timeout, garbage, no server. */
class PriceFetcherTest {

    private static final String V1 = """
            {"acme-embed": {"input_cost_per_token": 1e-07, "mode": "embedding", "litellm_provider": "acme"}}
            """;
    private static final String V2 = """
            {"acme-embed": {"input_cost_per_token": 2e-07, "mode": "embedding", "litellm_provider": "acme"}}
            """;
    private static final Duration SHORT = Duration.ofMillis(500);

    @TempDir
    Path cache;

    private PriceServer server;
    private PriceSource.Url url;

    @BeforeEach
    void start() throws IOException {
        server = new PriceServer().serve(V1);
        url = (PriceSource.Url) PriceSource.parse(server.url("/prices/litellm.json"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private PriceFetcher run() {
        return new PriceFetcher(cache, Duration.ofSeconds(5));
    }

    private static BigDecimal embedPrice(PriceCatalog c) {
        return c.model("acme-embed").orElseThrow().input();
    }

    @Test
    void fetchedOnceARunThenRevalidatedWith304() throws Exception {
        PriceFetcher first = run();
        PriceCatalog fetched = first.load(url);
        assertEquals(new BigDecimal("0.1"), embedPrice(fetched));
        assertEquals(url.display(), fetched.origins().get(0).file(), "named by its URL");
        assertSame(fetched, first.load(url), "the same run asks the server once");
        assertEquals(1, first.requests());
        assertEquals(1, server.requests.size());
        assertNull(server.requests.get(0).headers().get("if-none-match"), "nothing cached yet: unconditional");

        PriceFetcher next = run();
        PriceCatalog revalidated = next.load(url);
        assertEquals(new BigDecimal("0.1"), embedPrice(revalidated));
        assertEquals(2, server.requests.size());
        PriceServer.Request conditional = server.requests.get(1);
        assertEquals(server.etag(), conditional.headers().get("if-none-match"));
        assertEquals(server.lastModified(), conditional.headers().get("if-modified-since"));
        assertEquals(List.of(), next.diagnostics(), "a 304 is a current answer");
    }

    @Test
    void aChangedFileIsDownloadedAgainAndReplacesTheCopy() throws Exception {
        run().load(url);
        server.serve(V2);
        assertEquals(new BigDecimal("0.2"), embedPrice(run().load(url)));
        server.fail(503);
        PriceFetcher offline = run();
        assertEquals(new BigDecimal("0.2"), embedPrice(offline.load(url)), "the newer copy was kept");
    }

    @Test
    void aServerErrorUsesTheCachedCopyWithAWarning() throws Exception {
        run().load(url);
        String validators = "(Last-Modified " + server.lastModified() + ", ETag " + server.etag() + ")";
        server.fail(404);
        PriceFetcher later = run();
        assertEquals(new BigDecimal("0.1"), embedPrice(later.load(url)));
        assertEquals(List.of(Diagnostic.warning("prices_cached", new SourceLocation(url.display(), 1, 1),
                "cannot fetch the price file (HTTP 404): using the copy cached " + validators)), later.diagnostics());
    }

    @Test
    void notFoundWithoutACopyIsExitFour() {
        server.fail(404);
        SpendgateException e = assertThrows(SpendgateException.class, () -> run().load(url));
        assertEquals("prices_unreachable", e.code());
        assertEquals(4, ExitCodes.of(e.code()));
        assertEquals(url.display() + ": cannot fetch the price file (HTTP 404) and no copy of it is cached in " + cache,
                e.getMessage());
    }

    @Test
    void aTimeoutBeforeTheHeadersOrInTheBodyUsesTheCopyOrIsExitFour() throws Exception {
        for (PriceServer.Stall stall : List.of(PriceServer.Stall.BEFORE_HEADERS, PriceServer.Stall.IN_BODY)) {
            server.stall(stall);
            PriceFetcher slow = new PriceFetcher(cache, SHORT);
            long start = System.nanoTime();
            SpendgateException e = assertThrows(SpendgateException.class, () -> slow.load(url), stall.name());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0, stall.name());
            assertEquals("prices_unreachable", e.code());
            assertTrue(e.getMessage().contains("(no answer within 500 ms)"), e.getMessage());
        }
        server.stall(PriceServer.Stall.NONE);
        run().load(url);
        server.stall(PriceServer.Stall.BEFORE_HEADERS);
        PriceFetcher slow = new PriceFetcher(cache, SHORT);
        assertEquals(new BigDecimal("0.1"), embedPrice(slow.load(url)));
        assertTrue(slow.diagnostics().get(0).message().startsWith("cannot fetch the price file (no answer within 500 ms)"
                + ": using the copy cached"), slow.diagnostics().toString());
    }

    @Test
    void garbageIsInvalidInputAtItsPlaceAndLeavesTheCopyAlone() throws Exception {
        run().load(url);
        server.serve("{\"acme-embed\": {\"mode\": \"embedding\",\n  oops}\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> run().load(url));
        assertEquals(3, ExitCodes.of(e.code()));
        assertEquals(List.of(url.display() + ":2:3: invalid JSON: unexpected character 'o'"),
                e.problems().stream().map(Problem::toString).toList());
        server.fail(500);
        assertEquals(new BigDecimal("0.1"), embedPrice(run().load(url)), "the good copy is still there");
    }

    @Test
    void aBodyLongerThanAPriceFileMayBeIsInvalidInput() {
        server.serve("# " + "x".repeat(4 * 1024 * 1024) + "\n");
        PriceSource.Url yaml = (PriceSource.Url) PriceSource.parse(server.url("/prices.yaml"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> run().load(yaml));
        assertEquals(List.of(yaml.display() + ":1:1: the server sent more than 4194304 bytes, the limit for a price"
                + " catalog"), e.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void noServerAtAllUsesTheCopy() throws Exception {
        run().load(url);
        server.close();
        PriceFetcher offline = run();
        assertEquals(new BigDecimal("0.1"), embedPrice(offline.load(url)));
        assertEquals("prices_cached", offline.diagnostics().get(0).code());
        assertTrue(offline.diagnostics().get(0).message().startsWith("cannot fetch the price file (ConnectException"),
                offline.diagnostics().get(0).message());
    }

    @Test
    void aUrlNotEndingInJsonIsASpendgateCatalogAndTheQueryIsNeverShown() throws Exception {
        server.serve("""
                apiVersion: spendgate.dev/v1
                kind: PriceCatalog
                metadata: {name: acme-prices}
                asOf: 2026-12-01
                models:
                  acme-llm: {provider: acme, tier: mid, input: 1.00, output: 2.00}
                """);
        PriceSource.Url withToken = (PriceSource.Url) PriceSource.parse(
                "http://user:pw@127.0.0.1:" + URI.create(server.url("/")).getPort() + "/acme/prices?token=s3cret");
        assertEquals("http://127.0.0.1:" + URI.create(server.url("/")).getPort() + "/acme/prices?…", withToken.display());
        assertFalse(withToken.liteLlm());
        PriceCatalog c = run().load(withToken);
        assertEquals("2026-12-01", c.asOf());
        assertEquals(withToken.display(), c.origins().get(0).file());
        assertFalse(Files.list(cache).anyMatch(p -> p.toString().contains("s3cret")));
    }

    @Test
    void sourcesAreFilesOrHttpUrls() {
        assertEquals(new PriceSource.File(Path.of("prices/acme.yaml")), PriceSource.parse("prices/acme.yaml"));
        assertTrue(PriceSource.parse("HTTPS://example.com/p.json") instanceof PriceSource.Url u && u.liteLlm());
        assertThrows(IllegalArgumentException.class, () -> PriceSource.parse("https:///no-host.json"));
        assertThrows(IllegalArgumentException.class, () -> PriceSource.parse("https://exa mple.com/p.json"));
    }
}
