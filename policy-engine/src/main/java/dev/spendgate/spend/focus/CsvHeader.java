package dev.spendgate.spend.focus;

import dev.spendgate.spend.SpendException;
import dev.spendgate.yaml.Utf8;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The header line of a CSV export: the column names, in order. Read here rather than sniffed, so
 * that bad rows further down cannot change what the columns are.
 */
final class CsvHeader {

    /** Longer header lines are not a FOCUS export. */
    static final int MAX_HEADER_BYTES = 64 * 1024;

    private CsvHeader() {
    }

    static List<String> read(Path path, String display) throws SpendException {
        byte[] head;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(path))) {
            raw.mark(2);
            int b1 = raw.read();
            int b2 = raw.read();
            raw.reset();
            InputStream in = b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(raw) : raw;
            head = readLine(in);
        } catch (IOException e) {
            throw new SpendException("spend_unreadable", display + ": cannot be read: " + e.getMessage(), e);
        }
        if (head == null) {
            throw new SpendException("spend_unreadable", display + ":1: not a FOCUS export: the file is empty");
        }
        String line = Utf8.decode(head).orElseThrow(() -> new SpendException("spend_unreadable",
                display + ":1: not a CSV file: the header is not UTF-8 text"));
        if (line.startsWith("\uFEFF")) {
            line = line.substring(1);
        }
        List<String> names = split(line);
        if (names == null) {
            throw new SpendException("spend_unreadable", display + ":1: not a CSV file: the header has an unclosed quote");
        }
        return names;
    }

    /** The bytes of the first line without its end, or null for an empty file. */
    private static byte[] readLine(InputStream in) throws IOException, SpendException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (out.size() >= MAX_HEADER_BYTES) {
                throw new SpendException("spend_unreadable", "not a FOCUS export: the first line is longer than "
                        + MAX_HEADER_BYTES + " bytes");
            }
            out.write(c);
        }
        if (c == -1 && out.size() == 0) {
            return null;
        }
        byte[] b = out.toByteArray();
        int n = b.length;
        if (n > 0 && b[n - 1] == '\r') {
            n--;
        }
        return java.util.Arrays.copyOf(b, n);
    }

    /** RFC 4180 fields of one line, trimmed; null when a quote is not closed. */
    static List<String> split(String line) {
        List<String> fields = fields(line);
        return fields == null ? null : fields.stream().map(String::strip).toList();
    }

    /** RFC 4180 fields of one line as written (unquoted, spaces kept); null when a quote is not closed. */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        if (quoted) {
            return null;
        }
        out.add(field.toString());
        return out;
    }
}
