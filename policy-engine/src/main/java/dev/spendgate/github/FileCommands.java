package dev.spendgate.github;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The runner's environment files: outputs to {@code $GITHUB_OUTPUT} in the heredoc form with a
 * random delimiter, and Markdown appended to {@code $GITHUB_STEP_SUMMARY} within its 1 MiB limit.
 */
public final class FileCommands {

    /** The runner drops a step summary above 1 MiB; stay clearly below it. */
    public static final int SUMMARY_LIMIT = 1_000_000;

    private final Supplier<String> delimiters;

    public FileCommands() {
        this(() -> "ghadelimiter_" + UUID.randomUUID());
    }

    /** @param delimiters makes each heredoc delimiter (tests fix it; runs use random UUIDs) */
    public FileCommands(Supplier<String> delimiters) {
        this.delimiters = Objects.requireNonNull(delimiters, "delimiters == null");
    }

    /** Appends {@code name<<D\nvalue\nD\n} to the outputs file. */
    public void setOutput(Path file, String name, String value) throws IOException {
        String delimiter = delimiters.get();
        if (name.contains(delimiter) || value.contains(delimiter)) {
            throw new IllegalArgumentException("output " + name + ": the value contains the delimiter " + delimiter);
        }
        append(file, name + "<<" + delimiter + "\n" + value + "\n" + delimiter + "\n");
    }

    /**
     * Appends {@code markdown} to the step summary, cut at a line boundary with a note when the file
     * would pass {@link #SUMMARY_LIMIT} bytes.
     *
     * @return true when everything fit
     */
    public boolean appendSummary(Path file, String markdown) throws IOException {
        long already = Files.exists(file) ? Files.size(file) : 0;
        byte[] bytes = markdown.getBytes(StandardCharsets.UTF_8);
        if (already + bytes.length <= SUMMARY_LIMIT) {
            append(file, markdown);
            return true;
        }
        String note = "\n\n_The spendgate report was cut here to stay within the step summary's 1 MiB limit; "
                + "the full report is in the job log and the report file._\n";
        long room = SUMMARY_LIMIT - already - note.getBytes(StandardCharsets.UTF_8).length;
        append(file, cut(markdown, room) + note);
        return false;
    }

    /** The longest run of whole lines of {@code text} that fits in {@code bytes} UTF-8 bytes. */
    static String cut(String text, long bytes) {
        if (bytes <= 0) {
            return "";
        }
        int end = 0;
        long size = 0;
        int i = 0;
        while (i < text.length()) {
            int next = text.indexOf('\n', i);
            next = next < 0 ? text.length() : next + 1;
            long lineBytes = text.substring(i, next).getBytes(StandardCharsets.UTF_8).length;
            if (size + lineBytes > bytes) {
                break;
            }
            size += lineBytes;
            end = next;
            i = next;
        }
        return text.substring(0, end);
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
    }
}
