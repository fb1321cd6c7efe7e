# Tests of the rules about changes against the base version (SG-CHG-001..004).
package spendgate.packs.baseline_test

import rego.v1

# The clean manifest's base version as the input document carries it: its document and derived
# values, then changed by a JSON patch (paths relative to the base block).
base_of(patch) := json.patch(
	{"file": "manifests/churn-ft.yaml", "document": clean_manifest.document, "derived": clean_manifest.derived},
	patch,
)

# A manifest patched by patch with the base version base.
changed(patch, base) := json.patch(patched(patch), [put("/base", base)])

# --- SG-CHG-001 ---------------------------------------------------------------------------------

test_chg_001_budget_grew_beyond_the_step if {
	m := changed(
		[put("/document/spec/budget/amount", 500)],
		json.patch(base_of([]), [put("/budgetIncrease", 0.6666666666666667)]),
	)
	detections_of(m) == {detection(
		"SG-CHG-001", "churn-ft", "/spec/budget/amount",
		{"oldAmount": 300, "newAmount": 500, "increase": 0.6666666666666667, "limit": 0.5},
	)}
}

test_chg_001_limit_from_the_parameters if {
	m := changed(
		[put("/document/spec/budget/amount", 600)],
		json.patch(base_of([]), [put("/budgetIncrease", 1)]),
	)
	count(run([m], params_with([put("/changes/maxBudgetIncrease", 1)]))) == 0
	run([m], params_with([put("/changes/maxBudgetIncrease", 0.99)])) == {detection(
		"SG-CHG-001", "churn-ft", "/spec/budget/amount",
		{"oldAmount": 300, "newAmount": 600, "increase": 1, "limit": 0.99},
	)}
}

test_chg_001_step_at_the_limit_passes if {
	m := changed(
		[put("/document/spec/budget/amount", 450)],
		json.patch(base_of([]), [put("/budgetIncrease", 0.5)]),
	)
	count(detections_of(m)) == 0
}

# Without budgetIncrease (an amount absent, or a base amount that is not positive) nothing fires.
test_chg_001_without_an_increase_passes if {
	m := changed([put("/document/spec/budget/amount", 900)], base_of([put("/document/spec/budget/amount", 0)]))
	not "SG-CHG-001" in {d.rule | some d in detections_of(m)}
}

# --- SG-CHG-002 ---------------------------------------------------------------------------------

test_chg_002_model_tier_raised if {
	m := changed(
		[put("/document/spec/modelTier", "mid"), put("/document/spec/models/0/name", "o3-mini")],
		base_of([]),
	)
	detections_of(m) == {detection(
		"SG-CHG-002", "churn-ft", "/spec/modelTier",
		{"oldTier": "small", "newTier": "mid"},
	)}
}

test_chg_002_model_tier_lowered_or_unknown_at_base_passes if {
	lowered := changed([], base_of([put("/document/spec/modelTier", "frontier")]))
	count(detections_of(lowered)) == 0
	unknown := changed(
		[put("/document/spec/modelTier", "mid"), put("/document/spec/models/0/name", "o3-mini")],
		base_of([drop("/document/spec/modelTier")]),
	)
	count(detections_of(unknown)) == 0
}

# --- SG-CHG-003 ---------------------------------------------------------------------------------

test_chg_003_ttl_extended if {
	m := changed([], base_of([put("/document/spec/ttl", "12h"), put("/derived/ttlHours", 12)]))
	detections_of(m) == {detection(
		"SG-CHG-003", "churn-ft", "/spec/ttl",
		{"oldTtl": "12h", "newTtl": "24h", "oldTtlHours": 12, "newTtlHours": 24},
	)}
}

test_chg_003_same_or_shorter_ttl_passes if {
	count(detections_of(changed([], base_of([put("/document/spec/ttl", "1d")])))) == 0
	shorter := changed([], base_of([put("/document/spec/ttl", "2d"), put("/derived/ttlHours", 48)]))
	count(detections_of(shorter)) == 0
}

# A manifest without a base version: none of the rules about changes applies.
test_chg_no_base_no_change_rules if {
	m := patched([put("/document/spec/budget/amount", 900), put("/document/spec/ttl", "20h")])
	count(detections_of(m)) == 0
}

# --- SG-CHG-004 ---------------------------------------------------------------------------------

# The clean manifest against a base version whose estimate moved from before to after.
estimate_moved(before, after, increase, percent, text) := changed([], json.patch(base_of([]), [put(
	"/estimateChange",
	object.union(
		{"before": before, "after": after, "increase": increase, "percentText": text, "complete": true},
		{k: v | some k, v in {"percent": percent}; v != null},
	),
)]))

percent_limit(p) := params_with([put("/changes/maxEstimateIncrease", {"percent": p, "text": sprintf("%v%%", [p])})])

test_chg_004_estimate_doubled if {
	m := estimate_moved(8, 16, 8, 100, "+100%")
	run([m], percent_limit(50)) == {detection(
		"SG-CHG-004", "churn-ft", "/spec",
		{"before": 8, "after": 16, "increase": 8, "percent": "+100%", "currency": "USD", "limit": "50%"},
	)}
}

test_chg_004_within_the_step_or_falling_passes if {
	count(run([estimate_moved(10, 14, 4, 40, "+40%")], percent_limit(50))) == 0
	count(run([estimate_moved(10, 15, 5, 50, "+50%")], percent_limit(50))) == 0
	count(run([estimate_moved(16, 8, -8, -50, "-50%")], percent_limit(0))) == 0
}

test_chg_004_with_an_amount_and_a_per_cent_a_rise_must_pass_both if {
	both := params_with([put("/changes/maxEstimateIncrease", {"amount": 500, "percent": 50, "text": "500 USD and 50%"})])
	count(run([estimate_moved(8, 16, 8, 100, "+100%")], both)) == 0
	run([estimate_moved(800, 1600, 800, 100, "+100%")], both) == {detection(
		"SG-CHG-004", "churn-ft", "/spec",
		{"before": 800, "after": 1600, "increase": 800, "percent": "+100%", "currency": "USD", "limit": "500 USD and 50%"},
	)}
}

test_chg_004_from_zero_is_beyond_every_per_cent if {
	count(run([estimate_moved(0, 16, 16, null, "from 0")], percent_limit(1000))) == 1
}

test_chg_004_incomplete_estimates_are_not_judged if {
	m := changed([], json.patch(base_of([]), [put(
		"/estimateChange",
		{"before": 8, "after": 16, "increase": 8, "percent": 100, "percentText": "+100%", "complete": false},
	)]))
	count(run([m], percent_limit(50))) == 0
}
