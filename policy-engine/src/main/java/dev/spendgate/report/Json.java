package dev.spendgate.report;

import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;

import java.io.Writer;
import java.util.Map;

/** One pretty-printing JSON generator factory, created once (provider lookup is not free). */
final class Json {

    private static final JsonGeneratorFactory PRETTY = JsonProvider.provider()
            .createGeneratorFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));

    private Json() {
    }

    static JsonGenerator generator(Writer out) {
        return PRETTY.createGenerator(out);
    }
}
