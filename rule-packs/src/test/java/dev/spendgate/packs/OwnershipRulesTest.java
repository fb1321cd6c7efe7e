package dev.spendgate.packs;

import dev.spendgate.engine.Detection;
import dev.spendgate.policy.Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static dev.spendgate.packs.Baseline.assertNone;
import static dev.spendgate.packs.Baseline.assertOne;
import static dev.spendgate.packs.Baseline.assertOnly;
import static dev.spendgate.packs.Baseline.evidence;
import static dev.spendgate.packs.Baseline.of;
import static dev.spendgate.packs.Baseline.run;
import static dev.spendgate.packs.Baseline.with;
import static dev.spendgate.packs.ManifestBuilder.manifest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SG-OWN-001..003 on the precompiled baseline pack. */
class OwnershipRulesTest {

    @Test
    void compliantManifestFiresNothing() {
        assertEquals(List.of(), run(manifest()));
    }

    @Test
    void missingOwner() {
        List<Detection> found = run(manifest().with(m -> { m.owner = null; return m; }));
        assertOne(found, "SG-OWN-001", "/metadata/owner", evidence("owner", "", "reason", "missing"));
        assertOnly(found, "SG-OWN-001");
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "alice@example", "@", "@-team", "alice smith@example.com", "team/growth", ""})
    void ownerNeitherEmailNorHandle(String owner) {
        List<Detection> found = run(manifest().with(m -> { m.owner = owner; return m; }));
        assertOne(found, "SG-OWN-001", "/metadata/owner",
                evidence("owner", owner, "reason", "not an e-mail address or @handle"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice@example.com", "a.b+finops@ml.example.co.uk", "@alice", "@acme/growth-ml", "@acme-ai/ml.platform_1"})
    void emailsAndHandlesAreOwners(String owner) {
        assertNone(run(manifest().with(m -> { m.owner = owner; return m; })), "SG-OWN-001");
    }

    @Test
    void missingTeam() {
        List<Detection> found = run(manifest().with(m -> { m.team = null; return m; }));
        assertOne(found, "SG-OWN-002", "/metadata/team",
                evidence("team", "", "reason", "missing", "teams", List.of()));
        assertOnly(found, "SG-OWN-002");
    }

    @Test
    void teamNotInTheListedTeams() {
        Parameters teams = with(new Parameters.Ownership(List.of("costCenter"), List.of("search", "ranking")));
        List<Detection> found = run(teams, manifest());
        assertOne(found, "SG-OWN-002", "/metadata/team",
                evidence("team", "growth-ml", "reason", "not in ownership.teams", "teams", List.of("search", "ranking")));
    }

    @Test
    void anyTeamIsFineWhenNoTeamsAreListed() {
        assertNone(run(manifest().with(m -> { m.team = "anything-goes"; return m; })), "SG-OWN-002");
        Parameters teams = with(new Parameters.Ownership(List.of("costCenter"), List.of("growth-ml")));
        assertNone(run(teams, manifest()), "SG-OWN-002");
    }

    @Test
    void oneDetectionPerMissingRequiredTag() {
        Parameters tags = with(new Parameters.Ownership(List.of("costCenter", "project", "dataClass"), List.of()));
        List<Detection> found = run(tags, manifest().with(m -> { m.tags.remove("costCenter"); return m; }));
        List<Detection> own3 = of("SG-OWN-003", found);
        assertEquals(2, own3.size(), own3::toString);
        List<Object> required = List.of("costCenter", "project", "dataClass");
        assertTrue(own3.contains(new Detection("SG-OWN-003", "churn-classifier-ft", "/metadata/costCenter",
                evidence("tag", "costCenter", "requiredTags", required))));
        assertTrue(own3.contains(new Detection("SG-OWN-003", "churn-classifier-ft", "/metadata/dataClass",
                evidence("tag", "dataClass", "requiredTags", required))));
        assertOnly(found, "SG-OWN-003");
    }

    @Test
    void labelsCountAsTagsAndTagPointersAreEscaped() {
        Parameters tags = with(new Parameters.Ownership(List.of("costCenter", "acme.com/owner-team"), List.of()));
        List<Detection> found = run(tags, manifest());
        assertOne(found, "SG-OWN-003", "/metadata/acme.com~1owner-team",
                evidence("tag", "acme.com/owner-team", "requiredTags", List.of("costCenter", "acme.com/owner-team")));
        assertNone(run(tags, manifest().with(m -> { m.tags.put("acme.com/owner-team", "growth"); return m; })), "SG-OWN-003");
    }
}
