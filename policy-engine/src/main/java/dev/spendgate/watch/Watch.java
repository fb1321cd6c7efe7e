package dev.spendgate.watch;

import dev.spendgate.alert.Alert;
import dev.spendgate.alert.AlertChannel;
import dev.spendgate.alert.AlertStatus;
import dev.spendgate.alert.Batch;
import dev.spendgate.alert.Delivery;
import dev.spendgate.gate.Finding;
import dev.spendgate.gate.GateReport;
import dev.spendgate.gate.ManifestReport;
import dev.spendgate.gate.Messages;
import dev.spendgate.gate.Outcome;
import dev.spendgate.policy.Alerts;
import dev.spendgate.policy.Enforcement;
import dev.spendgate.spend.SpendSnapshot;
import dev.spendgate.spend.UnattributedSpend;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One watch run's alerting: the alerts a gate report holds (its live-spend findings that are not
 * waived, and orphaned and unattributed spend), routed by the policy set's {@code alerts:}, then,
 * channel by channel, what is new, escalated, due again ({@code alerts.renotify}) or resolved
 * since the state, delivered (or previewed for a dry run) and recorded. A delivery that fails is
 * not recorded, so the next run sends it again; every channel is tried whatever another did.
 */
public final class Watch {

    /** The intent whose findings become alerts: live spend after the merge. */
    public static final String INTENT = "liveSpend";

    /** The rule whose findings are about the spend source, not a manifest: one alert for the run. */
    public static final String STALE_SPEND = "SG-SPD-005";

    /** The name the one alert about a stale or empty spend source carries. */
    public static final String SPEND_SOURCE = "(spend source)";

    /** The name an alert about spend without a manifest tag carries. */
    public static final String UNTAGGED = "(untagged)";

    /**
     * An alert of this run and where it goes.
     *
     * @param channels the channels its routes name, in route order; empty when no route matches
     */
    public record Routed(Alert alert, List<String> channels) {

        public Routed {
            Objects.requireNonNull(alert, "alert == null");
            channels = List.copyOf(channels);
        }
    }

    /**
     * What a watch run is told besides the alerts.
     *
     * @param runUrl a link to the run (the CI job), or null
     * @param dryRun preview what would be sent; send nothing, record nothing
     */
    public record Settings(Alerts config, Instant now, String runUrl, boolean dryRun) {

        public Settings {
            Objects.requireNonNull(config, "config == null");
            Objects.requireNonNull(now, "now == null");
        }
    }

    /** Saves the state after each channel's deliveries, so that a run killed later loses nothing sent. */
    @FunctionalInterface
    public interface Saver {
        void save() throws IOException;
    }

    private Watch() {
    }

    /** The alerts of {@code report}, each routed. */
    public static List<Routed> alerts(GateReport report, Settings settings) {
        Alerts config = settings.config();
        Instant now = settings.now();
        String runUrl = settings.runUrl();
        List<Routed> out = new ArrayList<>();
        Finding stale = null;
        int staleManifests = 0;
        for (ManifestReport m : report.manifests()) {
            for (Finding f : m.findings()) {
                if (!INTENT.equals(f.intent()) || f.outcome() == Outcome.WAIVED) {
                    continue;
                }
                if (f.rule().equals(STALE_SPEND)) {
                    // the export stopped, not the manifests: one alert, not one per manifest
                    stale = stale == null ? f : stale;
                    staleManifests++;
                    continue;
                }
                Map<String, String> numbers = new LinkedHashMap<>();
                f.evidence().forEach((k, v) -> numbers.put(k, Messages.format(v)));
                String level = f.enforcement().wireName();
                Alert a = new Alert(Alert.fingerprint(m.name(), f.rule(), level), AlertStatus.NEW, m.name(), m.file(),
                        f.location() == null ? 0 : f.location().line(), m.team(), m.environment(), m.owner(), f.rule(),
                        f.title(), level, f.message(), numbers, now, runUrl);
                out.add(new Routed(a, config.route(m.team(), m.environment(), f.rule(), f.enforcement())));
            }
        }
        if (stale != null) {
            Map<String, String> numbers = new LinkedHashMap<>();
            stale.evidence().forEach((k, v) -> numbers.put(k, Messages.format(v)));
            numbers.put("manifests", Integer.toString(staleManifests));
            String level = stale.enforcement().wireName();
            Alert a = new Alert(Alert.fingerprint(SPEND_SOURCE, STALE_SPEND, level), AlertStatus.NEW, SPEND_SOURCE, null, 0,
                    null, null, null, STALE_SPEND, stale.title(), level, stale.message() + " (" + staleManifests
                    + (staleManifests == 1 ? " manifest" : " manifests") + " cannot be judged on live spend)", numbers, now,
                    runUrl);
            out.add(new Routed(a, config.route(null, null, STALE_SPEND, stale.enforcement())));
        }
        SpendSnapshot spend = report.spend();
        if (spend != null) {
            orphans(spend, config, now, runUrl, out);
        }
        return out;
    }

