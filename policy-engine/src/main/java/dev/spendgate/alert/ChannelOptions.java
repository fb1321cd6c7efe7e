package dev.spendgate.alert;

import dev.spendgate.http.Rest;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How channels talk to their services, the same for every channel of a run: the timeout of one
 * request, how often a delivery is tried, the first wait between tries (it doubles), the longest
 * {@code Retry-After} a run waits for, and the clock and sleeper (tests fix both).
 *
 * @param maxRetryAfter a 429 asking for a longer wait is not retried in this run: the alert stays
 *                      unsent and the next run tries again
 */
public record ChannelOptions(Duration timeout, int attempts, Duration backoff, Duration maxRetryAfter, Clock clock,
                             Sleeper sleeper) {

    /** Waits between tries. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration wait);
    }

    public ChannelOptions {
        Objects.requireNonNull(timeout, "timeout == null");
        Objects.requireNonNull(backoff, "backoff == null");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter == null");
        Objects.requireNonNull(clock, "clock == null");
        Objects.requireNonNull(sleeper, "sleeper == null");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts < 1: " + attempts);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    /** 10 s per request, 3 attempts, 1 s first backoff, Retry-After honoured up to 60 s, the system clock. */
    public static ChannelOptions defaults() {
        return new ChannelOptions(Duration.ofSeconds(10), 3, Duration.ofSeconds(1), Duration.ofSeconds(60),
                Clock.systemUTC(), wait -> Rest.sleep(wait.toMillis()));
    }

    public ChannelOptions withTimeout(Duration value) {
        return new ChannelOptions(value, attempts, backoff, maxRetryAfter, clock, sleeper);
    }

    public ChannelOptions withAttempts(int value) {
        return new ChannelOptions(timeout, value, backoff, maxRetryAfter, clock, sleeper);
    }

    public ChannelOptions withBackoff(Duration value) {
        return new ChannelOptions(timeout, attempts, value, maxRetryAfter, clock, sleeper);
    }

    public ChannelOptions withMaxRetryAfter(Duration value) {
        return new ChannelOptions(timeout, attempts, backoff, value, clock, sleeper);
    }

    public ChannelOptions withClock(Clock value) {
        return new ChannelOptions(timeout, attempts, backoff, maxRetryAfter, value, sleeper);
    }

    public ChannelOptions withSleeper(Sleeper value) {
        return new ChannelOptions(timeout, attempts, backoff, maxRetryAfter, clock, value);
    }
}
