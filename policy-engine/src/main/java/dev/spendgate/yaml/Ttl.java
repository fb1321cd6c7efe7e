package dev.spendgate.yaml;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.Objects;

/**
 * A duration as written ({@code 36h}, {@code 3d}, {@code 2w}) and as a duration: a manifest's
 * time-to-live, or a policy parameter such as {@code expiry.maxTtl} and {@code liveSpend.maxStaleness}.
 */
public record Ttl(String text, Duration duration) {

    public Ttl {
        Objects.requireNonNull(text, "text == null");
        Objects.requireNonNull(duration, "duration == null");
    }

    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);

    /** In hours, exact for whole seconds, without trailing zeros ({@code 36h} is 36, {@code 2w} 336). */
    public BigDecimal hours() {
        BigDecimal h = BigDecimal.valueOf(duration.toSeconds()).divide(SECONDS_PER_HOUR, MathContext.DECIMAL64)
                .stripTrailingZeros();
        return h.scale() < 0 ? h.setScale(0) : h;
    }
}
