package dev.spendgate.watch;

import dev.spendgate.alert.Alert;
import dev.spendgate.alert.AlertChannel;
import dev.spendgate.alert.AlertStatus;
import dev.spendgate.alert.Batch;
import dev.spendgate.alert.Delivery;
import dev.spendgate.policy.Alerts;
import dev.spendgate.policy.Enforcement;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a watch run sends, run after run: new alerts once, nothing while they hold and are not due,
 * a repeat after alerts.renotify, an escalation when a manifest's alert rises in level, resolves
 * when they stop holding, and a failed delivery again on the next run.
 */
class WatchTest {

    static final Instant T0 = Instant.parse("2026-11-22T12:00:00Z");

    /** A channel of the test: records each batch and fails the alerts {@code fails} accepts. */
    static final class Recording implements AlertChannel {
        final String name;
        final List<Batch> batches = new ArrayList<>();
        Predicate<Alert> fails = a -> false;

        Recording(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String type() {
            return "test";
        }

        @Override
        public List<Delivery> deliver(Batch batch) {
            batches.add(batch);
            return batch.changes().stream().map(a -> fails.test(a)
                    ? new Delivery(a, Delivery.Outcome.FAILED, "503 Service Unavailable after 3 attempts")
                    : new Delivery(a, Delivery.Outcome.DELIVERED, "200 ok")).toList();
        }

        @Override
        public List<String> preview(Batch batch) {
            return batch.changes().stream().map(a -> "POST test " + a.status().wireName() + " " + a.fingerprint()).toList();
        }

        List<String> last() {
            return batches.get(batches.size() - 1).changes().stream()
                    .map(a -> a.status().wireName() + " " + a.ruleId() + " " + a.manifest()).toList();
        }
    }

    static Alert alert(String manifest, String rule, Enforcement level, Instant at) {
        return new Alert(Alert.fingerprint(manifest, rule, level.wireName()), AlertStatus.NEW, manifest,
                "manifests/" + manifest + ".yaml", 9, "growth-ml", "production", "ana@example.com", rule, "title",
                level.wireName(), rule + " on " + manifest, Map.of("spent", "330.00"), at, null);
    }

    static final Alerts CONFIG = new Alerts(Duration.ofHours(24), Alerts.DEFAULT_ORPHAN_MIN_SPEND,
            Alerts.DEFAULT_UNATTRIBUTED_ABOVE, Enforcement.SOFT_MANDATORY, Map.of(), List.of());

    private final Recording slack = new Recording("slack");
    private final Recording pager = new Recording("pager");
    private final AlertState state = AlertState.empty();
    private int saves;

    private WatchResult run(Instant now, Watch.Routed... alerts) throws Exception {
        Map<String, AlertChannel> channels = new LinkedHashMap<>();
        channels.put("slack", slack);
        channels.put("pager", pager);
        return Watch.run(List.of(alerts), channels, state, () -> saves++, new Watch.Settings(CONFIG, now, null, false));
    }

    private static Watch.Routed routed(Alert a, String... channels) {
        return new Watch.Routed(a, List.of(channels));
    }

    @Test
    void aNewAlertIsSentOnceToItsRoutesOnlyThenQuietUntilRenotify() throws Exception {
        Watch.Routed burn = routed(alert("churn-ft", "SG-SPD-001", Enforcement.ADVISORY, T0), "slack");
        WatchResult first = run(T0, burn);
        assertEquals(List.of("new SG-SPD-001 churn-ft"), slack.last());
        assertEquals(0, pager.batches.size(), "nothing is sent where no route points");
        assertEquals(1, first.count(Delivery.Outcome.DELIVERED));
        assertFalse(first.failed());

        WatchResult second = run(T0, burn);
        assertEquals(1, slack.batches.size(), "the same clock sends nothing again");
        assertEquals(1, second.channels().get(0).quiet());

        run(T0.plus(Duration.ofHours(23)), burn);
        assertEquals(1, slack.batches.size(), "not due before alerts.renotify");
        run(T0.plus(Duration.ofHours(24)), burn);
        assertEquals(List.of("repeat SG-SPD-001 churn-ft"), slack.last());
        assertEquals(T0, state.get(burn.alert().fingerprint(), "slack").firstSent());
        assertEquals(T0.plus(Duration.ofHours(24)), state.get(burn.alert().fingerprint(), "slack").lastSent());
    }