    /** The spend without a manifest tag of one team tag (null: rows without one either). */
    private record Untagged(String team) {
    }

    private static void orphans(SpendSnapshot spend, Alerts config, Instant now, String runUrl, List<Routed> out) {
        String level = config.orphanLevel().wireName();
        Map<Untagged, java.math.BigDecimal> untaggedCost = new LinkedHashMap<>();
        Map<Untagged, Long> untaggedRows = new LinkedHashMap<>();
        for (UnattributedSpend u : spend.unattributedBy()) {
            if (u.manifestTag() == null) {
                untaggedCost.merge(new Untagged(u.team()), u.cost(), java.math.BigDecimal::add);
                untaggedRows.merge(new Untagged(u.team()), u.rows(), Long::sum);
                continue;
            }
            if (u.cost().compareTo(config.orphanMinSpend()) < 0) {
                continue;
            }
            Map<String, String> numbers = new LinkedHashMap<>();
            numbers.put("spend", u.cost().toPlainString());
            numbers.put("currency", spend.currency());
            numbers.put("rows", Long.toString(u.rows()));
            numbers.put("source", spend.source());
            String message = u.cost().toPlainString() + " " + spend.currency() + " of spend (" + u.rows()
                    + (u.rows() == 1 ? " row" : " rows") + " in " + spend.source() + ") is tagged with manifest "
                    + u.manifestTag() + (u.team() == null ? "" : " and team " + u.team())
                    + ", which no manifest of the run declares: deleted, renamed or never declared";
            Alert a = new Alert(Alert.fingerprint(u.manifestTag(), Alerts.ORPHANED_SPEND, level), AlertStatus.NEW,
                    u.manifestTag(), null, 0, u.team(), null, null, Alerts.ORPHANED_SPEND, "Orphaned spend", level,
                    message, numbers, now, runUrl);
            out.add(new Routed(a, config.route(u.team(), null, Alerts.ORPHANED_SPEND, config.orphanLevel())));
        }
        untaggedCost.forEach((key, cost) -> {
            if (cost.compareTo(config.unattributedAbove()) <= 0) {
                return;
            }
            String team = key.team();
            String name = team == null ? UNTAGGED : UNTAGGED + " " + team;
            long rows = untaggedRows.get(key);
            Map<String, String> numbers = new LinkedHashMap<>();
            numbers.put("spend", cost.toPlainString());
            numbers.put("currency", spend.currency());
            numbers.put("rows", Long.toString(rows));
            numbers.put("threshold", config.unattributedAbove().toPlainString());
            numbers.put("source", spend.source());
            String message = cost.toPlainString() + " " + spend.currency() + " of spend"
                    + (team == null ? " without a team tag" : " of team " + team) + " carries no manifest tag ("
                    + rows + " rows in " + spend.source() + "), above alerts.orphans.unattributedAbove "
                    + config.unattributedAbove().toPlainString() + " " + spend.currency();
            Alert a = new Alert(Alert.fingerprint(name, Alerts.UNATTRIBUTED_SPEND, level), AlertStatus.NEW, name, null,
                    0, team, null, null, Alerts.UNATTRIBUTED_SPEND, "Unattributed spend", level, message, numbers, now,
                    runUrl);
            out.add(new Routed(a, config.route(team, null, Alerts.UNATTRIBUTED_SPEND, config.orphanLevel())));
        });
    }

