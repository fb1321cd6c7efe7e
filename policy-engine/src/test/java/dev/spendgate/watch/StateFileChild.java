package dev.spendgate.watch;

import dev.spendgate.alert.Alert;
import dev.spendgate.alert.AlertStatus;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A second process for {@link StateFileTest}: {@code hold FILE} takes the lock and sleeps;
 * {@code write FILE} saves a growing state over and over until it is killed.
 */
public final class StateFileChild {

    private StateFileChild() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        try (StateFile f = StateFile.open(file, file.getFileName().toString(), Duration.ofSeconds(30))) {
            System.out.println("locked");
            System.out.flush();
            if (args[0].equals("hold")) {
                Thread.sleep(60_000);
                return;
            }
            Instant t = Instant.parse("2026-11-22T12:00:00Z");
            for (int i = 0; ; i++) {
                String name = "manifest-" + i;
                f.state().delivered("slack", new Alert(Alert.fingerprint(name, "SG-SPD-001", "advisory"), AlertStatus.NEW,
                        name, "manifests/" + name + ".yaml", 7, "growth-ml", "production", null, "SG-SPD-001",
                        "Live spend nearing the budget", "advisory", "x".repeat(400), Map.of("spent", "1.00"), t, null), t);
                f.save();
                if (i == 0) {
                    System.out.println("saved");
                    System.out.flush();
                }
            }
        }
    }
}
