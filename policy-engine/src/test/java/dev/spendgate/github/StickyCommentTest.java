package dev.spendgate.github;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sticky comment against a local server speaking GitHub's REST protocol. */
class StickyCommentTest {

    FakeGitHub github;
    StickyComment comments;

    @TempDir
    Path tmp;

    @BeforeEach
    void start() throws IOException {
        github = new FakeGitHub();
        comments = new StickyComment("secret-token", "spendgate/test", Duration.ofSeconds(5), Duration.ofMillis(10));
    }

    @AfterEach
    void stop() {
        comments.close();
        github.close();
    }

    @Test
    void createsTheCommentOnceThenUpdatesItInPlace() {
        StickyComment.Result first = comments.upsert(github.pullRequest(), "## spendgate: ❌ blocked");
        assertEquals(StickyComment.Status.CREATED, first.status(), first.message());
        StickyComment.Result second = comments.upsert(github.pullRequest(), "## spendgate: ✅ passed");
        assertEquals(StickyComment.Status.UPDATED, second.status(), second.message());
        assertEquals(first.commentId(), second.commentId());
        assertEquals(1, github.comments.size());
        assertTrue(github.comments.get(first.commentId()).startsWith(StickyComment.MARKER + "\n## spendgate: ✅ passed"));
        FakeGitHub.Request post = github.requests.stream().filter(r -> r.method().equals("POST")).findFirst().orElseThrow();
        assertEquals("application/vnd.github+json", post.headers().get("Accept"));
        assertEquals("2022-11-28", post.headers().get("X-GitHub-Api-Version"));
        assertEquals("spendgate/test", post.headers().get("User-Agent"));
        assertTrue(github.requests.stream().anyMatch(r -> r.method().equals("PATCH")));
    }

    @Test
    void followsLinkPaginationToFindItsComment() {
        for (int i = 0; i < 230; i++) {
            github.add("someone else's comment " + i);
        }
        long ours = github.add(StickyComment.MARKER + "\nold report");
        StickyComment.Result r = comments.upsert(github.pullRequest(), "new report");
        assertEquals(StickyComment.Status.UPDATED, r.status(), r.message());
        assertEquals(ours, r.commentId());
        assertEquals(3, github.requests.stream().filter(q -> q.method().equals("GET")).count());
        assertTrue(github.requests.get(1).query().contains("page=2"), github.requests.get(1).query());
    }

    @Test
    void aDeletedCommentIsCreatedAgain() {
        long gone = github.add(StickyComment.MARKER + "\nold");
        github.canned.add(new FakeGitHub.Canned(200, "[{\"id\":" + gone + ",\"body\":\"" + StickyComment.MARKER + "\"}]", Map.of()));
        github.comments.clear();
        StickyComment.Result r = comments.upsert(github.pullRequest(), "report");
        assertEquals(StickyComment.Status.CREATED, r.status(), r.message());
    }

    @Test
    void readOnlyTokensFallBackAndSaySo() {
        github.canned.add(new FakeGitHub.Canned(200, "[]", Map.of()));
        github.canned.add(new FakeGitHub.Canned(403, "{\"message\":\"Resource not accessible by integration\"}", Map.of()));
        StickyComment.Result r = comments.upsert(github.pullRequest(), "report");
        assertEquals(StickyComment.Status.READ_ONLY, r.status());
        assertTrue(r.message().contains("Resource not accessible by integration"), r.message());
        assertTrue(r.message().contains("forks"), r.message());
    }