    /**
     * Plans and delivers (or, for a dry run, previews) every channel's changes, in the order the
     * channels are written, recording each delivery in {@code state} and saving after each channel.
     *
     * @param channels the opened channels by name: every one {@code config} defines
     */
    public static WatchResult run(List<Routed> alerts, Map<String, AlertChannel> channels, AlertState state,
                                  Saver saver, Settings settings) throws IOException {
        boolean dryRun = settings.dryRun();
        List<WatchResult.ChannelRun> runs = new ArrayList<>();
        for (AlertChannel channel : channels.values()) {
            Plan plan = plan(channel.name(), alerts, state, settings);
            Batch batch = new Batch(plan.changes, plan.open);
            if (plan.changes.isEmpty()) {
                runs.add(new WatchResult.ChannelRun(channel.name(), channel.type(), plan.open.size(), plan.quiet,
                        List.of(), List.of()));
                continue;
            }
            if (dryRun) {
                runs.add(new WatchResult.ChannelRun(channel.name(), channel.type(), plan.open.size(), plan.quiet,
                        List.of(), channel.preview(batch)));
                continue;
            }
            List<Delivery> deliveries = channel.deliver(batch);
            for (Delivery d : deliveries) {
                if (d.outcome() != Delivery.Outcome.DELIVERED) {
                    continue;
                }
                if (d.alert().resolved()) {
                    state.resolved(channel.name(), d.alert().fingerprint());
                } else {
                    state.delivered(channel.name(), d.alert(), settings.now());
                }
            }
            saver.save();
            runs.add(new WatchResult.ChannelRun(channel.name(), channel.type(), plan.open.size(), plan.quiet,
                    deliveries, List.of()));
        }
        List<String> forgotten = new ArrayList<>();
        for (AlertState.Sent s : state.entries()) {
            if (!channels.containsKey(s.channel())) {
                forgotten.add(s.channel() + ": " + s.alert().ruleId() + " " + s.alert().manifest()
                        + " was sent on a channel alerts.channels no longer defines; its resolve cannot be sent");
                if (!dryRun) {
                    state.resolved(s.channel(), s.alert().fingerprint());
                }
            }
        }
        if (!dryRun && !forgotten.isEmpty()) {
            saver.save();
        }
        List<Alert> unrouted = alerts.stream().filter(r -> r.channels().isEmpty()).map(Routed::alert).toList();
        return new WatchResult(alerts, runs, unrouted, forgotten, dryRun);
    }

    private record Plan(List<Alert> changes, List<Alert> open, int quiet) {
    }

    private static Plan plan(String channel, List<Routed> alerts, AlertState state, Settings settings) {
        Instant now = settings.now();
        List<Alert> changes = new ArrayList<>();
        List<Alert> open = new ArrayList<>();
        Set<String> current = new LinkedHashSet<>();
        // what the channel holds, read once: its entries, and by manifest the highest level sent
        List<AlertState.Sent> held = state.entries().stream().filter(s -> s.channel().equals(channel)).toList();
        Map<String, Enforcement> highest = new java.util.HashMap<>();
        for (AlertState.Sent s : held) {
            Enforcement level = Enforcement.fromWire(s.alert().level());
            if (level != null) {
                highest.merge(s.alert().manifest(), level, (x, y) -> x.compareTo(y) >= 0 ? x : y);
            }
        }
        int quiet = 0;
        for (Routed r : alerts) {
            if (!r.channels().contains(channel)) {
                continue;
            }
            Alert a = r.alert();
            current.add(a.fingerprint());
            open.add(a);
            AlertState.Sent sent = state.get(a.fingerprint(), channel);
            if (sent == null) {
                Enforcement before = highest.get(a.manifest());
                Enforcement level = Enforcement.fromWire(a.level());
                boolean escalated = before != null && level != null && before.compareTo(level) < 0;
                changes.add(a.withStatus(escalated ? AlertStatus.ESCALATED : AlertStatus.NEW));
            } else if (!now.isBefore(sent.lastSent().plus(settings.config().renotify()))) {
                changes.add(a.withStatus(AlertStatus.REPEAT));
            } else {
                quiet++;
            }
        }
        for (AlertState.Sent s : held) {
            if (!current.contains(s.alert().fingerprint())) {
                Alert was = s.alert();
                changes.add(new Alert(was.fingerprint(), AlertStatus.RESOLVED, was.manifest(), was.file(), was.line(),
                        was.team(), was.environment(), was.owner(), was.ruleId(), was.ruleTitle(), was.level(),
                        was.message(), was.numbers(), now, settings.runUrl()));
            }
        }
        return new Plan(changes, open, quiet);
    }
}
