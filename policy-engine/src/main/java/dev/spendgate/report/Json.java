package dev.spendgate.report;

import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;

import java.io.Writer;
import java.util.Map;

/**
 * One pretty-printing JSON generator factory, created once (provider lookup is not free); shared
 * by the report renderers of every package.
 */
public final class Json {

    private static final JsonGeneratorFactory PRETTY = JsonProvider.provider()
            .createGeneratorFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));

    private Json() {
    }

    /** A pretty-printing generator writing to {@code out}. */
    public static JsonGenerator generator(Writer out) {
        return PRETTY.createGenerator(out);
    }

    /**
     * {@code out} as a Writer that the generator may close without closing {@code out}: reports
     * stream to their destination instead of being built in memory first.
     */
    public static Writer writer(Appendable out) {
        return new Writer() {
            @Override
            public void write(char[] buf, int off, int len) throws java.io.IOException {
                out.append(java.nio.CharBuffer.wrap(buf, off, len));
            }

            @Override
            public void write(String str, int off, int len) throws java.io.IOException {
                out.append(str, off, off + len);
            }

            @Override
            public void flush() throws java.io.IOException {
                if (out instanceof java.io.Flushable f) {
                    f.flush();
                }
            }

            @Override
            public void close() throws java.io.IOException {
                flush();
            }
        };
    }
}