    @Test
    void errorsAreReportedInOneLineWithoutTheToken() {
        github.canned.add(new FakeGitHub.Canned(401, "{\"message\":\"Bad credentials\"}", Map.of()));
        StickyComment.Result unauthorised = comments.upsert(github.pullRequest(), "x");
        assertEquals(StickyComment.Status.FAILED, unauthorised.status());
        assertTrue(unauthorised.message().contains("HTTP 401"), unauthorised.message());

        github.canned.add(new FakeGitHub.Canned(403, "{\"message\":\"API rate limit exceeded\"}", Map.of("X-RateLimit-Remaining", "0")));
        StickyComment.Result limited = comments.upsert(github.pullRequest(), "x");
        assertEquals(StickyComment.Status.FAILED, limited.status());
        assertTrue(limited.message().contains("rate limit"), limited.message());

        github.canned.add(new FakeGitHub.Canned(404, "{\"message\":\"Not Found\"}", Map.of()));
        assertTrue(comments.upsert(github.pullRequest(), "x").message().contains("HTTP 404"));

        github.canned.add(new FakeGitHub.Canned(200, "[]", Map.of()));
        github.canned.add(new FakeGitHub.Canned(422, "{\"message\":\"Validation Failed\"}", Map.of()));
        assertTrue(comments.upsert(github.pullRequest(), "x").message().contains("HTTP 422"));

        github.canned.add(new FakeGitHub.Canned(200, "this is not json", Map.of()));
        assertTrue(comments.upsert(github.pullRequest(), "x").message().contains("not a JSON array"));

        for (StickyComment.Result r : new StickyComment.Result[] {unauthorised, limited}) {
            assertFalse(r.message().contains("secret-token"));
        }
    }

    @Test
    void serverErrorsAreRetriedAFewTimes() {
        github.canned.add(new FakeGitHub.Canned(502, "", Map.of()));
        github.canned.add(new FakeGitHub.Canned(503, "", Map.of()));
        StickyComment.Result r = comments.upsert(github.pullRequest(), "report");
        assertEquals(StickyComment.Status.CREATED, r.status(), r.message());
        for (int i = 0; i < 3; i++) {
            github.canned.add(new FakeGitHub.Canned(500, "{\"message\":\"boom\"}", Map.of()));
        }
        StickyComment.Result failed = comments.upsert(github.pullRequest(), "report");
        assertEquals(StickyComment.Status.FAILED, failed.status());
        assertTrue(failed.message().contains("HTTP 500: boom (after 3 attempts)"), failed.message());
    }

    @Test
    void anUnreachableServerIsAFailureNotACrash() {
        github.close();
        StickyComment.Result r = comments.upsert(github.pullRequest(), "report");
        assertEquals(StickyComment.Status.FAILED, r.status());
        assertTrue(r.message().startsWith("cannot reach GitHub"), r.message());
    }

    @Test
    void longBodiesAreCutToGitHubsLimit() {
        String huge = "line of the report\n".repeat(10_000);
        String body = StickyComment.withMarker(huge);
        assertTrue(body.length() <= StickyComment.MAX_BODY, String.valueOf(body.length()));
        assertTrue(body.startsWith(StickyComment.MARKER));
        assertTrue(body.contains("cut to fit GitHub's comment limit"));
        StickyComment.Result r = comments.upsert(github.pullRequest(), huge);
        assertEquals(StickyComment.Status.CREATED, r.status());
        assertTrue(github.comments.get(r.commentId()).length() <= StickyComment.MAX_BODY);
    }

    @Test
    void thePullRequestComesFromTheEventPayload() throws IOException {
        Path event = tmp.resolve("event.json");
        Files.writeString(event, """
                {"action": "synchronize", "number": 42,
                 "pull_request": {"number": 42,
                   "head": {"sha": "feedbeef", "ref": "feature", "repo": {"full_name": "someone/ml"}},
                   "base": {"sha": "0ff1ce", "ref": "main", "repo": {"full_name": "acme/ml"}}},
                 "repository": {"full_name": "acme/ml"}}
                """);
        PullRequest pr = PullRequest.fromEnvironment(Map.of("GITHUB_EVENT_PATH", event.toString(),
                "GITHUB_REPOSITORY", "acme/ml", "GITHUB_API_URL", "http://127.0.0.1:1/", "GITHUB_SERVER_URL", "https://github.com")).orElseThrow();
        assertEquals(42, pr.number());
        assertEquals("feedbeef", pr.headSha());
        assertTrue(pr.fork());
        assertEquals("http://127.0.0.1:1", pr.api().toString());
        assertEquals("https://github.com/acme/ml/blob/feedbeef/", pr.blobBase());
        Files.writeString(event, "{\"ref\": \"refs/heads/main\"}");
        assertTrue(PullRequest.fromEnvironment(Map.of("GITHUB_EVENT_PATH", event.toString(), "GITHUB_REPOSITORY", "acme/ml")).isEmpty());
    }
}
