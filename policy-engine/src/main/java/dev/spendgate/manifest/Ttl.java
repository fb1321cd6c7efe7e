package dev.spendgate.manifest;

import java.time.Duration;
import java.util.Objects;

/** A time-to-live as written ({@code 36h}, {@code 3d}, {@code 2w}) and as a duration. */
public record Ttl(String text, Duration duration) {

    public Ttl {
        Objects.requireNonNull(text, "text == null");
        Objects.requireNonNull(duration, "duration == null");
    }

    public double hours() {
        return duration.toMinutes() / 60.0;
    }
}
