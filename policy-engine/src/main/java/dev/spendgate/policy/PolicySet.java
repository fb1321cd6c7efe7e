package dev.spendgate.policy;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A loaded policy set: which packs apply, their parameters, per-rule enforcement overrides and
 * waivers.
 *
 * @param source where it was read from, or {@code shipped defaults}
 * @param packs  pack references as written: a shipped pack id or a folder (resolved against the
 *               policy file's folder)
 * @param alerts where a watch run sends what it finds ({@link Alerts#NONE} without an alerts section)
 */
public record PolicySet(
        String name,
        String version,
        String source,
        List<String> packs,
        Parameters parameters,
        Map<String, Enforcement> enforcement,
        List<Waiver> waivers,
        Discovery discovery,
        Alerts alerts) {

    /**
     * How manifests are looked for ({@code discovery:} of the policy set).
     *
     * @param strict           every file skipped while looking for manifests is an input error
     * @param requireManifests finding no manifest at all is an input error
     */
    public record Discovery(boolean strict, boolean requireManifests) {

        public static final Discovery DEFAULT = new Discovery(false, false);
    }

    public PolicySet {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(version, "version == null");
        Objects.requireNonNull(source, "source == null");
        Objects.requireNonNull(parameters, "parameters == null");
        packs = List.copyOf(packs);
        enforcement = Map.copyOf(enforcement);
        waivers = List.copyOf(waivers);
        discovery = discovery == null ? Discovery.DEFAULT : discovery;
        alerts = alerts == null ? Alerts.NONE : alerts;
    }

    /** The same policy set with {@code waivers} instead of its own. */
    public PolicySet withWaivers(List<Waiver> other) {
        return new PolicySet(name, version, source, packs, parameters, enforcement, other, discovery, alerts);
    }

    /** The policy set used when none is given: the baseline pack with its defaults. */
    public static PolicySet defaults() {
        return new PolicySet("spendgate-defaults", "1", "shipped defaults", List.of("baseline"),
                Parameters.defaults(), Map.of(), List.of(), Discovery.DEFAULT, Alerts.NONE);
    }
}
