package dev.spendgate.report;

import dev.spendgate.spend.Forecast;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;

import java.io.Writer;
import java.math.BigDecimal;
import java.util.Map;

/**
 * One pretty-printing JSON generator factory, created once (provider lookup is not free), and the
 * values more than one report writes; shared by the report renderers of every package.
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

    /** {@code "key": value}, or {@code "key": null}. */
    public static void nullable(JsonGenerator g, String key, String value) {
        if (value == null) {
            g.writeNull(key);
        } else {
            g.write(key, value);
        }
    }

    /** {@code "key": value}, or {@code "key": null}. */
    public static void nullable(JsonGenerator g, String key, BigDecimal value) {
        if (value == null) {
            g.writeNull(key);
        } else {
            g.write(key, value);
        }
    }

    /** {@code "forecast"}: a manifest's run-rate forecast and its method, or null when it has none. */
    public static void forecast(JsonGenerator g, Forecast f) {
        if (f == null) {
            g.writeNull("forecast");
        } else {
            g.writeStartObject("forecast").write("amount", f.amount()).write("end", f.end().toString())
                    .write("runRate", f.runRate()).write("basisDays", f.basisDays()).write("daysLeft", f.daysLeft())
                    .write("method", f.method()).writeEnd();
        }
    }
}