    @Test
    void aHigherLevelForTheSameManifestEscalatesAndTheLowerOneResolves() throws Exception {
        run(T0, routed(alert("churn-ft", "SG-SPD-001", Enforcement.ADVISORY, T0), "slack"));
        run(T0.plusSeconds(3600), routed(alert("churn-ft", "SG-SPD-002", Enforcement.HARD_MANDATORY, T0), "slack"));
        assertEquals(List.of("escalated SG-SPD-002 churn-ft", "resolved SG-SPD-001 churn-ft"), slack.last());
        assertEquals(Set.of("churn-ft|SG-SPD-002|hard-mandatory"),
                Set.copyOf(state.entries().stream().map(s -> s.alert().fingerprint()).toList()));
    }

    @Test
    void analertThatStopsHoldingIsResolvedWithItsLastContentAndForgotten() throws Exception {
        run(T0, routed(alert("churn-ft", "SG-SPD-006", Enforcement.HARD_MANDATORY, T0), "slack", "pager"));
        Instant later = T0.plus(Duration.ofDays(2));
        run(later);
        assertEquals(List.of("resolved SG-SPD-006 churn-ft"), slack.last());
        assertEquals(List.of("resolved SG-SPD-006 churn-ft"), pager.last());
        Alert resolve = slack.batches.get(1).changes().get(0);
        assertEquals("manifests/churn-ft.yaml", resolve.file());
        assertEquals(later, resolve.at());
        assertTrue(state.entries().isEmpty());
        run(later.plusSeconds(60));
        assertEquals(2, slack.batches.size(), "a resolve is sent once");
    }

    @Test
    void aFailedDeliveryIsNotRecordedSoTheNextRunSendsItAndOtherChannelsStillGetTheirs() throws Exception {
        Watch.Routed zombie = routed(alert("churn-ft", "SG-SPD-006", Enforcement.HARD_MANDATORY, T0), "slack", "pager");
        slack.fails = a -> true;
        WatchResult failed = run(T0, zombie);
        assertTrue(failed.failed());
        assertEquals(1, failed.count(Delivery.Outcome.FAILED));
        assertEquals(List.of("new SG-SPD-006 churn-ft"), pager.last(), "the other channel was still tried");
        assertEquals(null, state.get(zombie.alert().fingerprint(), "slack"));
        assertEquals(2, saves, "the state is saved after each channel");

        slack.fails = a -> false;
        WatchResult retried = run(T0.plusSeconds(600), zombie);
        assertFalse(retried.failed());
        assertEquals(List.of("new SG-SPD-006 churn-ft"), slack.last(), "the missed alert is delivered");
        assertEquals(1, pager.batches.size(), "the channel that had it gets nothing twice");
    }

    @Test
    void aFailedResolveIsKeptAndSentAgain() throws Exception {
        run(T0, routed(alert("churn-ft", "SG-SPD-002", Enforcement.HARD_MANDATORY, T0), "pager"));
        pager.fails = Alert::resolved;
        assertTrue(run(T0.plusSeconds(60)).failed());
        assertEquals(1, state.entries().size());
        pager.fails = a -> false;
        run(T0.plusSeconds(120));
        assertEquals(List.of("resolved SG-SPD-002 churn-ft"), pager.last());
        assertTrue(state.entries().isEmpty());
    }

    @Test
    void aDryRunPreviewsAndRecordsNothing() throws Exception {
        Watch.Routed burn = routed(alert("churn-ft", "SG-SPD-001", Enforcement.ADVISORY, T0), "slack");
        Map<String, AlertChannel> channels = Map.of("slack", slack);
        WatchResult dry = Watch.run(List.of(burn), channels, state, () -> saves++,
                new Watch.Settings(CONFIG, T0, null, true));
        assertEquals(List.of("POST test new churn-ft|SG-SPD-001|advisory"), dry.channels().get(0).previews());
        assertEquals(0, slack.batches.size());
        assertTrue(state.entries().isEmpty());
        assertEquals(0, saves);
    }

    @Test
    void anAlertNoRouteMatchesIsReportedAsUnrouted() throws Exception {
        WatchResult r = run(T0, routed(alert("churn-ft", "SG-SPD-004", Enforcement.ADVISORY, T0)));
        assertEquals(List.of("churn-ft|SG-SPD-004|advisory"), r.unrouted().stream().map(Alert::fingerprint).toList());
        assertEquals(0, slack.batches.size() + pager.batches.size());
    }

    @Test
    void alertsSentOnAChannelThatIsNoLongerDefinedAreForgottenAndSaid() throws Exception {
        state.delivered("old-teams", alert("churn-ft", "SG-SPD-001", Enforcement.ADVISORY, T0), T0);
        WatchResult r = run(T0.plusSeconds(60));
        assertEquals(List.of("old-teams: SG-SPD-001 churn-ft was sent on a channel alerts.channels no longer defines; "
                + "its resolve cannot be sent"), r.forgotten());
        assertTrue(state.entries().isEmpty());
    }
}
