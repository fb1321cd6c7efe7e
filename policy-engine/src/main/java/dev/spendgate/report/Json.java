package dev.spendgate.report;

import dev.spendgate.cost.Estimate;
import dev.spendgate.cost.Saving;
import dev.spendgate.cost.EstimateItem;
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
                if (out instanceof Writer w) {
                    w.write(buf, off, len); // no CharBuffer turned into a String on the way
                } else {
                    out.append(java.nio.CharBuffer.wrap(buf, off, len));
                }
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

    /**
     * A priced alternative: {@code alternative} (in words), {@code current} (the estimate as
     * declared), {@code cost} (with the alternative), {@code saves}, {@code percent} (of current),
     * {@code currency}, {@code arithmetic} (the changed items with their formulas).
     */
    public static void saving(JsonGenerator g, Saving s) {
        g.writeStartObject()
                .write("alternative", s.alternative())
                .write("current", s.current())
                .write("cost", s.cost())
                .write("saves", s.saves())
                .write("percent", s.percent())
                .write("currency", s.currency())
                .write("arithmetic", s.arithmetic())
                .writeEnd();
    }

    /** {@code "estimate"}: a manifest's itemised pre-run estimate, as the gate and estimate reports write it. */
    public static void estimate(JsonGenerator g, Estimate e) {
        g.writeStartObject("estimate");
        g.write("total", e.total());
        g.write("currency", e.currency());
        g.write("days", e.days());
        g.write("basis", e.basis());
        g.write("complete", e.complete());
        g.writeStartArray("unpriced");
        e.unpriced().forEach(g::write);
        g.writeEnd();
        g.writeStartArray("items");
        for (EstimateItem i : e.items()) {
            g.writeStartObject()
                    .write("kind", i.kind())
                    .write("label", i.label())
                    .write("formula", i.formula())
                    .write("quantity", i.quantity())
                    .write("unit", i.unit())
                    .write("rate", i.rate())
                    .write("amount", i.amount())
                    .write("path", i.path())
                    .writeEnd();
        }
        g.writeEnd();
        g.writeEnd();
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
