# Tests of the live-spend rules (SG-SPD-001..006).
package spendgate.packs.baseline_test

import rego.v1

# Live spend as the input document carries it: a fresh source, and the clean manifest (a total
# budget of 300) a third of the way into its budget, without a forecast or an anomaly window.
clean_spend := {
	"source": "focus.csv", "costColumn": "EffectiveCost", "currency": "USD",
	"newestRow": "2026-11-22T11:00:00Z", "stalenessHours": 1,
	"manifests": {"churn-ft": {
		"period": "total", "spent": 100.00, "monthToDate": 100.00, "sinceStart": 100.00,
		"warnThreshold": 240, "blockThreshold": 300,
	}},
}

# The clean live spend changed by a JSON patch.
spend_with(patch) := json.patch(clean_spend, patch)

# The detections of the pack for the clean manifest with live spend spend.
detections_with_spend(spend) := run_with([clean_manifest], default_params, {"spend": spend})

# The clean manifest's spend to date changed to spent.
spent(amount) := spend_with([put("/manifests/churn-ft/spent", amount)])

spd_rules(detections) := {d.rule | some d in detections; startswith(d.rule, "SG-SPD-")}

test_clean_spend_detects_nothing if {
	count(detections_with_spend(clean_spend)) == 0
}

# --- SG-SPD-001 ---------------------------------------------------------------------------------

test_spd_001_spend_at_the_warning_threshold if {
	detections_with_spend(spent(240.00)) == {detection(
		"SG-SPD-001", "churn-ft", "/spec/budget/amount",
		{
			"spent": 240.00, "amount": 300, "warnAt": 0.8, "threshold": 240,
			"currency": "USD", "period": "total", "costColumn": "EffectiveCost",
		},
	)}
}

test_spd_001_spend_below_the_warning_threshold_passes if {
	count(detections_with_spend(spent(239.99))) == 0
}

test_spd_001_just_below_the_block_threshold if {
	spd_rules(detections_with_spend(spent(299.99))) == {"SG-SPD-001"}
}

test_spd_001_warn_at_from_the_parameters if {
	params := params_with([put("/liveSpend/warnAt", 0.5)])
	spend := spend_with([
		put("/manifests/churn-ft/spent", 150),
		put("/manifests/churn-ft/warnThreshold", 150),
	])
	run_with([clean_manifest], params, {"spend": spend}) == {detection(
		"SG-SPD-001", "churn-ft", "/spec/budget/amount",
		{
			"spent": 150, "amount": 300, "warnAt": 0.5, "threshold": 150,
			"currency": "USD", "period": "total", "costColumn": "EffectiveCost",
		},
	)}
}

# --- SG-SPD-002 ---------------------------------------------------------------------------------

# At the block threshold SG-SPD-002 fires, and SG-SPD-001 does not report the same spend again.
test_spd_002_spend_at_the_block_threshold if {
	detections_with_spend(spent(300.00)) == {detection(
		"SG-SPD-002", "churn-ft", "/spec/budget/amount",
		{
			"spent": 300.00, "amount": 300, "blockAt": 1.0, "threshold": 300,
			"currency": "USD", "period": "total", "costColumn": "EffectiveCost",
		},
	)}
}

test_spd_002_monthly_budget_past_the_block_threshold if {
	m := patched([put("/document/spec/budget/period", "monthly")])
	spend := spend_with([
		put("/manifests/churn-ft/period", "monthly"),
		put("/manifests/churn-ft/spent", 412.37),
	])
	spd_rules(run_with([m], default_params, {"spend": spend})) == {"SG-SPD-002"}
}

# Without thresholds (a budget that is not positive) neither SG-SPD-001 nor SG-SPD-002 fires.
test_spd_001_002_not_without_a_positive_budget if {
	m := patched([put("/document/spec/budget/amount", 0)])
	spend := json.patch(spent(500), [
		drop("/manifests/churn-ft/warnThreshold"),
		drop("/manifests/churn-ft/blockThreshold"),
	])
	spd_rules(run_with([m], default_params, {"spend": spend})) == set()
}

# --- SG-SPD-003 ---------------------------------------------------------------------------------

forecast(amount) := {
	"amount": amount, "end": "2026-11-23T09:00:00Z", "runRate": 150.00, "basisDays": 3,
	"daysLeft": 0.92, "method": "run-rate 150.00/day x 0.92 days to 2026-11-23T09:00:00Z + 100.00 spent",
}

test_spd_003_forecast_above_the_budget if {
	spend := spend_with([put("/manifests/churn-ft/forecast", forecast(300.01))])
	detections_with_spend(spend) == {detection(
		"SG-SPD-003", "churn-ft", "/spec/budget/amount",
		{
			"forecast": 300.01, "amount": 300, "currency": "USD",
			"method": forecast(300.01).method, "end": "2026-11-23T09:00:00Z", "runRate": 150.00,
			"daysLeft": 0.92,
		},
	)}
}

test_spd_003_forecast_at_the_budget_passes if {
	count(detections_with_spend(spend_with([put("/manifests/churn-ft/forecast", forecast(300))]))) == 0
}

test_spd_003_not_without_a_positive_budget if {
	m := patched([put("/document/spec/budget/amount", 0)])
	spend := spend_with([put("/manifests/churn-ft/forecast", forecast(900))])
	spd_rules(run_with([m], default_params, {"spend": spend})) == set()
}

