package dev.spendgate.alert;

import java.util.Objects;

/**
 * What became of one alert on one channel.
 *
 * @param detail one line for the delivery summary: the answer ("202 Accepted", "issue #12 updated"),
 *               the failure ("429 Too Many Requests after 3 attempts"), or why it does not apply;
 *               never a secret
 */
public record Delivery(Alert alert, Outcome outcome, String detail) {

    /** Whether the alert reached the channel. */
    public enum Outcome {
        /** The channel accepted it: the state store marks it sent. */
        DELIVERED,
        /** It could not be delivered (after retries): not marked sent, so the next run tries again. */
        FAILED,
        /** The channel cannot take it (an e-mail channel and an owner that is not an address). */
        NOT_APPLICABLE
    }

    public Delivery {
        Objects.requireNonNull(alert, "alert == null");
        Objects.requireNonNull(outcome, "outcome == null");
        Objects.requireNonNull(detail, "detail == null");
    }
}
