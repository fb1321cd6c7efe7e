# Tests of the expiry rules (SG-TTL-001..003).
package spendgate.packs.baseline_test

import rego.v1

# --- SG-TTL-001 ---------------------------------------------------------------------------------

test_ttl_001_no_ttl_outside_production if {
	every environment in ["dev", "staging"] {
		m := patched([
			put("/document/metadata/environment", environment),
			drop("/document/spec/ttl"),
			drop("/derived/ttlHours"),
		])
		detections_of(m) == {detection("SG-TTL-001", "churn-ft", "/spec/ttl", {"environment": environment})}
	}
}

test_ttl_001_production_passes if {
	m := patched([
		put("/document/metadata/environment", "production"),
		drop("/document/spec/ttl"),
		drop("/derived/ttlHours"),
	])
	count(detections_of(m)) == 0
}

# --- SG-TTL-002 ---------------------------------------------------------------------------------

test_ttl_002_ttl_above_the_maximum if {
	m := patched([
		put("/document/spec/ttl", "2w"),
		put("/derived/ttlHours", 336),
	])
	detections_of(m) == {detection(
		"SG-TTL-002", "churn-ft", "/spec/ttl",
		{"ttl": "2w", "ttlHours": 336, "maxTtl": "24h", "maxTtlHours": 24},
	)}
}

test_ttl_002_maximum_from_the_parameters if {
	params := params_with([
		put("/expiry/maxTtl", "3d"),
		put("/expiry/maxTtlHours", 72),
	])
	m := patched([
		put("/document/spec/ttl", "73h"),
		put("/derived/ttlHours", 73),
	])
	run([m], params) == {detection(
		"SG-TTL-002", "churn-ft", "/spec/ttl",
		{"ttl": "73h", "ttlHours": 73, "maxTtl": "3d", "maxTtlHours": 72},
	)}
}

test_ttl_002_ttl_at_the_maximum_passes if {
	m := patched([
		put("/document/spec/ttl", "1d"),
		put("/derived/ttlHours", 24),
	])
	count(detections_of(m)) == 0
}

test_ttl_002_production_passes if {
	m := patched([
		put("/document/metadata/environment", "production"),
		put("/document/spec/ttl", "2w"),
		put("/derived/ttlHours", 336),
	])
	count(detections_of(m)) == 0
}

# --- SG-TTL-003 ---------------------------------------------------------------------------------

expired_manifest := patched([
	put("/document/metadata/environment", "production"),
	put("/document/spec/ttl", "48h"),
	put("/document/spec/startsAt", "2026-11-01T10:00:00+01:00"),
	put("/derived", {
		"tags": {"costCenter": "CC-4410"}, "ttlHours": 48,
		"startsAt": "2026-11-01T09:00:00Z", "expiresAt": "2026-11-03T09:00:00Z",
	}),
])

# Expired workloads are found in production too; instants are those of derived.
test_ttl_003_expired if {
	detections_of(expired_manifest) == {detection(
		"SG-TTL-003", "churn-ft", "/spec/startsAt",
		{
			"startsAt": "2026-11-01T09:00:00Z", "ttl": "48h",
			"expiredAt": "2026-11-03T09:00:00Z", "now": "2026-11-22T12:00:00Z",
		},
	)}
}

test_ttl_003_expiring_at_now_passes if {
	m := json.patch(expired_manifest, [
		put("/derived/startsAt", "2026-11-20T12:00:00Z"),
		put("/derived/expiresAt", "2026-11-22T12:00:00Z"),
	])
	count(detections_of(m)) == 0
}

test_ttl_003_fraction_of_a_second_counts if {
	m := json.patch(expired_manifest, [
		put("/derived/startsAt", "2026-11-20T11:59:59.999Z"),
		put("/derived/expiresAt", "2026-11-22T11:59:59.999Z"),
	])
	detections_of(m) == {detection(
		"SG-TTL-003", "churn-ft", "/spec/startsAt",
		{
			"startsAt": "2026-11-20T11:59:59.999Z", "ttl": "48h",
			"expiredAt": "2026-11-22T11:59:59.999Z", "now": "2026-11-22T12:00:00Z",
		},
	)}
}

# A startsAt long ago (any year 0000-9999 is valid) is expired too.
test_ttl_003_expired_long_ago if {
	m := json.patch(expired_manifest, [
		put("/derived/startsAt", "1026-11-01T09:00:00Z"),
		put("/derived/expiresAt", "1026-11-03T09:00:00Z"),
	])
	detections_of(m) == {detection(
		"SG-TTL-003", "churn-ft", "/spec/startsAt",
		{
			"startsAt": "1026-11-01T09:00:00Z", "ttl": "48h",
			"expiredAt": "1026-11-03T09:00:00Z", "now": "2026-11-22T12:00:00Z",
		},
	)}
}

test_ttl_003_not_without_a_start if {
	m := patched([put("/document/metadata/environment", "production")])
	count(detections_of(m)) == 0
}
