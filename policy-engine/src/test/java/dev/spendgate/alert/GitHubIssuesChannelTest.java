package dev.spendgate.alert;

import dev.spendgate.alert.testing.FakeGitHubIssues;
import dev.spendgate.alert.testing.FakeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GitHub issues against a local server speaking the issues REST API: the life cycle of an issue
 * per manifest and per team (created, found again by its marker on a later page, updated in place,
 * closed on resolve), the headers GitHub documents, and its refusals.
 */
class GitHubIssuesChannelTest {

    private static final String TOKEN = "ghp_T0KENabcdefghijklmnopqrstuvwxyz12";

    private final List<Duration> waits = new ArrayList<>();
    private FakeGitHubIssues github;

    @BeforeEach
    void start() {
        github = new FakeGitHubIssues("acme/finops", 2);
        github.seed("A bug", "Something is broken", List.of("bug"), false);
        github.seed("A pull request quoting the marker",
                "<!-- spendgate-alert: manifest=bot -->\ncopied from an issue", List.of(), true);
        github.seed("No body", null, List.of(), false);
    }

    @AfterEach
    void stop() {
        github.close();
    }

    private AlertChannel open(Object... extra) throws Exception {
        List<Object> kv = new ArrayList<>(List.of("repository", "acme/finops", "apiUrl", github.api().toString(),
                "tokenEnv", "GH_TOKEN"));
        kv.addAll(List.of(extra));
        return Channels.open(Alerts.config("issues", "github-issues", kv.toArray()), Map.of("GH_TOKEN", TOKEN),
                Alerts.options(waits));
    }

    private static Alert zombie(String manifest, AlertStatus status, String team) {
        return Alerts.alert(manifest, "SG-SPD-006", "hard-mandatory", status, team, null);
    }

    private static Alert burn(String manifest, AlertStatus status, String team) {
        return Alerts.alert(manifest, "SG-SPD-001", "advisory", status, team, null);
    }

    private FakeGitHubIssues.Issue spendgateIssue(long number) {
        return github.issues().get((int) number - 1);
    }

    @Test
    void anIssuePerManifestIsCreatedUpdatedAndClosed() throws Exception {
        AlertChannel channel = open();
        Alert burn = burn("bot", AlertStatus.NEW, "payments");
        Delivery created = channel.deliver(new Batch(List.of(burn), List.of(burn))).get(0);
        assertEquals(Delivery.Outcome.DELIVERED, created.outcome(), created.detail());
        assertEquals("issue #4 created", created.detail());
        FakeGitHubIssues.Issue issue = spendgateIssue(4);
        assertTrue(issue.body.startsWith("<!-- spendgate-alert: manifest=bot -->\n"), issue.body);
        assertEquals("[spendgate] bot: 1 open alert", issue.title);
        assertTrue(issue.body.contains("| spent | 812.40 |"), issue.body);
        assertTrue(issue.body.contains("File: `manifests/bot.yaml:12`"), issue.body);
        assertTrue(issue.body.contains("[The run](https://ci.example.com/runs/42)"), issue.body);
        for (int i = 0; i < 5; i++) { // newer issues push ours to the third page of two
            github.seed("Other " + i, "text " + i, List.of(), i % 2 == 0);
        }

        Alert zombie = zombie("bot", AlertStatus.NEW, "payments");
        Alert burnRepeat = burn.withStatus(AlertStatus.REPEAT);
        List<Delivery> updated = channel.deliver(new Batch(List.of(zombie, burnRepeat), List.of(burnRepeat, zombie)));
        assertEquals(List.of("issue #4 updated", "issue #4 updated"), updated.stream().map(Delivery::detail).toList());
        assertEquals(9, github.issues().size(), "found again, not created twice");
        assertTrue(github.calls().stream().anyMatch(c -> c.method().equals("GET") && c.path().contains("page=3")),
                "the list was followed to its third page");
        assertEquals("[spendgate] bot: 2 open alerts", issue.title);
        assertTrue(issue.body.contains("SG-SPD-006") && issue.body.contains("SG-SPD-001"), issue.body);

        Alert burnResolved = burn.withStatus(AlertStatus.RESOLVED);
        assertEquals("issue #4 updated", channel.deliver(new Batch(List.of(burnResolved), List.of(zombie))).get(0).detail());
        assertTrue(issue.body.contains("### Resolved in this run\n\n- SG-SPD-001"), issue.body);
        assertEquals("open", issue.state);

        Alert zombieResolved = zombie.withStatus(AlertStatus.RESOLVED);
        assertEquals("issue #4 closed", channel.deliver(new Batch(List.of(zombieResolved), List.of())).get(0).detail());
        assertEquals("closed", issue.state);
        assertEquals("completed", issue.stateReason);
        assertEquals("[spendgate] bot: resolved", issue.title);

        Delivery again = channel.deliver(new Batch(List.of(zombieResolved), List.of())).get(0);
        assertEquals(Delivery.Outcome.DELIVERED, again.outcome());
        assertEquals("no open issue to close", again.detail());
        assertEquals("open", github.issues().get(1).state, "the pull request quoting the marker was never touched");
        assertEquals("copied from an issue", github.issues().get(1).body.lines().toList().get(1));
    }