# --- SG-SPD-004 ---------------------------------------------------------------------------------

anomaly(day_spend, median, threshold) := {
	"day": "2026-11-21", "spend": day_spend, "median": median, "threshold": threshold,
	"before": [{"day": "2026-11-14", "cost": median}],
}

test_spd_004_last_full_day_above_the_threshold if {
	spend := spend_with([put("/manifests/churn-ft/anomaly", anomaly(45.01, 15.00, 45))])
	detections_with_spend(spend) == {detection(
		"SG-SPD-004", "churn-ft", "/metadata/name",
		{
			"day": "2026-11-21", "spend": 45.01, "median": 15.00, "factor": 3.0,
			"threshold": 45, "currency": "USD",
		},
	)}
}

test_spd_004_at_the_threshold_or_without_a_window_passes if {
	count(detections_with_spend(spend_with([put("/manifests/churn-ft/anomaly", anomaly(45, 15, 45))]))) == 0
	count(detections_with_spend(clean_spend)) == 0
}

test_spd_004_factor_from_the_parameters if {
	params := params_with([put("/liveSpend/anomalyFactor", 2)])
	spend := spend_with([put("/manifests/churn-ft/anomaly", anomaly(31, 15, 30))])
	run_with([clean_manifest], params, {"spend": spend}) == {detection(
		"SG-SPD-004", "churn-ft", "/metadata/name",
		{"day": "2026-11-21", "spend": 31, "median": 15, "factor": 2, "threshold": 30, "currency": "USD"},
	)}
}

# --- SG-SPD-006 ---------------------------------------------------------------------------------

zombie(amount) := {
	"expiredAt": "2026-11-15T09:00:00Z", "spend": amount, "firstDay": "2026-11-16",
	"lastDay": "2026-11-21", "days": 6,
}

test_spd_006_spend_after_the_expiry if {
	spend := spend_with([put("/manifests/churn-ft/zombie", zombie(61.20))])
	detections_with_spend(spend) == {detection(
		"SG-SPD-006", "churn-ft", "/spec/ttl",
		{
			"expiredAt": "2026-11-15T09:00:00Z", "spend": 61.20, "firstDay": "2026-11-16",
			"lastDay": "2026-11-21", "days": 6, "currency": "USD",
		},
	)}
}

test_spd_006_not_without_spend_after_the_expiry if {
	count(detections_with_spend(clean_spend)) == 0
	count(detections_with_spend(spend_with([put("/manifests/churn-ft/zombie", zombie(0))]))) == 0
}

# --- SG-SPD-005 ---------------------------------------------------------------------------------

stale_evidence(newest_row, hours, max_staleness) := {
	"source": "focus.csv", "newestRow": newest_row, "stalenessHours": hours,
	"maxStaleness": max_staleness, "reason": "has no row newer than liveSpend.maxStaleness",
}

# A stale source concerns every manifest of the run, with or without spend of its own.
test_spd_005_stale_source_fires_for_every_manifest if {
	spend := spend_with([
		put("/newestRow", "2026-11-20T23:59:00Z"),
		put("/stalenessHours", 36.02),
	])
	run_with([clean_manifest, clean_gpu_manifest], default_params, {"spend": spend}) == {
		detection("SG-SPD-005", "churn-ft", "/metadata/name", stale_evidence("2026-11-20T23:59:00Z", 36.02, "36h")),
		detection("SG-SPD-005", "llama-lora", "/metadata/name", stale_evidence("2026-11-20T23:59:00Z", 36.02, "36h")),
	}
}

test_spd_005_at_the_maximum_passes if {
	spend := spend_with([put("/newestRow", "2026-11-21T00:00:00Z"), put("/stalenessHours", 36)])
	count(detections_with_spend(spend)) == 0
}

test_spd_005_max_staleness_from_the_parameters if {
	params := params_with([put("/liveSpend/maxStaleness", "2d"), put("/liveSpend/maxStalenessHours", 48)])
	spend := spend_with([put("/newestRow", "2026-11-20T06:00:00Z"), put("/stalenessHours", 54)])
	count(run_with([clean_manifest], params, {"spend": spend})) == 1
	count(run_with([clean_manifest], params_with([put("/liveSpend/maxStalenessHours", 54)]), {"spend": spend})) == 0
}

test_spd_005_source_without_rows if {
	spend := {"source": "empty.csv", "costColumn": "EffectiveCost", "currency": "USD", "manifests": {}}
	detections_with_spend(spend) == {detection(
		"SG-SPD-005", "churn-ft", "/metadata/name",
		{
			"source": "empty.csv", "newestRow": "none", "stalenessHours": "",
			"maxStaleness": "36h", "reason": "has no rows at all",
		},
	)}
}

# Without a spend source none of the live-spend rules applies.
test_spd_no_spend_source_no_spend_rules if {
	count(run_with([clean_manifest], default_params, {})) == 0
	count(run_with([clean_manifest], default_params, {"teams": {}})) == 0
}

# The spend of a manifest that is not in this request (another chunk's) is not judged here.
test_spd_only_the_manifests_of_the_request if {
	elsewhere := json.patch(clean_spend.manifests["churn-ft"], [put("/spent", 900)])
	spend := spend_with([put("/manifests/elsewhere", elsewhere)])
	count(detections_with_spend(spend)) == 0
}
