package dev.spendgate.input;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one redactor: known secrets, credential-shaped text, and a writer that redacts across writes. */
class RedactorTest {

    @Test
    void knownSecretsAreReplacedLongestFirst() {
        Redactor r = Redactor.of("s3cret", "s3cret-longer", null, "", "abc");
        assertEquals("a *** and ***", r.redact("a s3cret-longer and s3cret"));
        assertEquals("abc stays: too short to be a secret", r.redact("abc stays: too short to be a secret"));
        assertEquals(null, r.redact(null));
    }

    @Test
    void textShapedLikeACredentialIsHiddenButProseIsNot() {
        Redactor r = Redactor.none();
        assertEquals("Authorization: Bearer ***", r.redact("Authorization: Bearer eyJhbGciOi.x-y"));
        assertEquals("Authorization: Basic ***", r.redact("Authorization: Basic Z2F0ZTpodW50ZXIy"));
        assertEquals("jdbc:postgresql://me:***@db/x?password=***&ssl=1",
                r.redact("jdbc:postgresql://me:hunter2@db/x?password=hunter2&ssl=1"));
        assertEquals("no bearer token was sent (check the bearer token)",
                r.redact("no bearer token was sent (check the bearer token)"));
        assertEquals("owner: alice@example.com, maxOutputTokens=512", r.redact("owner: alice@example.com, maxOutputTokens=512"));
    }

    @Test
    void aBearerCredentialIsHiddenWhateverTheCaseOfTheWord() {
        assertEquals("authorization: BEAReR ***", Redactor.none().redact("authorization: BEAReR abc123def"));
        assertEquals("bEARER ***", Redactor.none().redact("bEARER abc123def"));
    }

    /**
     * The pre-check that spares most lines the pattern holds for every text the pattern matches in:
     * random texts built from the pieces each alternative needs, and their near misses.
     */
    @Test
    void thePreCheckNeverSkipsATextThePatternMatches() {
        String[] pieces = {"Bearer ", "bEaReR ", "bearer", "Basic ", "basic ", "://", ":", "@", "/", "=", "password", "TOKEN",
                "api-key", "api_key", "APIKEY", "pwd", "Passwd", "secret", "access_token", "x1", "abcdefgh", "Z2F0ZTpodW50", " ", "\t", "me", "."};
        java.util.Random random = new java.util.Random(18);
        int matched = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(8); k >= 0; k--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String t = text.toString();
            if (Redactor.SHAPED.matcher(t).find()) {
                matched++;
                assertTrue(Redactor.mayHoldShaped(t), () -> "the pre-check skips \"" + t + "\"");
            }
        }
        assertTrue(matched > 1_000, "only " + matched + " texts matched: the test proves little");
    }

    @Test
    void theWriterFindsASecretSplitAcrossWrites() throws IOException {
        StringWriter out = new StringWriter();
        try (Writer w = Redactor.of("s3cret-token").wrap(out)) {
            w.write("line one s3cr");
            w.write("et-token end\nsecond ");
            w.write("line\nunfinished s3cret-token");
        }
        assertEquals("line one *** end\nsecond line\nunfinished ***", out.toString());
    }

    @Test
    void theWriterFindsASecretSplitAcrossCharArrayWrites() throws IOException {
        StringWriter out = new StringWriter();
        char[] text = "line one s3cret-token end\nsecond line\n\nunfinished s3cret-token".toCharArray();
        try (Writer w = Redactor.of("s3cret-token").wrap(out)) {
            for (int off = 0; off < text.length; off += 7) {
                w.write(text, off, Math.min(7, text.length - off));
            }
        }
        assertEquals("line one *** end\nsecond line\n\nunfinished ***", out.toString());
    }

    @Test
    void noSecretsIsTheSharedNone() {
        assertSame(Redactor.none(), Redactor.of((String) null));
        assertEquals(Redactor.none().redact("x"), "x");
    }
}
