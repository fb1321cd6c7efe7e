# Tests of the unit economics rule (SG-UNIT-001).
package spendgate.packs.baseline_test

import rego.v1

unit(cost, limit) := patched([put("/unitEconomics", {"costPer1kRequests": cost, "requests": 2000, "maxCostPer1kRequests": limit})])

test_unit_001_above_the_limit if {
	{d | some d in detections_of(unit(1.5, 1)); d.rule == "SG-UNIT-001"} == {detection(
		"SG-UNIT-001", "churn-ft", "/spec/models",
		{"costPer1kRequests": 1.5, "limit": 1, "requests": 2000, "currency": "USD", "environment": "dev"},
	)}
}

test_unit_001_at_the_limit_passes if {
	count({d | some d in detections_of(unit(1, 1)); d.rule == "SG-UNIT-001"}) == 0
}

test_unit_001_without_a_limit_or_traffic_passes if {
	count({d |
		some d in detections_of(patched([put("/unitEconomics", {"costPer1kRequests": 9, "requests": 10})]))
		d.rule == "SG-UNIT-001"
	}) == 0
	count({d |
		some d in detections_of(patched([put("/unitEconomics", {"maxCostPer1kRequests": 1})]))
		d.rule == "SG-UNIT-001"
	}) == 0
}
