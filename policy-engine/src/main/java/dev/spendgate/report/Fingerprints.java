package dev.spendgate.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A finding's identity across runs and files: its manifest's name, rule id and JSON pointer. Moving a
 * manifest to another file, or lines within it, keeps the fingerprint; so code scanning and GitLab
 * track one alert, not a new one per edit.
 */
public final class Fingerprints {

    private Fingerprints() {
    }

    /** 32 hex characters of SHA-256 over {@code manifest}, {@code rule} and {@code path}. */
    public static String of(String manifest, String rule, String path) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((manifest + '\u0000' + rule + '\u0000' + path).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
