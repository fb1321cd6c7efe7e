package dev.spendgate.engine.opa;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.spendgate.engine.EngineException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.ByteArrayInputStream;
import java.util.List;

/**
 * Fuzz tests of what an OPA server answers: the decision reader, and the check of the modules it
 * serves. Malformed JSON is turned into an engine failure by the client (as {@link OpaClient}
 * does); anything else must end in a decision or an {@link EngineException}, never in another
 * exception. Corpus: {@code src/test/resources/dev/spendgate/engine/opa/DecisionFuzzTestInputs/}.
 */
class DecisionFuzzTest {

    /** The answer as the client reads it; null when it is not a JSON object (the client's own failure). */
    private static JsonObject answer(byte[] data) {
        try (JsonReader r = Json.createReader(new ByteArrayInputStream(data))) {
            return r.readObject();
        } catch (JsonException | IllegalStateException | NumberFormatException | ArithmeticException notJson) {
            return null;
        }
    }

    @FuzzTest(maxDuration = "30s")
    void decision(byte[] data) {
        JsonObject answer = answer(data);
        if (answer == null) {
            return;
        }
        try {
            DecisionReader.read(answer, "OPA at http://127.0.0.1:8181 (spendgate/decision)").detections()
                    .forEach(Object::toString);
        } catch (EngineException expected) {
            expected.getMessage().length();
        }
    }

    @FuzzTest(maxDuration = "30s")
    void servedModules(byte[] data) {
        JsonObject answer = answer(data);
        if (answer == null) {
            return;
        }
        try {
            ServedModules.check(answer, List.of(TinyPack.load()), null, "OPA at http://127.0.0.1:8181");
        } catch (EngineException expected) {
            expected.getMessage().length();
        }
    }
}
