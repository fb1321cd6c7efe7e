package dev.spendgate.alert;

import dev.spendgate.input.SourceLocation;

import dev.spendgate.policy.ChannelConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Alerts, configurations and options the channel tests share. */
final class Alerts {

    static final Instant AT = Instant.parse("2026-05-04T06:00:00Z");
    static final SourceLocation WHERE = new SourceLocation("policies/policy-set.yaml", 14, 5);

    private Alerts() {
    }

    /** A burn alert of {@code manifest}, hard-mandatory, owned by an address. */
    static Alert burn(String manifest, AlertStatus status) {
        return alert(manifest, "SG-SPD-001", "hard-mandatory", status, "payments", "jane@example.com");
    }

    static Alert alert(String manifest, String rule, String level, AlertStatus status, String team, String owner) {
        Map<String, String> numbers = new LinkedHashMap<>();
        numbers.put("spent", "812.40");
        numbers.put("budget", "1000.00");
        numbers.put("share", "81 %");
        numbers.put("currency", "USD");
        return new Alert(Alert.fingerprint(manifest, rule, level), status, manifest, "manifests/" + manifest + ".yaml", 12,
                team, "prod", owner, rule, "Burn past the warning threshold", level,
                manifest + " has spent 812.40 USD of its 1000.00 USD budget (81 %)", numbers, AT,
                "https://ci.example.com/runs/42");
    }

    static Batch batch(Alert... changes) {
        List<Alert> open = new ArrayList<>();
        for (Alert a : changes) {
            if (!a.resolved()) {
                open.add(a);
            }
        }
        return new Batch(List.of(changes), open);
    }

    static ChannelConfig config(String name, String type, Object... keyValues) {
        Map<String, Object> settings = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            settings.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new ChannelConfig(name, type, settings, WHERE);
    }

    /** Options of a test: short timeouts, 3 attempts, a 5 ms first backoff, the waits recorded. */
    static ChannelOptions options(List<Duration> waits) {
        return ChannelOptions.defaults().withTimeout(Duration.ofSeconds(5)).withBackoff(Duration.ofMillis(5))
                .withClock(java.time.Clock.fixed(AT, java.time.ZoneOffset.UTC))
                .withSleeper(waits::add);
    }
}
