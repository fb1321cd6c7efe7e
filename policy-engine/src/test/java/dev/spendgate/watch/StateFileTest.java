package dev.spendgate.watch;

import dev.spendgate.error.ExitCodes;
import dev.spendgate.error.SpendgateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The state file between processes: a second run waits for the lock and gives up with exit 4;
 * a run killed (SIGKILL) while it writes leaves a state file that reads, never half of one.
 */
class StateFileTest {

    @TempDir
    Path dir;

    private static Process child(String mode, Path file, String... lines) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                StateFileChild.class.getName(), mode, file.toString()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("locked", out.readLine());
        for (String line : lines) {
            assertEquals(line, out.readLine());
        }
        return p;
    }

    @Test
    void anotherRunHoldingTheLockMakesThisOneGiveUpWithExit4() throws Exception {
        Path file = dir.resolve("state.json");
        Process holder = child("hold", file);
        try {
            SpendgateException e = assertThrows(SpendgateException.class,
                    () -> StateFile.open(file, "state.json", Duration.ofMillis(300)));
            assertEquals(StateFile.LOCKED, e.code());
            assertEquals(4, ExitCodes.of(e));
            assertEquals("state.json: the alert state is locked by another watch run (state.json.lock); waited 0 s",
                    e.getMessage());
        } finally {
            holder.destroyForcibly().waitFor();
        }
        // the lock dies with its process
        try (StateFile f = StateFile.open(file, "state.json", Duration.ofSeconds(5))) {
            assertTrue(f.state().entries().isEmpty());
        }
    }

    @Test
    void aRunKilledWhileWritingLeavesAStateThatReads() throws Exception {
        Path file = dir.resolve("state.json");
        int[] entries = new int[5];
        for (int round = 0; round < entries.length; round++) {
            Process writer = child("write", file, "saved");
            TimeUnit.MILLISECONDS.sleep(50 + 70L * round);
            writer.destroyForcibly();
            assertTrue(writer.waitFor(10, TimeUnit.SECONDS));
            try (StateFile f = StateFile.open(file, "state.json", Duration.ofSeconds(5))) {
                entries[round] = f.state().entries().size();
            }
            assertTrue(entries[round] > 0);
            try (Stream<Path> files = Files.list(dir)) {
                List<String> left = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
                assertEquals(List.of(), left, "opening the state clears what a killed run left half-written");
            }
        }
        // every writer went on from the state the one before left, so the state only grew
        for (int i = 1; i < entries.length; i++) {
            assertTrue(entries[i] >= entries[i - 1], java.util.Arrays.toString(entries));
        }
    }
}
