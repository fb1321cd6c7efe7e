package dev.spendgate.gitlab;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sticky note against a local server speaking GitLab's REST API v4. */
class MergeRequestNoteTest {

    FakeGitLab gitlab;
    MergeRequestNote note;

    @BeforeEach
    void start() throws Exception {
        gitlab = new FakeGitLab();
        note = new MergeRequestNote(FakeGitLab.TOKEN, Duration.ofSeconds(5), Duration.ofMillis(10));
    }

    @AfterEach
    void stop() {
        note.close();
        gitlab.close();
    }

    @Test
    void createdThenUpdatedInPlace() {
        MergeRequestNote.Result first = note.upsert(gitlab.mergeRequest(), "first report");
        assertEquals(MergeRequestNote.Status.CREATED, first.status(), first.message());
        assertEquals("created the spendgate note on !7", first.message());
        MergeRequestNote.Result second = note.upsert(gitlab.mergeRequest(), "second report");
        assertEquals(MergeRequestNote.Status.UPDATED, second.status(), second.message());
        assertEquals(first.noteId(), second.noteId());
        assertEquals(Map.of(first.noteId(), MergeRequestNote.MARKER + "\nsecond report"), gitlab.notes);
        assertTrue(gitlab.requests.stream().allMatch(r -> FakeGitLab.TOKEN.equals(r.headers().get("PRIVATE-TOKEN"))));
        assertTrue(gitlab.requests.stream().anyMatch(r -> r.method().equals("PUT")
                && r.path().equals("/api/v4/projects/42/merge_requests/7/notes/" + first.noteId())));
    }

    @Test
    void findsItsNoteOnALaterPageAndIgnoresSystemNotes() {
        for (int i = 0; i < 130; i++) {
            gitlab.add("a review comment " + i);
        }
        long quoted = gitlab.add("a system note quoting " + MergeRequestNote.MARKER);
        gitlab.system.add(quoted);
        long ours = gitlab.add(MergeRequestNote.MARKER + "\nold report");
        MergeRequestNote.Result r = note.upsert(gitlab.mergeRequest(), "new report");
        assertEquals(MergeRequestNote.Status.UPDATED, r.status(), r.message());
        assertEquals(ours, r.noteId());
        assertEquals(MergeRequestNote.MARKER + "\nnew report", gitlab.notes.get(ours));
        assertEquals(2, gitlab.requests.stream().filter(q -> q.method().equals("GET")).count(), "two pages of 100");
    }

    @Test
    void updateExistingPostsNothingWhenThereIsNoNote() {
        MergeRequestNote.Result r = note.updateExisting(gitlab.mergeRequest(), "resolved");
        assertEquals(MergeRequestNote.Status.NONE, r.status());
        assertTrue(gitlab.notes.isEmpty());
        assertFalse(gitlab.requests.stream().anyMatch(q -> q.method().equals("POST")));
        long id = gitlab.add(MergeRequestNote.MARKER + "\nblocked");
        assertEquals(MergeRequestNote.Status.UPDATED, note.updateExisting(gitlab.mergeRequest(), "resolved").status());
        assertEquals(MergeRequestNote.MARKER + "\nresolved", gitlab.notes.get(id));
    }

    @Test
    void errorsAreSaidWithoutTheToken() {
        MergeRequestNote wrong = new MergeRequestNote("glpat-wrong", Duration.ofSeconds(5), Duration.ofMillis(10));
        MergeRequestNote.Result rejected = wrong.upsert(gitlab.mergeRequest(), "x");
        wrong.close();
        assertEquals(MergeRequestNote.Status.FAILED, rejected.status());
        assertEquals("cannot list the merge request's notes: the token was rejected (HTTP 401): 401 Unauthorized",
                rejected.message());

        gitlab.canned.add(new FakeGitLab.Canned(200, "[]", Map.of()));
        gitlab.canned.add(new FakeGitLab.Canned(403, "{\"message\":\"403 Forbidden\"}", Map.of()));
        MergeRequestNote.Result forbidden = note.upsert(gitlab.mergeRequest(), "x");
        assertEquals(MergeRequestNote.Status.READ_ONLY, forbidden.status());
        assertTrue(forbidden.message().startsWith("cannot create a note on !7: the token may not write notes (HTTP 403: 403 Forbidden)"),
                forbidden.message());

        gitlab.canned.add(new FakeGitLab.Canned(404, "{\"message\":\"404 Project Not Found\"}", Map.of()));
        assertEquals("cannot list the merge request's notes: not found (HTTP 404); does the token have access to the"
                + " project?: 404 Project Not Found", note.upsert(gitlab.mergeRequest(), "x").message());

        gitlab.canned.add(new FakeGitLab.Canned(502, "", Map.of()));
        gitlab.canned.add(new FakeGitLab.Canned(502, "", Map.of()));
        gitlab.canned.add(new FakeGitLab.Canned(502, "", Map.of()));
        MergeRequestNote.Result down = note.upsert(gitlab.mergeRequest(), "x");
        assertEquals("HTTP 502 (after 3 attempts)", down.message());

        for (MergeRequestNote.Result r : new MergeRequestNote.Result[] {rejected, forbidden, down}) {
            assertFalse(r.message().contains("secret") || r.message().contains("glpat"), r.message());
        }
    }

    @Test
    void aRateLimitIsWaitedOutAndRetried() {
        gitlab.canned.add(new FakeGitLab.Canned(429, "{\"message\":\"429 Too Many Requests\"}", Map.of("Retry-After", "1")));
        long started = System.nanoTime();
        MergeRequestNote.Result r = note.upsert(gitlab.mergeRequest(), "report");
        assertEquals(MergeRequestNote.Status.CREATED, r.status(), r.message());
        assertTrue(System.nanoTime() - started >= 900_000_000L, "waited for Retry-After");
        assertEquals(3, gitlab.requests.size(), "429, then the list again, then the POST");
    }

    @Test
    void theMergeRequestComesFromTheJobsVariables() {
        assertEquals(gitlab.mergeRequest(), MergeRequest.fromEnvironment(gitlab.environment()).orElseThrow());
        assertEquals(java.util.Optional.empty(), MergeRequest.fromEnvironment(Map.of("CI_API_V4_URL", "https://x/api/v4",
                "CI_PROJECT_ID", "42")), "a branch pipeline has no CI_MERGE_REQUEST_IID");
    }
}
