package dev.spendgate.engine;

import dev.spendgate.policy.Parameters;
import dev.spendgate.spend.SpendSnapshot;
import dev.spendgate.spend.TeamSpend;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything one evaluation sees: the clock, the resolved parameters, the manifests, live spend
 * and the teams' monthly commitments.
 *
 * @param spend the live spend attributed to the manifests, or null when the run has no spend
 *              source: then the live-spend rules (SG-SPD-*) do not apply
 * @param teams by team, every team of the run's manifests (and, with live spend, every team tagged
 *              in it) with its monthly commitments, for SG-BUD-005
 */
public record EvaluationInput(Instant now, Parameters parameters, List<ManifestInput> manifests, SpendSnapshot spend,
                              Map<String, TeamSpend> teams) {

    public EvaluationInput {
        Objects.requireNonNull(now, "now == null");
        Objects.requireNonNull(parameters, "parameters == null");
        manifests = List.copyOf(manifests);
        teams = Collections.unmodifiableSortedMap(new TreeMap<>(teams));
    }

    /** An evaluation without live spend or team commitments. */
    public EvaluationInput(Instant now, Parameters parameters, List<ManifestInput> manifests) {
        this(now, parameters, manifests, null, Map.of());
    }
}
