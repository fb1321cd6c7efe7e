package dev.spendgate.spend.opencost;

import dev.spendgate.spend.BadRow;
import dev.spendgate.spend.SpendData;
import dev.spendgate.spend.SpendException;
import dev.spendgate.spend.SpendGroup;
import dev.spendgate.spend.SpendOptions;
import dev.spendgate.spend.SpendQuery;
import dev.spendgate.spend.SpendSource;
import dev.spendgate.spend.SpendSources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenCostSourceTest {

    private static final String TOKEN = "oc-t0ken-3f9a1c";
    private static final Instant NOW = Instant.parse("2026-03-03T10:15:30.250Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final LocalDate MAR1 = LocalDate.of(2026, 3, 1);
    private static final LocalDate MAR2 = LocalDate.of(2026, 3, 2);
    private static final LocalDate MAR3 = LocalDate.of(2026, 3, 3);

    private FakeOpenCost server;

    @BeforeEach
    void start() throws Exception {
        server = new FakeOpenCost();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static SpendOptions options(Map<String, String> env, Duration timeout) {
        return new SpendOptions(Path.of(""), null, List.of(), env, timeout, CLOCK);
    }

    private static SpendOptions options() {
        return options(Map.of("SPENDGATE_SPEND_TOKEN", TOKEN), Duration.ofSeconds(5));
    }

    private SpendData read(String spec, SpendOptions options) throws SpendException {
        return new OpenCostSourceProvider().open(spec, options).read(SpendQuery.defaults());
    }

    /** Reads {@code spec} expecting a failure; neither the message nor the source's name carry the token. */
    private SpendException fails(String spec, SpendOptions options) throws SpendException {
        SpendSource source = new OpenCostSourceProvider().open(spec, options);
        SpendException e = assertThrows(SpendException.class, () -> source.read(SpendQuery.defaults()));
        assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
        assertFalse(source.display().contains(TOKEN), source.display());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e;
    }

    private static SpendGroup group(String manifest, String team, LocalDate day, String cost, long rows, String newest) {
        return new SpendGroup(manifest, team, "USD", day, new BigDecimal(cost), rows, Instant.parse(newest));
    }

    private String where() {
        return server.url() + "/allocation/compute";
    }

    @Test
    void sumsDailyAllocationsToGroupsExactly() throws Exception {
        server.answerFile("allocation-daily.json");

        SpendData data = read(server.url(), options());

        assertEquals(List.of(
                group(null, null, MAR1, "32.75", 2, "2026-03-02T00:00:00Z"),
                group("chat-bot", "ml-platform", MAR1, "10.125", 1, "2026-03-02T00:00:00Z"),
                group("rag-indexer", null, MAR1, "0.75", 1, "2026-03-02T00:00:00Z"),
                group("rag-indexer", "search", MAR1, "4.5", 1, "2026-03-02T00:00:00Z"),
                group(null, null, MAR2, "29.75", 1, "2026-03-03T00:00:00Z"),
                group("chat-bot", "ml-platform", MAR2, "10.2", 1, "2026-03-03T00:00:00Z"),
                group("rag-indexer", "search", MAR2, "4.5", 1, "2026-03-03T00:00:00Z"),
                group(null, null, MAR3, "0.3", 1, "2026-03-03T10:00:00Z"),
                group("chat-bot", "ml-platform", MAR3, "0.1", 1, "2026-03-03T10:00:00Z"),
                group("rag-indexer", "search", MAR3, "0.2", 1, "2026-03-03T10:00:00Z")), data.groups());
        assertEquals(11, data.rows());
        assertEquals(0, data.badRowCount());
        assertEquals(List.of(), data.badRows());
        assertEquals(Instant.parse("2026-03-03T10:00:00Z"), data.newestRow());
        assertEquals("totalCost", data.costColumn());
        assertEquals(server.url(), data.source());
    }

    @Test
    void asksForSixtyTwoDailyStepsByManifestAndTeamLabelWithTheToken() throws Exception {
        server.answerFile("allocation-daily.json");

        read(server.url(), options());

        FakeOpenCost.Request r = server.only();
        assertEquals("/allocation/compute", r.path());
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("window", "2026-01-01T00:00:00Z,2026-03-03T10:15:30Z");
        expected.put("aggregate", "label:spendgate-manifest,label:team");
        expected.put("step", "1d");
        expected.put("accumulate", "false");
        expected.put("includeIdle", "true");
        assertEquals(expected, r.params());
        assertEquals("Bearer " + TOKEN, r.headers().get("Authorization"));
        assertEquals("application/json", r.headers().get("Accept"));
    }

    @Test
    void keepsThePathPrefixAndPassesOtherParametersOn() throws Exception {
        server.answerFile("allocation-daily.json");

        SpendData data = read(server.url() + "/opencost/?currency=eur&shareIdle=true&includeIdle=false",
                options(Map.of(), Duration.ofSeconds(5)));

        FakeOpenCost.Request r = server.only();
        assertEquals("/opencost/allocation/compute", r.path());
        assertEquals("true", r.params().get("shareIdle"));
        assertEquals("false", r.params().get("includeIdle"));
        assertFalse(r.params().containsKey("currency"));
        assertNull(r.headers().get("Authorization"));
        assertTrue(data.groups().stream().allMatch(g -> g.currency().equals("EUR")), data.groups().toString());
    }

    @Test
    void currencyComesFromTheEnvironmentWhenTheUrlHasNone() throws Exception {
        server.answerFile("allocation-daily.json");

        SpendData data = read(server.url(), options(Map.of("SPENDGATE_SPEND_CURRENCY", "GBP"), Duration.ofSeconds(5)));

        assertEquals(10, data.groups().size());
        assertTrue(data.groups().stream().allMatch(g -> g.currency().equals("GBP")), data.groups().toString());
    }

    @Test
    void userAndPasswordBecomeBasicAuthAndStayOutOfTheName() throws Exception {
        server.answer(500, "{\"code\":500,\"message\":\"Error: boom\"}");
        String spec = "http://alice:s%40cret@127.0.0.1:" + server.port();
        SpendSource source = new OpenCostSourceProvider().open(spec, options(Map.of(), Duration.ofSeconds(5)));

        SpendException e = assertThrows(SpendException.class, () -> source.read(SpendQuery.defaults()));

        assertEquals(server.url(), source.display());
        assertEquals("Basic " + Base64.getEncoder().encodeToString("alice:s@cret".getBytes(StandardCharsets.UTF_8)),
                server.only().headers().get("Authorization"));
        assertFalse(e.getMessage().contains("s%40cret") || e.getMessage().contains("alice"), e.getMessage());
    }

    @Test
    void oneLabelWhenManifestAndTeamTagAreTheSame() throws Exception {
        server.answer(200, """
                {"code":200,"status":"success","data":[{
                  "chat-bot": {"name":"chat-bot","properties":{"cluster":"c1"},"start":"2026-03-02T00:00:00Z",
                    "end":"2026-03-03T00:00:00Z","totalCost":3.5},
                  "__unallocated__": {"name":"__unallocated__","properties":{"cluster":"c1"},
                    "start":"2026-03-02T00:00:00Z","end":"2026-03-03T00:00:00Z","totalCost":1.25}}]}""");

        SpendData data = new OpenCostSourceProvider().open(server.url(), options())
                .read(new SpendQuery("BilledCost", "app", "app"));

        assertEquals("label:app", server.only().params().get("aggregate"));
        assertEquals(List.of(
                group(null, null, MAR2, "1.25", 1, "2026-03-03T00:00:00Z"),
                group("chat-bot", "chat-bot", MAR2, "3.5", 1, "2026-03-03T00:00:00Z")), data.groups());
        assertEquals("totalCost", data.costColumn());
    }

    @Test
    void countsAndDescribesBadAllocationsByTheirOrdinal() throws Exception {
        server.answerFile("allocation-bad.json");

        SpendData data = read(server.url(), options());

        String s = server.url();
        assertEquals(List.of(
                new BadRow(s, 2, "row", "totalCost", "chat-bot/search: totalCost \"$4.00\" is not a number"),
                new BadRow(s, 3, "row", "totalCost", "rag-indexer/search: totalCost is null (OpenCost could not compute it)"),
                new BadRow(s, 4, "row", "totalCost", "summariser/search: totalCost -2.5 is negative"),
                new BadRow(s, 5, "row", "start", "embedder/search: start is missing"),
                new BadRow(s, 6, "row", "start", "ranker/search: start \"yesterday\" is not an RFC 3339 time"),
                new BadRow(s, 7, "row", "end",
                        "ranker/ml-platform: end 2026-03-01T00:00:00Z is before start 2026-03-02T00:00:00Z"),
                new BadRow(s, 8, "row", null, "tokenizer/ml-platform: not an allocation object"),
                new BadRow(s, 9, "row", "totalCost", "guard/ml-platform: totalCost is missing"),
                new BadRow(s, 11, "row", "totalCost", "chat-bot/ml-platform: totalCost is not a number"),
                new BadRow(s, 13, "row", "totalCost", "runaway/ml-platform: totalCost 1E+999999 is not a plausible cost")),
                data.badRows());
        assertEquals(10, data.badRowCount());
        assertEquals(13, data.rows());
        assertEquals(List.of(
                group("chat-bot", "ml-platform", MAR1, "1.5", 1, "2026-03-02T00:00:00Z"),
                group("rag-indexer", "ml-platform", MAR1, "2", 1, "2026-03-02T00:00:00Z"),
                group(null, null, MAR2, "1E-7", 1, "2026-03-03T00:00:00Z")), data.groups());
        assertEquals(s + ": row 2: chat-bot/search: totalCost \"$4.00\" is not a number", data.badRows().get(0).toString());
    }

    @Test
    void countsEveryBadRowButDescribesTheFirstHundred() throws Exception {
        StringBuilder step = new StringBuilder("{");
        for (int i = 1; i <= 150; i++) {
            step.append("\"w").append(i).append("/t\":{\"start\":\"2026-03-02T00:00:00Z\",\"end\":\"2026-03-03T00:00:00Z\","
                    + "\"totalCost\":\"NaN\"},");
        }
        step.append("\"ok/t\":{\"start\":\"2026-03-02T00:00:00Z\",\"end\":\"2026-03-03T00:00:00Z\",\"totalCost\":0.5}}");
        server.answer(200, "{\"code\":200,\"status\":\"success\",\"data\":[" + step + "]}").chunked();

        SpendData data = read(server.url(), options());

        assertEquals(150, data.badRowCount());
        assertEquals(SpendData.MAX_BAD_ROWS_DESCRIBED, data.badRows().size());
        assertEquals(1, data.badRows().get(0).line());
        assertEquals(100, data.badRows().get(99).line());
        assertEquals("w100/t: totalCost \"NaN\" is not a number", data.badRows().get(99).problem());
        assertEquals(151, data.rows());
        assertEquals(List.of(group("ok", "t", MAR2, "0.5", 1, "2026-03-03T00:00:00Z")), data.groups());
    }

    @Test
    void emptyStepsAndNoAllocationsGiveNoGroups() throws Exception {
        server.answer(200, "{\"code\":200,\"status\":\"success\",\"data\":[{},null,{}]}");

        SpendData data = read(server.url(), options());

        assertEquals(List.of(), data.groups());
        assertEquals(0, data.rows());
        assertNull(data.newestRow());
    }

    @Test
    void serverErrorNamesTheStatusAndOpenCostsMessage() throws Exception {
        server.answer(500, "{\"code\":500,\"message\":\"Error: error querying prometheus: connection refused\"}");

        SpendException e = fails(server.url(), options());

        assertEquals("spend_api_error", e.code());
        assertEquals(where() + ": HTTP 500: Error: error querying prometheus: connection refused", e.getMessage());
    }

    @Test
    void errorBodyWithStatus200IsAFailure() throws Exception {
        server.answer(200, "{\"code\":500,\"status\":\"error\",\"message\":\"boom\\nat line 2\",\"data\":null}");

        SpendException e = fails(server.url(), options());

        assertEquals("spend_api_error", e.code());
        assertEquals(where() + ": OpenCost answered code 500: boom at line 2", e.getMessage());
    }

    @Test
    void unauthorisedSaysHowToAuthenticateWithoutTheToken() throws Exception {
        server.answer(401, "Unauthorized\n");

        SpendException e = fails(server.url(), options());

        assertEquals("spend_api_error", e.code());
        assertTrue(e.getMessage().startsWith(where() + ": HTTP 401: Unauthorized (set SPENDGATE_SPEND_TOKEN"),
                e.getMessage());
    }

    @Test
    void wrongPathIsA404WithAHint() throws Exception {
        server.answer(404, "404 page not found");

        SpendException e = fails(server.url() + "/ui", options());

        assertEquals("spend_unreadable", e.code());
        assertEquals(server.url() + "/ui/allocation/compute: HTTP 404: 404 page not found "
                + "(give OpenCost's API base URL, such as http://opencost.opencost:9003)", e.getMessage());
    }

    @Test
    void redirectIsNotFollowed() throws Exception {
        server.answer(302, "").header("Location", "https://bob:pw@opencost.example/allocation/compute?window=7d");

        SpendException e = fails(server.url(), options());

        assertEquals(1, server.requests.size());
        assertEquals(where() + ": HTTP 302 (redirected to https://opencost.example/allocation/compute?window=7d; "
                + "give that URL)", e.getMessage());
    }

    @Test
    void invalidJsonIsUnreadable() throws Exception {
        server.answer(200, "<!doctype html><html><body>OpenCost UI</body></html>");

        SpendException e = fails(server.url(), options());

        assertEquals("spend_unreadable", e.code());
        assertTrue(e.getMessage().startsWith(where() + ": the answer is not valid JSON: "), e.getMessage());
        assertTrue(e.getMessage().endsWith(" (is this OpenCost's API, usually on port 9003?)"), e.getMessage());
    }

    @Test
    void truncatedJsonIsUnreadable() throws Exception {
        server.answer(200, "{\"code\":200,\"status\":\"success\",\"data\":[{\"a/b\":{\"totalCost\":1.5,\"start\":");

        SpendException e = fails(server.url(), options());

        assertEquals("spend_unreadable", e.code());
        assertTrue(e.getMessage().startsWith(where() + ": the answer is not valid JSON: "), e.getMessage());
        assertTrue(e.getMessage().contains("EOF"), e.getMessage());
        assertFalse(e.getMessage().contains("port 9003"), "the start was JSON: " + e.getMessage());
    }

    @Test
    void jsonOfAnotherShapeIsUnreadable() throws Exception {
        server.answer(200, "[{\"name\":\"x\"}]");
        assertEquals(where() + ": the answer is not a JSON object (is this OpenCost's API, usually on port 9003?)",
                fails(server.url(), options()).getMessage());

        server.answer(200, "{\"code\":200,\"status\":\"success\"}");
        assertEquals(where() + ": the answer has no \"data\" (is this OpenCost's API, usually on port 9003?)",
                fails(server.url(), options()).getMessage());

        server.answer(200, "{\"code\":200,\"data\":[{},[1,2]]}");
        assertEquals(where() + ": data[1] is not an object of allocations (is this OpenCost's API, usually on port 9003?)",
                fails(server.url(), options()).getMessage());
    }

    @Test
    void refusedConnectionIsUnreachable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        SpendException e = fails("http://127.0.0.1:" + port, options());

        assertEquals("spend_unreachable", e.code());
        assertEquals("http://127.0.0.1:" + port + "/allocation/compute: cannot connect (connection refused)",
                e.getMessage());
    }

    @Test
    void serverThatDoesNotAnswerTimesOut() throws Exception {
        server.stall(FakeOpenCost.Stall.BEFORE_HEADERS);

        long t0 = System.nanoTime();
        SpendException e = fails(server.url(), options(Map.of("SPENDGATE_SPEND_TOKEN", TOKEN), Duration.ofMillis(300)));

        assertEquals("spend_unreachable", e.code());
        assertEquals(where() + ": no answer within 300ms", e.getMessage());
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(10).toNanos());
    }

    @Test
    void serverThatStallsMidAnswerTimesOut() throws Exception {
        server.answerFile("allocation-daily.json").stall(FakeOpenCost.Stall.IN_BODY);

        SpendException e = fails(server.url(), options(Map.of("SPENDGATE_SPEND_TOKEN", TOKEN), Duration.ofMillis(300)));

        assertEquals("spend_unreachable", e.code());
        assertEquals(where() + ": the answer stalled: no data for 300ms", e.getMessage());
    }

    @Test
    void answerLargerThanTheCapIsRefused() throws Exception {
        for (boolean chunked : new boolean[] {true, false}) {
            server.answerFile("allocation-daily.json");
            if (chunked) {
                server.chunked();
            }
            OpenCostEndpoint endpoint = OpenCostEndpoint.parse(server.url(), Map.of());
            SpendSource source = new OpenCostSource(endpoint, Duration.ofSeconds(5), CLOCK, 4096);

            SpendException e = assertThrows(SpendException.class, () -> source.read(SpendQuery.defaults()));

            assertEquals("spend_too_large", e.code());
            assertEquals(where() + ": the answer is larger than 4096 bytes", e.getMessage());
        }
    }

    @Test
    void theRegistryOpensOpenCostForHttpUrls() throws Exception {
        server.answerFile("allocation-daily.json");
        Map<String, String> env = new HashMap<>();
        env.put("SPENDGATE_SPEND_TOKEN", TOKEN);

        SpendSource source = SpendSources.open(server.url(), options(env, Duration.ofSeconds(5)));

        assertEquals(server.url(), source.display());
        assertEquals(10, source.read(SpendQuery.defaults()).groups().size());
    }
}
