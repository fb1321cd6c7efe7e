package dev.spendgate.cli;

import dev.spendgate.gitlab.FakeGitLab;
import dev.spendgate.gitlab.MergeRequestNote;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** check --gitlab-note in a merge request pipeline, against a local server speaking GitLab's REST API v4. */
class GitlabNoteTest {

    FakeGitLab gitlab;
    Map<String, String> env;

    @BeforeEach
    void start() throws IOException {
        gitlab = new FakeGitLab();
        env = new HashMap<>(gitlab.environment());
        env.put("SPENDGATE_GITLAB_TOKEN", FakeGitLab.TOKEN);
    }

    @AfterEach
    void stop() {
        gitlab.close();
    }

    @Test
    void theNoteIsCreatedThenUpdatedInPlace() {
        CliRun first = CliRun.withEnv(env, "check", CliTest.EXAMPLES, "--policy", CliTest.POLICY, "--now", CliTest.NOW,
                "--gitlab-note");
        assertEquals(1, first.exitCode(), "the note does not change the verdict");
        assertTrue(first.err().contains("spendgate: created the spendgate note on !7"), first.err());
        assertEquals(1, gitlab.notes.size());
        String body = gitlab.notes.values().iterator().next();
        assertTrue(body.startsWith(MergeRequestNote.MARKER + "\n## spendgate: ❌ blocked"), body);
        assertTrue(body.contains("](https://gitlab.example/acme/ml/-/blob/abc123/"), "findings link to the commit judged");
        assertFalse(first.out().contains(FakeGitLab.TOKEN) || first.err().contains(FakeGitLab.TOKEN));

        CliRun second = CliRun.withEnv(env, "check", CliTest.EXAMPLES, "--policy", CliTest.POLICY, "--now", CliTest.NOW,
                "--gitlab-note");
        assertTrue(second.err().contains("spendgate: updated the spendgate note on !7"), second.err());
        assertEquals(1, gitlab.notes.size(), "one note, updated in place");
    }

    @Test
    void aResolvedMergeRequestGetsItsNoteUpdatedNotLeftStale() {
        long id = gitlab.add(MergeRequestNote.MARKER + "\nblocked: SG-GPU-004");
        CliRun clean = CliRun.withEnv(env, "check", "../examples/manifests/experiments/churn-classifier-ft.yaml",
                "--policy", CliTest.POLICY, "--now", CliTest.NOW, "--gitlab-note", "--comment-when", "findings");
        assertEquals(0, clean.exitCode(), clean.err());
        assertTrue(clean.err().contains("updated the spendgate note on !7 (comment-when findings: no finding fails or warns)"),
                clean.err());
        assertTrue(gitlab.notes.get(id).contains("Nothing to report any more"), gitlab.notes.get(id));
    }

    /** A server that echoes the token in its error: the log shows *** where it was. */
    @Test
    void aTokenTheServerEchoesIsRedacted() {
        gitlab.canned.add(new FakeGitLab.Canned(403, "{\"message\":\"403 Forbidden for token " + FakeGitLab.TOKEN + "\"}",
                Map.of()));
        CliRun r = CliRun.withEnv(env, "check", "../examples/manifests/experiments/churn-classifier-ft.yaml",
                "--now", CliTest.NOW, "--gitlab-note");
        assertFalse(r.err().contains(FakeGitLab.TOKEN) || r.out().contains(FakeGitLab.TOKEN), r.err());
        assertTrue(r.err().contains("403 Forbidden for token ***"), r.err());
    }

    @Test
    void withoutATokenOrOutsideAMergeRequestItSaysWhyAndPostsNothing() {
        env.remove("SPENDGATE_GITLAB_TOKEN");
        env.put("GL_NOTE_TOKEN", FakeGitLab.TOKEN);
        CliRun none = CliRun.withEnv(env, "check", "../examples/manifests/experiments/churn-classifier-ft.yaml",
                "--now", CliTest.NOW, "--gitlab-note");
        assertTrue(none.err().contains("the variable SPENDGATE_GITLAB_TOKEN holds no token, so no note on !7"), none.err());
        assertTrue(gitlab.requests.isEmpty());

        CliRun named = CliRun.withEnv(env, "check", "../examples/manifests/experiments/churn-classifier-ft.yaml",
                "--now", CliTest.NOW, "--gitlab-note", "--gitlab-token-env", "GL_NOTE_TOKEN");
        assertTrue(named.err().contains("created the spendgate note on !7"), named.err());

        env.remove("CI_MERGE_REQUEST_IID");
        CliRun branch = CliRun.withEnv(env, "check", "../examples/manifests/experiments/churn-classifier-ft.yaml",
                "--now", CliTest.NOW, "--gitlab-note", "--gitlab-token-env", "GL_NOTE_TOKEN");
        assertTrue(branch.err().contains("not a merge request pipeline"), branch.err());
    }
}
