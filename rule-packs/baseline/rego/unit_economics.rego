# Baseline pack, intent "unitEconomics": what a workload costs per 1,000 requests stays within the
# limit of its environment (or of its team there). manifests[i].unitEconomics is worked out by
# spendgate (the whole estimate over the requests it covers, and the limit that applies), so both
# engines compare the same numbers.
package spendgate.packs.baseline

import rego.v1

# SG-UNIT-001 cost per 1,000 requests above the limit
detections contains d if {
	some m in input.manifests
	unit := m.unitEconomics
	unit.costPer1kRequests > unit.maxCostPer1kRequests
	d := {
		"rule": "SG-UNIT-001", "manifest": m.name, "path": "/spec/models",
		"evidence": {
			"costPer1kRequests": unit.costPer1kRequests, "limit": unit.maxCostPer1kRequests,
			"requests": unit.requests, "currency": m.estimate.currency,
			"environment": m.document.metadata.environment,
		},
	}
}
