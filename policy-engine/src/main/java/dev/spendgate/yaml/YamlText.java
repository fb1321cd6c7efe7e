package dev.spendgate.yaml;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The text of a YAML stream, decoded as YAML 1.2 (section 5.2) requires: UTF-8, UTF-16 or UTF-32,
 * big- or little-endian, with or without a byte order mark, told apart by the first bytes. Strict:
 * bytes that are not well-formed in the detected encoding are an error, never replaced, and a NUL
 * character in the decoded text marks a binary file.
 */
public final class YamlText {

    private static final Charset UTF_32BE = Charset.forName("UTF-32BE");
    private static final Charset UTF_32LE = Charset.forName("UTF-32LE");

    /** The decoded text and the encoding it was in; or, when it cannot be decoded, why. */
    public record Decoded(String text, String encoding, String error) {

        public boolean ok() {
            return error == null;
        }
    }

    private YamlText() {
    }

    /** {@code bytes} decoded, without a byte order mark. */
    public static Decoded decode(byte[] bytes) {
        Charset charset = detect(bytes);
        if (charset == StandardCharsets.UTF_8) {
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == 0) {
                    return new Decoded(null, charset.name(), "binary file (NUL byte at offset " + i + "), expected YAML text");
                }
            }
        }
        int bom = bomLength(bytes, charset);
        Optional<String> text = decode(bytes, bom, charset);
        if (text.isEmpty()) {
            return new Decoded(null, charset.name(), charset == StandardCharsets.UTF_8
                    ? "not UTF-8 text" : "not well-formed " + charset.name() + " text");
        }
        String s = text.get();
        int nul = s.indexOf('\0');
        if (nul >= 0) {
            return new Decoded(null, charset.name(), "binary file (NUL character at offset " + nul + " of the "
                    + charset.name() + " text), expected YAML text");
        }
        return new Decoded(s, charset.name(), null);
    }

    /** The encoding of YAML 1.2's table: the byte order mark, else the pattern of NUL bytes. */
    static Charset detect(byte[] b) {
        int n = b.length;
        if (n >= 4 && b[0] == 0 && b[1] == 0 && (b[2] & 0xff) == 0xFE && (b[3] & 0xff) == 0xFF) {
            return UTF_32BE;
        }
        if (n >= 4 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE && b[2] == 0 && b[3] == 0) {
            return UTF_32LE;
        }
        if (n >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        if (n >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        if (n >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] != 0) {
            return UTF_32BE;
        }
        if (n >= 4 && b[0] != 0 && b[1] == 0 && b[2] == 0 && b[3] == 0) {
            return UTF_32LE;
        }
        if (n >= 2 && b[0] == 0 && b[1] != 0) {
            return StandardCharsets.UTF_16BE;
        }
        if (n >= 2 && b[0] != 0 && b[1] == 0) {
            return StandardCharsets.UTF_16LE;
        }
        return StandardCharsets.UTF_8;
    }

    private static int bomLength(byte[] b, Charset charset) {
        if (charset == UTF_32BE || charset == UTF_32LE) {
            return b.length >= 4 && (b[0] == 0 && b[1] == 0 && (b[2] & 0xff) == 0xFE
                    || (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) ? 4 : 0;
        }
        if (charset == StandardCharsets.UTF_16BE || charset == StandardCharsets.UTF_16LE) {
            return (b[0] & 0xff) == 0xFE || (b[0] & 0xff) == 0xFF ? 2 : 0;
        }
        return b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF ? 3 : 0;
    }

    private static Optional<String> decode(byte[] bytes, int offset, Charset charset) {
        try {
            return Optional.of(charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
