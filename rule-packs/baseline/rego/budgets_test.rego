# Tests of the budget rules (SG-BUD-001..005).
package spendgate.packs.baseline_test

import rego.v1

# --- SG-BUD-001 ---------------------------------------------------------------------------------

test_bud_001_budget_missing if {
	detections_of(patched([drop("/document/spec/budget")])) == {detection(
		"SG-BUD-001", "churn-ft", "/spec/budget",
		{"amount": "", "reason": "missing"},
	)}
}

test_bud_001_amount_missing if {
	detections_of(patched([put("/document/spec/budget", {"currency": "USD"})])) == {detection(
		"SG-BUD-001", "churn-ft", "/spec/budget/amount",
		{"amount": "", "reason": "missing"},
	)}
}

test_bud_001_amount_not_positive if {
	every amount in [0, -5, -0.01] {
		detections_of(patched([put("/document/spec/budget/amount", amount)])) == {detection(
			"SG-BUD-001", "churn-ft", "/spec/budget/amount",
			{"amount": amount, "reason": "not positive"},
		)}
	}
}

test_bud_001_positive_amount_passes if {
	count(detections_of(patched([put("/document/spec/budget/amount", 3.19)]))) == 0
}

# --- SG-BUD-002 ---------------------------------------------------------------------------------

test_bud_002_budget_above_the_per_experiment_limit if {
	detections_of(patched([put("/document/spec/budget/amount", 1000.5)])) == {detection(
		"SG-BUD-002", "churn-ft", "/spec/budget/amount",
		{"amount": 1000.5, "limit": 1000, "currency": "USD"},
	)}
}

test_bud_002_currency_defaults_to_usd if {
	m := patched([put("/document/spec/budget", {"amount": 2000})])
	detections_of(m) == {detection(
		"SG-BUD-002", "churn-ft", "/spec/budget/amount",
		{"amount": 2000, "limit": 1000, "currency": "USD"},
	)}
}

test_bud_002_budget_at_the_limit_passes if {
	count(detections_of(patched([put("/document/spec/budget/amount", 1000)]))) == 0
}

test_bud_002_production_passes if {
	m := patched([
		put("/document/metadata/environment", "production"),
		put("/document/spec/budget/amount", 4000),
	])
	count(detections_of(m)) == 0
}

# --- SG-BUD-003 ---------------------------------------------------------------------------------

test_bud_003_estimate_above_the_budget if {
	m := patched([put("/estimate", {"total": 300.01, "currency": "USD", "complete": false})])
	detections_of(m) == {detection(
		"SG-BUD-003", "churn-ft", "/spec/budget/amount",
		{"estimate": 300.01, "amount": 300, "currency": "USD", "complete": false},
	)}
}

test_bud_003_estimate_equal_to_the_budget_passes if {
	count(detections_of(patched([put("/estimate/total", 300)]))) == 0
}

# A budget that is not positive is SG-BUD-001's, not SG-BUD-003's.
test_bud_003_not_for_a_budget_that_is_not_positive if {
	m := patched([put("/document/spec/budget/amount", 0)])
	detections_of(m) == {detection(
		"SG-BUD-001", "churn-ft", "/spec/budget/amount",
		{"amount": 0, "reason": "not positive"},
	)}
}

# --- SG-BUD-004 ---------------------------------------------------------------------------------

test_bud_004_estimate_needs_an_approval if {
	m := patched([
		put("/document/metadata/environment", "production"),
		put("/document/spec/budget/amount", 9000),
		put("/estimate/total", 5000.01),
	])
	detections_of(m) == {detection(
		"SG-BUD-004", "churn-ft", "/spec/budget/amount",
		{"estimate": 5000.01, "limit": 5000, "currency": "USD"},
	)}
}

# Without a budget SG-BUD-004 still fires, in the estimate's currency.
test_bud_004_fires_without_a_budget if {
	m := patched([
		drop("/document/spec/budget"),
		put("/estimate", {"total": 55040, "currency": "EUR", "complete": true}),
	])
	detections_of(m) == {
		detection("SG-BUD-001", "churn-ft", "/spec/budget", {"amount": "", "reason": "missing"}),
		detection(
			"SG-BUD-004", "churn-ft", "/spec/budget/amount",
			{"estimate": 55040, "limit": 5000, "currency": "EUR"},
		),
	}
}

test_bud_004_estimate_at_the_threshold_passes if {
	params := params_with([put("/budgets/approvalAbove", 3.19)])
	count(run([clean_manifest], params)) == 0
}

test_bud_002_and_004_take_their_limits_from_the_parameters if {
	params := params_with([
		put("/budgets/maxPerExperiment", 250.5),
		put("/budgets/approvalAbove", 1),
	])
	run([clean_manifest], params) == {
		detection(
			"SG-BUD-002", "churn-ft", "/spec/budget/amount",
			{"amount": 300, "limit": 250.5, "currency": "USD"},
		),
		detection("SG-BUD-004", "churn-ft", "/spec/budget/amount", {"estimate": 3.19, "limit": 1, "currency": "USD"}),
	}
}

# --- SG-BUD-005 ---------------------------------------------------------------------------------

# A team's month as the input document carries it.
team_month(monthly_budgets, other, limit) := object.union(
	{
		"monthToDate": other, "monthlyBudgets": monthly_budgets, "monthlyManifests": ["churn-ft"],
		"otherMonthToDate": other, "commitments": monthly_budgets + other,
	},
	{k: v | some k, v in {"limit": limit}; v != null},
)

test_bud_005_team_commitments_above_the_limit_on_every_manifest_of_the_team if {
	other_team := json.patch(clean_gpu_manifest, [put("/document/metadata/team", "search")])
	teams := {"growth-ml": team_month(300, 412.5, 700), "search": team_month(0, 0, null)}
	evidence := {
		"team": "growth-ml", "commitments": 712.5, "monthlyBudgets": 300,
		"otherMonthToDate": 412.5, "limit": 700, "currency": "USD",
	}
	run_with([clean_manifest, patched_gpu([]), other_team], default_params, {"teams": teams}) == {
		detection("SG-BUD-005", "churn-ft", "/metadata/team", evidence),
		detection("SG-BUD-005", "llama-lora", "/metadata/team", evidence),
	}
}

test_bud_005_commitments_at_the_limit_pass if {
	count(run_with([clean_manifest], default_params, {"teams": {"growth-ml": team_month(300, 400, 700)}})) == 0
}

test_bud_005_team_without_a_limit_passes if {
	count(run_with([clean_manifest], default_params, {"teams": {"growth-ml": team_month(300, 9000, null)}})) == 0
}

test_bud_005_manifest_without_a_team_is_not_judged if {
	m := patched([drop("/document/metadata/team")])
	not "SG-BUD-005" in {d.rule | some d in run_with([m], default_params, {"teams": {"growth-ml": team_month(900, 0, 1)}})}
}