    @Test
    void everyRequestCarriesTheHeadersGitHubDocuments() throws Exception {
        Alert burn = burn("bot", AlertStatus.NEW, "payments");
        open().deliver(new Batch(List.of(burn), List.of(burn)));
        assertEquals(List.of("GET", "GET", "POST"), github.calls().stream().map(FakeGitHubIssues.Call::method).toList());
        for (FakeGitHubIssues.Call c : github.calls()) {
            assertEquals("application/vnd.github+json", c.headers().get("accept"));
            assertEquals("2022-11-28", c.headers().get("x-github-api-version"));
            assertEquals("Bearer " + TOKEN, c.headers().get("authorization"));
            assertEquals("spendgate", c.headers().get("user-agent"));
        }
        assertTrue(github.calls().get(0).path().startsWith("/repos/acme/finops/issues?state=open&per_page=100"));
    }

    @Test
    void anIssuePerTeamListsEveryOpenAlertOfTheTeam() throws Exception {
        AlertChannel channel = open("per", "team", "labels", List.of("spendgate", "finops"));
        Alert a = burn("alpha", AlertStatus.NEW, "payments");
        Alert b = zombie("beta", AlertStatus.NEW, "payments");
        Alert c = burn("gamma", AlertStatus.NEW, "search");
        List<Delivery> first = channel.deliver(new Batch(List.of(a, b, c), List.of(a, b, c)));
        assertEquals(List.of("issue #4 created", "issue #4 created", "issue #5 created"),
                first.stream().map(Delivery::detail).toList());
        FakeGitHubIssues.Issue payments = spendgateIssue(4);
        assertEquals(List.of("spendgate", "finops"), payments.labels);
        assertTrue(payments.body.startsWith("<!-- spendgate-alert: team=payments -->"), payments.body);
        assertEquals("[spendgate] team payments: 2 open alerts", payments.title);
        assertTrue(payments.body.contains("Manifest `alpha`") && payments.body.contains("Manifest `beta`"), payments.body);
        assertTrue(github.calls().get(0).path().contains("labels=spendgate%2Cfinops"), github.calls().get(0).path());

        Alert aResolved = a.withStatus(AlertStatus.RESOLVED);
        List<Delivery> second = channel.deliver(new Batch(List.of(aResolved), List.of(b, c)));
        assertEquals("issue #4 updated", second.get(0).detail());
        assertEquals("[spendgate] team payments: 1 open alert", payments.title);
        assertFalse(payments.body.contains("Manifest `alpha`"), "only open alerts are listed as open");
        assertTrue(payments.body.contains("manifest `alpha`"), "and alpha is listed as resolved");
        String searchBody = spendgateIssue(5).body;

        Alert bResolved = b.withStatus(AlertStatus.RESOLVED);
        assertEquals("issue #4 closed", channel.deliver(new Batch(List.of(bResolved), List.of(c))).get(0).detail());
        assertEquals("closed", payments.state);
        assertEquals("open", spendgateIssue(5).state);
        assertEquals(searchBody, spendgateIssue(5).body, "a team without changes is not touched");
    }

