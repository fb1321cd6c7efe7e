package spendgate.packs.tiny_test

import rego.v1

import data.spendgate.packs.tiny

params := {"expiry": {"maxTtlHours": 24}, "ownership": {"requiredTags": ["costCenter"]}}

test_ttl_above_the_maximum if {
	m := {"name": "a", "document": {"metadata": {"environment": "dev"}, "spec": {"ttl": "3d"}},
		"derived": {"tags": {"costCenter": "x"}, "ttlHours": 72}, "estimate": {"total": 1, "complete": true}, "catalogTiers": {}}
	ds := tiny.detections with input as {"now": "2026-11-22T12:00:00Z", "params": params, "manifests": [m]}
	{d.rule | some d in ds} == {"TINY-001"}
}

test_model_without_output_cap_reports_absent_values_as_empty if {
	m := {"name": "a", "document": {"metadata": {"environment": "production"}, "spec": {"models": [{"name": "x"}]}},
		"derived": {"tags": {"costCenter": "x"}}, "estimate": {"total": 1, "complete": true}, "catalogTiers": {}}
	ds := tiny.detections with input as {"now": "2026-11-22T12:00:00Z", "params": params, "manifests": [m]}
	some d in ds
	d.path == "/spec/models/0/maxOutputTokens"
	d.evidence == {"model": "x", "catalogTier": "", "retries": ""}
}
