package dev.spendgate.packs;

import dev.spendgate.engine.Detection;
import dev.spendgate.manifest.Environment;
import dev.spendgate.policy.Parameters;
import dev.spendgate.yaml.Ttl;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.spendgate.packs.Baseline.assertNone;
import static dev.spendgate.packs.Baseline.assertOne;
import static dev.spendgate.packs.Baseline.assertOnly;
import static dev.spendgate.packs.Baseline.evidence;
import static dev.spendgate.packs.Baseline.num;
import static dev.spendgate.packs.Baseline.run;
import static dev.spendgate.packs.Baseline.with;
import static dev.spendgate.packs.ManifestBuilder.manifest;
import static dev.spendgate.packs.ManifestBuilder.ttl;

/** SG-TTL-001..003 on the precompiled baseline pack (now = 2026-11-22T12:00:00Z). */
class ExpiryRulesTest {

    @Test
    void noTtlOutsideProduction() {
        List<Detection> found = run(manifest().with(m -> { m.ttl = null; m.environment = Environment.staging; return m; }));
        assertOne(found, "SG-TTL-001", "/spec/ttl", evidence("environment", "staging"));
        assertOnly(found, "SG-TTL-001");
    }

    @Test
    void productionNeedsNoTtl() {
        assertNone(run(manifest().with(m -> { m.ttl = null; m.environment = Environment.production; return m; })), "SG-TTL-001");
    }

    @Test
    void ttlAboveTheMaximum() {
        List<Detection> found = run(manifest().with(m -> { m.ttl = ttl("3d", Duration.ofDays(3)); return m; }));
        assertOne(found, "SG-TTL-002", "/spec/ttl",
                evidence("ttl", "3d", "ttlHours", num("72"), "maxTtl", "24h", "maxTtlHours", num("24")));
        assertOnly(found, "SG-TTL-002");
    }

    @Test
    void ttlAtTheMaximumOrInProductionPasses() {
        assertNone(run(manifest()), "SG-TTL-002");
        assertNone(run(manifest().with(m -> {
            m.ttl = ttl("2w", Duration.ofDays(14));
            m.environment = Environment.production;
            return m;
        })), "SG-TTL-002");
        Parameters week = with(new Parameters.Expiry(new Ttl("1w", Duration.ofDays(7))));
        assertNone(run(week, manifest().with(m -> { m.ttl = ttl("3d", Duration.ofDays(3)); return m; })), "SG-TTL-002");
    }

    @Test
    void expiredManifest() {
        ManifestBuilder zombie = manifest().with(m -> {
            m.startsAt = Instant.parse("2026-11-20T09:00:00Z");
            m.ttl = ttl("36h", Duration.ofHours(36));
            return m;
        });
        List<Detection> found = run(zombie);
        assertOne(found, "SG-TTL-003", "/spec/startsAt", evidence("startsAt", "2026-11-20T09:00:00Z", "ttl", "36h",
                "expiredAt", "2026-11-21T21:00:00Z", "now", "2026-11-22T12:00:00Z"));
        assertOnly(found, "SG-TTL-002", "SG-TTL-003");
    }

    @Test
    void expiringExactlyNowIsNotExpired() {
        ManifestBuilder m = manifest().with(b -> {
            b.startsAt = Instant.parse("2026-11-21T12:00:00Z");
            return b;
        });
        assertNone(run(m), "SG-TTL-003");
    }

    @Test
    void productionManifestsExpireToo() {
        ManifestBuilder m = manifest().with(b -> {
            b.environment = Environment.production;
            b.startsAt = Instant.parse("2026-10-01T00:00:00Z");
            return b;
        });
        assertOne(run(m), "SG-TTL-003", "/spec/startsAt", evidence("startsAt", "2026-10-01T00:00:00Z", "ttl", "24h",
                "expiredAt", "2026-10-02T00:00:00Z", "now", "2026-11-22T12:00:00Z"));
    }

    @Test
    void withoutStartsAtNothingExpires() {
        assertNone(run(manifest().with(m -> { m.startsAt = null; return m; })), "SG-TTL-003");
    }
}
