package dev.spendgate.watch;

import dev.spendgate.alert.Alert;
import dev.spendgate.error.ExitCodes;
import dev.spendgate.error.InvalidInputException;
import dev.spendgate.policy.Enforcement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The state file: read back as written, byte for byte, and never silently reset when corrupt. */
class AlertStateTest {

    @TempDir
    Path dir;

    @Test
    void aStateReadsBackAsWrittenAndTheSameStateIsTheSameBytes() throws Exception {
        AlertState s = AlertState.empty();
        Alert a = WatchTest.alert("churn-ft", "SG-SPD-001", Enforcement.ADVISORY, WatchTest.T0);
        s.delivered("slack", a, WatchTest.T0);
        s.delivered("slack", a, WatchTest.T0.plus(Duration.ofDays(1)));
        s.delivered("pager", WatchTest.alert("llama", "SG-SPD-006", Enforcement.HARD_MANDATORY, WatchTest.T0),
                WatchTest.T0);
        Path file = dir.resolve("state.json");
        Files.writeString(file, s.toJson());
        AlertState back = AlertState.read(file, "state.json");
        assertEquals(s.toJson(), back.toJson());
        AlertState.Sent sent = back.get(a.fingerprint(), "slack");
        assertEquals(WatchTest.T0, sent.firstSent());
        assertEquals(WatchTest.T0.plus(Duration.ofDays(1)), sent.lastSent());
        assertEquals(a, sent.alert());
        assertEquals(List.of("pager", "slack"), back.entries().stream().map(AlertState.Sent::channel).toList());
    }

    @Test
    void anAbsentFileIsAnEmptyState() throws Exception {
        assertTrue(AlertState.read(dir.resolve("none.json"), "none.json").entries().isEmpty());
    }

    @Test
    void brokenJsonIsAnInputErrorAtItsLineAndColumn() throws Exception {
        Path file = dir.resolve("state.json");
        Files.writeString(file, "{\n  \"version\": 1,\n  \"sent\": [\n    {\"channel\": \"slack\",, }\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> AlertState.read(file, "state.json"));
        assertEquals(3, ExitCodes.of(e));
        String problem = e.problems().get(0).toString();
        assertTrue(problem.startsWith("state.json:4:25: alert state: not valid JSON"), problem);
    }

    @Test
    void aTruncatedFileIsAnInputErrorNotAnEmptyState() throws Exception {
        AlertState s = AlertState.empty();
        s.delivered("slack", WatchTest.alert("churn-ft", "SG-SPD-001", Enforcement.ADVISORY, WatchTest.T0), WatchTest.T0);
        String json = s.toJson();
        Path file = dir.resolve("state.json");
        Files.writeString(file, json.substring(0, json.length() / 2));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> AlertState.read(file, "state.json"));
        assertTrue(e.problems().get(0).toString().contains("alert state: not valid JSON"), e.problems().toString());
    }

    @Test
    void anotherVersionOrShapeIsAnInputError() throws Exception {
        Path file = dir.resolve("state.json");
        Files.writeString(file, "{\"version\": 2, \"sent\": []}\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> AlertState.read(file, "state.json"));
        assertEquals("state.json:1:1: alert state: not a spendgate alert state file: \"version\" must be 1 (a state "
                + "file written by another spendgate version; move it away to start afresh)", e.problems().get(0).toString());
        Files.writeString(file, "{\"version\": 1, \"sent\": [{\"channel\": \"slack\"}]}\n");
        e = assertThrows(InvalidInputException.class, () -> AlertState.read(file, "state.json"));
        assertEquals("state.json:1:1: alert state: not a spendgate alert state file: sent[0].alert is missing",
                e.problems().get(0).toString());
        Files.writeString(file, "[]\n");
        assertThrows(InvalidInputException.class, () -> AlertState.read(file, "state.json"));
    }
}
