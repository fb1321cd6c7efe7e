package dev.spendgate.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a report goes: {@code --output FILE} or standard output, streamed either way. */
final class Output {

    private Output() {
    }

    /** A renderer's target; write the whole report, then call {@link Target#close()}. */
    interface Target extends AutoCloseable {
        Appendable appendable();

        @Override
        void close() throws IOException;
    }

    static Target open(Path file, PrintWriter out) throws IOException {
        return open(file, out, dev.spendgate.input.Redactor.none());
    }

    /** As above; a file gets its text through {@code redactor} (standard output already does). */
    static Target open(Path file, PrintWriter out, dev.spendgate.input.Redactor redactor) throws IOException {
        if (file == null) {
            return new Target() {
                @Override
                public Appendable appendable() {
                    return out;
                }

                @Override
                public void close() {
                    out.flush();
                }
            };
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Writer writer = redactor.wrap(new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16));
        return new Target() {
            @Override
            public Appendable appendable() {
                return writer;
            }

            @Override
            public void close() throws IOException {
                writer.close();
            }
        };
    }

    static void write(String text, Path file, PrintWriter out) throws IOException {
        try (Target t = open(file, out)) {
            t.appendable().append(text);
        }
    }
}
