package dev.spendgate.policy;

import dev.spendgate.input.SourceMap;

import java.time.LocalDate;
import java.util.Objects;

/**
 * An approved exception: rule {@code rule} does not block manifests matching {@code manifest} (a
 * name or a glob with {@code *} and {@code ?}) until the end of the day {@code expires} (UTC).
 * {@code created} ({@code metadata.created}) is null when the waiver does not say.
 */
public record Waiver(
        String name,
        String rule,
        String manifest,
        String reason,
        String approver,
        String ticket,
        LocalDate expires,
        LocalDate created,
        SourceMap locations) {

    public Waiver {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(rule, "rule == null");
        Objects.requireNonNull(manifest, "manifest == null");
        Objects.requireNonNull(reason, "reason == null");
        Objects.requireNonNull(approver, "approver == null");
        Objects.requireNonNull(expires, "expires == null");
        Objects.requireNonNull(locations, "locations == null");
    }
}
