package dev.spendgate.cli;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.spendgate.alert.testing.FakeGitHubIssues;
import dev.spendgate.alert.testing.FakeService;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code spendgate watch} end to end on the example manifests, policy routes and FOCUS export,
 * with every channel against a local server speaking its protocol (Slack, Teams, PagerDuty, a
 * CloudEvents receiver, GitHub's issues API) and GreenMail for SMTP: what is sent where, run after
 * run, with the state file between runs.
 */
class WatchCommandTest {

    static final String NOW = "2026-11-22T12:00:00Z";
    static final String LATER = "2026-11-22T13:00:00Z";
    static final String SLACK_PATH = "/services/T0001/B0001/slacksecret0001";
    static final String TEAMS_PATH = "/workflows/teamssecret0002/triggers/manual/paths/invoke";
    static final String PD_KEY = "R0UT1NGKEYR0UT1NGKEYR0UT1NGKEY12";
    static final String GITHUB_TOKEN = "ghp_watchtesttoken0000000000000000";

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    FakeService slack;
    FakeService teams;
    FakeService pager;
    FakeService events;
    FakeGitHubIssues github;
    final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        slack = new FakeService("/services", FakeService.text(200, "ok"));
        teams = new FakeService("/workflows", FakeService.text(202, ""));
        pager = new FakeService("/v2/enqueue", FakeService.json(202,
                "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"k\"}"));
        events = new FakeService("/ingest", FakeService.text(202, ""));
        github = new FakeGitHubIssues("acme/ai-platform", 2);
        copy(Path.of("../examples/manifests"), dir.resolve("manifests"));
        copy(Path.of("../examples/waivers"), dir.resolve("waivers"));
        Files.copy(Path.of("../examples/spend/focus-2026-11.csv"), dir.resolve("focus.csv"));
        Files.writeString(dir.resolve("policy.yaml"), policy(pager.uri("/v2/enqueue").toString()));
        env.put("SPENDGATE_SLACK_SEARCH", slack.uri(SLACK_PATH).toString());
        env.put("SPENDGATE_TEAMS_PLATFORM", teams.uri(TEAMS_PATH).toString());
        env.put("SPENDGATE_PAGERDUTY_KEY", PD_KEY);
        env.put("SPENDGATE_EVENTS_URL", events.uri("/ingest").toString());
        env.put("GITHUB_TOKEN", GITHUB_TOKEN);
        env.put("GITHUB_SERVER_URL", "https://github.com");
        env.put("GITHUB_REPOSITORY", "acme/ai-platform");
        env.put("GITHUB_RUN_ID", "4242");
    }

    @AfterEach
    void tearDown() {
        Stream.of(slack, teams, pager, events).forEach(FakeService::close);
        github.close();
    }

    /** The example policy with the channels' non-secret endpoints pointed at the local servers. */
    String policy(String pagerUrl) throws IOException {
        String p = Files.readString(Path.of("../examples/policy.yaml"), StandardCharsets.UTF_8);
        p = replace(p, "routingKeyEnv: SPENDGATE_PAGERDUTY_KEY}", "routingKeyEnv: SPENDGATE_PAGERDUTY_KEY, url: \"" + pagerUrl + "\"}");
        p = replace(p, "per: team}", "per: team, apiUrl: \"" + github.api() + "\"}");
        p = replace(p, "smtpHost: smtp.acme.example,", "smtpHost: 127.0.0.1, smtpPort: " + MAIL.getSmtp().getPort() + ", tls: none,");
        return p;
    }

    private static String replace(String s, String from, String to) {
        assertTrue(s.contains(from), from);
        return s.replace(from, to);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private CliRun watch(String now, String... more) {
        List<String> args = new ArrayList<>(List.of("watch", "-C", dir.toString(), "manifests", "--policy", "policy.yaml",
                "--spend", "focus.csv", "--state", "state/alerts.json", "--now", now));
        args.addAll(List.of(more));
        return CliRun.withEnv(env, args.toArray(String[]::new));
    }

    private static List<String> bodies(FakeService s) {
        return s.received().stream().map(FakeService.Received::body).toList();
    }

    private int sent() {
        return slack.received().size() + teams.received().size() + pager.received().size() + events.received().size()
                + (int) github.calls().stream().filter(c -> !c.method().equals("GET")).count()
                + MAIL.getReceivedMessages().length;
    }

    @Test
    void theFirstRunSendsThe80PerCentAndZombieAlertsWhereThePolicyRoutesThemAndASecondRunNothing() throws Exception {
        CliRun first = watch(NOW);
        assertEquals(0, first.exitCode(), first.err() + first.out());

        // 80 % of search-reranker's budget: the search team's Slack and the owner's mail, nothing else
        assertEquals(1, slack.received().size());
        String burn = bodies(slack).get(0);
        assertTrue(burn.contains("SG-SPD-001") && burn.contains("search-reranker") && burn.contains("417.16"), burn);
        assertTrue(burn.contains("examples/manifests/inference/search-reranker.yaml") || burn.contains("manifests/inference/search-reranker.yaml"), burn);
        assertTrue(burn.contains("https://github.com/acme/ai-platform/actions/runs/4242"), "the run's link: " + burn);
        MimeMessage[] mail = MAIL.getReceivedMessages();
        assertEquals(1, mail.length);
        assertEquals("erin@example.com", mail[0].getAllRecipients()[0].toString());
        assertTrue(mail[0].getSubject().startsWith("[spendgate] NEW SG-SPD-001 search-reranker"), mail[0].getSubject());

        // the zombie notebook (budget used up, spending after its expiry): the platform team's Teams and the pager
        List<String> cards = bodies(teams);
        assertEquals(2, cards.size(), cards.toString());
        assertTrue(cards.stream().anyMatch(b -> b.contains("SG-SPD-006") && b.contains("zombie-notebook")), cards.toString());
        assertTrue(cards.stream().anyMatch(b -> b.contains("SG-SPD-002") && b.contains("zombie-notebook")), cards.toString());
        List<String> pages = bodies(pager);
        assertEquals(2, pages.size(), pages.toString());
        assertTrue(pages.stream().allMatch(b -> b.contains("\"event_action\":\"trigger\"") && b.contains("\"severity\":\"critical\"")),
                pages.toString());
        assertTrue(pages.stream().anyMatch(b -> b.contains("\"dedup_key\":\"spendgate:zombie-notebook:SG-SPD-006\"")), pages.toString());

        // forecasts and the anomaly to the event stream; spend nobody declares to an issue per team
        assertEquals(3, events.received().size());
        assertTrue(events.received().stream().allMatch(r -> r.header("Content-Type").startsWith("application/cloudevents+json")));
        assertEquals(3, github.issues().size());
        assertTrue(github.issues().stream().anyMatch(i -> i.body.contains("legacy-batch-scorer")), "the orphaned workload");

        assertTrue(first.out().contains("ALERTS"), first.out());
        assertFalse(first.out().contains(PD_KEY) || first.out().contains("slacksecret0001") || first.out().contains(GITHUB_TOKEN));
        assertTrue(Files.exists(dir.resolve("state/alerts.json")));

        int before = sent();
        CliRun second = watch(NOW);
        assertEquals(0, second.exitCode(), second.err());
        assertEquals(before, sent(), "the same clock sends nothing again");
        assertTrue(second.out().contains("nothing to send"), second.out());
    }

    @Test
    void aLaterRunInWhichTheManifestIsGoneResolvesItsAlertsAndReportsItsSpendAsOrphaned() throws Exception {
        assertEquals(0, watch(NOW).exitCode());
        int teamsBefore = teams.received().size();
        int pagerBefore = pager.received().size();
        Files.delete(dir.resolve("manifests/experiments/zombie-notebook.yaml"));

        CliRun later = watch(LATER);
        assertEquals(0, later.exitCode(), later.err());
        List<String> resolves = bodies(pager).subList(pagerBefore, pager.received().size());
        assertEquals(2, resolves.size(), resolves.toString());
        assertTrue(resolves.stream().allMatch(b -> b.contains("\"event_action\":\"resolve\"")), resolves.toString());
        assertTrue(resolves.stream().anyMatch(b -> b.contains("spendgate:zombie-notebook:SG-SPD-006")), resolves.toString());
        assertEquals(teamsBefore + 2, teams.received().size(), "the Teams channel hears of both resolves");
        // its spend still flows, now tagged with a manifest no manifest declares
        assertTrue(github.issues().stream().anyMatch(i -> i.body.contains("zombie-notebook") && i.body.contains("SG-WATCH-001")),
                "the zombie's spend is orphaned now");
        assertEquals(1, slack.received().size(), "search-reranker's alert is still open and not due");
    }

    @Test
    void aRunWhoseSlackEndpointFailsExits4AndTheNextRunDeliversWhatWasMissed() throws Exception {
        slack.answer(FakeService.text(500, "internal_error"));
        CliRun failed = watch(NOW);
        assertEquals(4, failed.exitCode(), failed.err());
        assertTrue(failed.err().contains("alert deliveries failed; the next run sends them again (exit 4)"), failed.err());
        assertTrue(failed.out().contains("500"), failed.out());
        assertEquals(3, slack.received().size(), "tried three times");
        assertEquals(2, teams.received().size(), "every other channel was still tried");
        assertEquals(1, MAIL.getReceivedMessages().length);

        slack.answer(FakeService.text(200, "ok"));
        int others = teams.received().size() + pager.received().size() + events.received().size();
        CliRun next = watch(LATER);
        assertEquals(0, next.exitCode(), next.err());
        assertEquals(4, slack.received().size(), "the missed alert is delivered");
        assertTrue(bodies(slack).get(3).contains("search-reranker"));
        assertEquals(others, teams.received().size() + pager.received().size() + events.received().size(),
                "nothing is sent twice elsewhere");
        assertEquals(1, MAIL.getReceivedMessages().length);
    }

    @Test
    void aDryRunPrintsTheRequestsWithSecretsMaskedSendsNothingAndIsTheSameBytesTwice() throws Exception {
        CliRun dry = watch(NOW, "--dry-run", "--format", "json");
        assertEquals(0, dry.exitCode(), dry.err());
        assertEquals(0, sent());
        assertFalse(Files.exists(dir.resolve("state/alerts.json")), "a dry run records nothing");
        assertTrue(dry.out().contains("\"dryRun\": true"), dry.out());
        assertTrue(dry.out().contains("POST http://127.0.0.1:" + slack.uri("/").getPort() + "/***"), dry.out());
        assertFalse(dry.out().contains("slacksecret0001") || dry.out().contains(PD_KEY), dry.out());
        assertEquals(dry.out(), watch(NOW, "--dry-run", "--format", "json").out());
    }

    @Test
    void aCorruptStateFileIsExit3WithItsPlaceAndNothingIsSent() throws Exception {
        Files.createDirectories(dir.resolve("state"));
        Files.writeString(dir.resolve("state/alerts.json"), "{\"version\": 1, \"sent\": [\n  {\"channel\": }\n");
        CliRun r = watch(NOW);
        assertEquals(3, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("state/alerts.json:2:15: alert state: not valid JSON: Invalid token CURLYCLOSE. "
                + "Expected tokens are: [CURLYOPEN, SQUAREOPEN, STRING, NUMBER, TRUE, FALSE, NULL]\n"), r.err());
        assertEquals(0, sent());
        assertEquals("{\"version\": 1, \"sent\": [\n  {\"channel\": }\n", Files.readString(dir.resolve("state/alerts.json")),
                "never silently reset");
    }

    @Test
    void aChannelWhoseSecretIsUnsetIsExit3BeforeAnythingIsSent() {
        env.remove("SPENDGATE_TEAMS_PLATFORM");
        CliRun r = watch(NOW);
        assertEquals(3, r.exitCode(), r.err());
        assertTrue(r.err().contains("alerts.channels.platform-teams.webhookEnv: environment variable SPENDGATE_TEAMS_PLATFORM is not set"),
                r.err());
        assertEquals(0, sent());
    }

    @Test
    void staleSpendIsOneAlertForTheRunNotOnePerManifest() throws Exception {
        // three days after the export's newest row: past liveSpend.maxStaleness (36h) for every manifest
        CliRun r = watch("2026-11-25T12:00:00Z", "--format", "json");
        assertEquals(0, r.exitCode(), r.err());
        List<String> stale = bodies(events).stream().filter(b -> b.contains("SG-SPD-005")).toList();
        assertEquals(1, stale.size(), bodies(events).toString());
        assertTrue(stale.get(0).contains("(spend source)") && stale.get(0).contains("10 manifests cannot be judged"),
                stale.get(0));
    }

    @Test
    void withoutASpendSourceItIsAUsageError() {
        CliRun r = CliRun.withEnv(env, "watch", "-C", dir.toString(), "manifests", "--policy", "policy.yaml");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--spend: a spend source is required"), r.err());
    }

    /**
     * A run killed (SIGKILL) while it waits on PagerDuty, after Slack and Teams were delivered:
     * the state file it leaves reads, holds those deliveries, and the next run sends only the rest.
     */
    @Test
    void aRunKilledHalfwayLeavesAWholeStateAndTheNextRunSendsOnlyWhatIsLeft() throws Exception {
        try (ServerSocket hang = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CountDownLatch reached = new CountDownLatch(1);
            Thread accept = new Thread(() -> {
                try (Socket s = hang.accept(); InputStream in = s.getInputStream()) {
                    reached.countDown();
                    in.read(new byte[4096]);
                    TimeUnit.SECONDS.sleep(60);
                } catch (IOException | InterruptedException e) {
                    // the child was killed
                }
            });
            accept.setDaemon(true);
            accept.start();
            Files.writeString(dir.resolve("policy.yaml"), policy("http://127.0.0.1:" + hang.getLocalPort() + "/v2/enqueue"));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "watch", "-C", dir.toString(), "manifests", "--policy", "policy.yaml", "--spend", "focus.csv",
                    "--state", "state/alerts.json", "--now", NOW).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("child.log").toFile());
            pb.environment().putAll(env);
            Process child = pb.start();
            try {
                assertTrue(reached.await(120, TimeUnit.SECONDS), "the run reached PagerDuty");
            } finally {
                child.destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
            }
        }
        assertEquals(1, slack.received().size());
        assertEquals(2, teams.received().size());
        String state = Files.readString(dir.resolve("state/alerts.json"));
        assertTrue(state.contains("\"channel\": \"search-slack\"") && state.contains("\"channel\": \"platform-teams\""), state);
        assertFalse(state.contains("finops-pager"), state);

        Files.writeString(dir.resolve("policy.yaml"), policy(pager.uri("/v2/enqueue").toString()));
        CliRun next = watch(NOW);
        assertEquals(0, next.exitCode(), next.err());
        assertEquals(1, slack.received().size(), "what the killed run delivered is not sent again");
        assertEquals(2, teams.received().size());
        assertEquals(2, pager.received().size(), "what it did not deliver is");
    }
}
