package dev.spendgate.alert;

import java.util.List;

/**
 * What a watch run hands one channel.
 *
 * @param changes the alerts to send: new, escalated, repeated and resolved ones, in report order
 * @param open    every alert routed to this channel that is open after this run (sent or not), for
 *                channels that show the whole state at once (a GitHub issue per team)
 */
public record Batch(List<Alert> changes, List<Alert> open) {

    public Batch {
        changes = List.copyOf(changes);
        open = List.copyOf(open);
    }
}
