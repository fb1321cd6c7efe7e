# Baseline pack, intent "expiry": non-production workloads expire, soon, and none outlives its ttl.
package spendgate.packs.baseline

import rego.v1

# SG-TTL-001 no ttl outside production
detections contains d if {
	some m in input.manifests
	outside_production(m.document)
	not "ttl" in object.keys(m.document.spec)
	d := {
		"rule": "SG-TTL-001", "manifest": m.name, "path": "/spec/ttl",
		"evidence": {"environment": m.document.metadata.environment},
	}
}

# SG-TTL-002 ttl above the maximum; derived.ttlHours is spec.ttl in hours.
detections contains d if {
	expiry := input.params.expiry
	some m in input.manifests
	outside_production(m.document)
	m.derived.ttlHours > expiry.maxTtlHours
	d := {
		"rule": "SG-TTL-002", "manifest": m.name, "path": "/spec/ttl",
		"evidence": {
			"ttl": m.document.spec.ttl, "ttlHours": m.derived.ttlHours,
			"maxTtl": expiry.maxTtl, "maxTtlHours": expiry.maxTtlHours,
		},
	}
}

# SG-TTL-003 expired, in production too; derived.expiresAt is startsAt + ttl, present only when
# the manifest has both.
detections contains d if {
	some m in input.manifests
	instant_before(m.derived.expiresAt, input.now)
	d := {
		"rule": "SG-TTL-003", "manifest": m.name, "path": "/spec/startsAt",
		"evidence": {
			"startsAt": m.derived.startsAt, "ttl": m.document.spec.ttl,
			"expiredAt": m.derived.expiresAt, "now": input.now,
		},
	}
}
