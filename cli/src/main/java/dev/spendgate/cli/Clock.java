package dev.spendgate.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Parses {@code --now}: an ISO-8601 instant or a date (midnight UTC). Absent: the system clock. */
final class Clock {

    private Clock() {
    }

    static Instant parse(String text) throws UsageException {
        if (text == null) {
            return Instant.now();
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notInstant) {
            try {
                return java.time.OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException notOffset) {
                try {
                    return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notDate) {
                    throw new UsageException("--now: '" + text + "' is not an instant (use 2026-11-22T12:00:00Z or 2026-11-22)");
                }
            }
        }
    }
}
