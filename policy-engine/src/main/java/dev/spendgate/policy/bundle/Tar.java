package dev.spendgate.policy.bundle;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal POSIX ustar writer: regular files only, fixed owner, mode and time, so the same files
 * give the same bytes. Enough for an OPA bundle; not a general archiver.
 */
final class Tar implements AutoCloseable {

    private static final int BLOCK = 512;

    private final OutputStream out;

    Tar(OutputStream out) {
        this.out = out;
    }

    /** Adds a regular file; {@code name} is a relative path with {@code /} separators. */
    void add(String name, byte[] content) throws IOException {
        byte[] header = new byte[BLOCK];
        String[] split = split(name);
        put(header, 0, 100, split[1]);
        octal(header, 100, 8, 0644);
        octal(header, 108, 8, 0);
        octal(header, 116, 8, 0);
        octal(header, 124, 12, content.length);
        octal(header, 136, 12, 0);
        header[156] = '0';
        put(header, 257, 6, "ustar");
        header[263] = '0';
        header[264] = '0';
        put(header, 345, 155, split[0]);
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        octal(header, 148, 7, sum);
        header[155] = ' ';
        out.write(header);
        out.write(content);
        int pad = (BLOCK - content.length % BLOCK) % BLOCK;
        out.write(new byte[pad]);
    }

    /** Writes the two empty blocks that end an archive; does not close the stream. */
    @Override
    public void close() throws IOException {
        out.write(new byte[2 * BLOCK]);
        out.flush();
    }

    /** {prefix, name}: names longer than 100 bytes are split at a slash into the ustar prefix. */
    private static String[] split(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= 100) {
            return new String[] {"", name};
        }
        for (int i = name.indexOf('/'); i >= 0; i = name.indexOf('/', i + 1)) {
            String prefix = name.substring(0, i);
            String rest = name.substring(i + 1);
            if (prefix.getBytes(StandardCharsets.UTF_8).length <= 155 && rest.getBytes(StandardCharsets.UTF_8).length <= 100) {
                return new String[] {prefix, rest};
            }
        }
        throw new IllegalArgumentException(name + ": path too long for a tar entry");
    }

    private static void put(byte[] header, int at, int length, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, header, at, Math.min(bytes.length, length));
    }

    /** {@code value} in octal, zero-padded to {@code length - 1} digits and NUL-terminated. */
    private static void octal(byte[] header, int at, int length, long value) {
        String digits = Long.toOctalString(value);
        if (digits.length() > length - 1) {
            throw new IllegalArgumentException("value " + value + " does not fit a tar header field");
        }
        put(header, at, length - 1, "0".repeat(length - 1 - digits.length()) + digits);
        header[at + length - 1] = 0;
    }
}