    @Test
    void rateLimitAndPermissionAreToldApart() throws Exception {
        AlertChannel channel = open();
        Alert burn = burn("bot", AlertStatus.NEW, "payments");
        github.refuse(null, FakeService.json(403, "{\"message\":\"API rate limit exceeded for installation ID 1.\"}")
                .header("X-RateLimit-Remaining", "0"));
        Delivery limited = channel.deliver(new Batch(List.of(burn), List.of(burn))).get(0);
        assertEquals(Delivery.Outcome.FAILED, limited.outcome());
        assertEquals("cannot list the open issues of acme/finops: 403 GitHub's rate limit is used up"
                + " (API rate limit exceeded for installation ID 1.)", limited.detail());
        github.refuse("POST", FakeService.json(403, "{\"message\":\"Resource not accessible by integration\"}"));
        assertEquals("cannot create an issue in acme/finops: 403 the token may not do this (Resource not accessible by"
                + " integration); it needs issues: write on acme/finops", channel.deliver(new Batch(List.of(burn), List.of(burn))).get(0).detail());
    }

    @Test
    void notFoundAndValidationFailuresSayWhat() throws Exception {
        AlertChannel channel = open();
        Alert burn = burn("bot", AlertStatus.NEW, "payments");
        github.refuse(null, FakeService.json(404, "{\"message\":\"Not Found\"}"));
        assertEquals("cannot list the open issues of acme/finops: 404 not found: does acme/finops exist and may the token see it?",
                channel.deliver(new Batch(List.of(burn), List.of(burn))).get(0).detail());
        github.refuse("POST", FakeService.json(422, "{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"Issue\","
                + "\"code\":\"custom\",\"field\":\"body\",\"message\":\"body is too long (maximum is 65536 characters)\"}]}"));
        assertEquals("cannot create an issue in acme/finops: 422 GitHub refused it: Validation Failed: body is too long"
                + " (maximum is 65536 characters)", channel.deliver(new Batch(List.of(burn), List.of(burn))).get(0).detail());
        github.refuse("POST", FakeService.json(502, "{\"message\":\"Server Error\"}"));
        assertEquals("cannot create an issue in acme/finops: 502 Bad Gateway after 3 attempts",
                channel.deliver(new Batch(List.of(burn), List.of(burn))).get(0).detail());
    }

    @Test
    void anIssueDeletedSinceItWasListedIsOpenedAgain() throws Exception {
        AlertChannel channel = open();
        Alert burn = burn("bot", AlertStatus.NEW, "payments");
        assertEquals("issue #4 created", channel.deliver(new Batch(List.of(burn), List.of(burn))).get(0).detail());
        github.refuse("PATCH", FakeService.json(404, "{\"message\":\"Not Found\"}"));
        Alert repeat = burn.withStatus(AlertStatus.REPEAT);
        assertEquals("issue #5 created", channel.deliver(new Batch(List.of(repeat), List.of(repeat))).get(0).detail());
    }

    @Test
    void thePreviewShowsTheRequestsWithoutSendingThem() throws Exception {
        AlertChannel channel = open();
        Alert burn = burn("bot", AlertStatus.NEW, "payments");
        List<String> preview = channel.preview(new Batch(List.of(burn, zombie("old", AlertStatus.RESOLVED, "x")), List.of(burn)));
        assertEquals(2, preview.size());
        assertTrue(preview.get(0).startsWith("POST " + github.api() + "/repos/acme/finops/issues (or PATCH the open issue marked"
                + " <!-- spendgate-alert: manifest=bot -->)\n{\"title\":\"[spendgate] bot: 1 open alert\""), preview.get(0));
        assertTrue(preview.get(1).startsWith("PATCH " + github.api() + "/repos/acme/finops/issues/{the open issue marked"), preview.get(1));
        assertTrue(preview.get(1).contains("\"state\":\"closed\",\"state_reason\":\"completed\""), preview.get(1));
        assertEquals(0, github.calls().size());
    }
}
