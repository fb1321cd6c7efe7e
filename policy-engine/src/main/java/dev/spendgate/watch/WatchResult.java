package dev.spendgate.watch;

import dev.spendgate.alert.Alert;
import dev.spendgate.alert.Delivery;

import java.util.List;
import java.util.Objects;

/**
 * What a watch run did: its alerts, each channel's deliveries (or previews, for a dry run), the
 * alerts no route matched, and the alerts forgotten because their channel is no longer defined.
 */
public record WatchResult(List<Watch.Routed> alerts, List<ChannelRun> channels, List<Alert> unrouted,
                          List<String> forgotten, boolean dryRun) {

    /**
     * One channel's part of the run.
     *
     * @param open       alerts routed to it that hold now
     * @param quiet      of those, how many were sent before and are not due again yet
     * @param deliveries what became of each change (empty for a dry run or when nothing changed)
     * @param previews   for a dry run, the requests it would send
     */
    public record ChannelRun(String name, String type, int open, int quiet, List<Delivery> deliveries,
                             List<String> previews) {

        public ChannelRun {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(type, "type == null");
            deliveries = List.copyOf(deliveries);
            previews = List.copyOf(previews);
        }

        /** How many of its deliveries have {@code outcome}. */
        public long count(Delivery.Outcome outcome) {
            return deliveries.stream().filter(d -> d.outcome() == outcome).count();
        }
    }

    public WatchResult {
        alerts = List.copyOf(alerts);
        channels = List.copyOf(channels);
        unrouted = List.copyOf(unrouted);
        forgotten = List.copyOf(forgotten);
    }

    /** True when some alert could not be delivered: the run exits 4 and the next one tries again. */
    public boolean failed() {
        return channels.stream().anyMatch(c -> c.count(Delivery.Outcome.FAILED) > 0);
    }

    /** How many deliveries of the whole run have {@code outcome}. */
    public long count(Delivery.Outcome outcome) {
        return channels.stream().mapToLong(c -> c.count(outcome)).sum();
    }
}
