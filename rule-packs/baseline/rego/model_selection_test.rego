# Tests of the model selection rules (SG-MOD-001..003).
package spendgate.packs.baseline_test

import rego.v1

# --- SG-MOD-001 ---------------------------------------------------------------------------------

frontier_tier := patched([
	put("/document/spec/modelTier", "frontier"),
	put("/catalogTiers/gpt-4o-mini", "frontier"),
])

test_mod_001_frontier_tier_without_a_frontier_task if {
	detections_of(frontier_tier) == {detection(
		"SG-MOD-001", "churn-ft", "/spec/modelTier",
		{
			"taskType": "classification", "frontierTaskTypes": ["reasoning", "generation"], "model": "gpt-4o-mini",
			"declaredTier": "frontier", "frontier": "spec.modelTier: frontier; catalog tiers: gpt-4o-mini frontier",
		},
	)}
}

test_mod_001_frontier_tier_names_the_first_frontier_model if {
	m := json.patch(frontier_tier, [put("/document/spec/models", [
		clean_model("o3-mini"), clean_model("gpt-4o"),
		clean_model("o1"),
	])])
	{d | some d in detections_of(m); d.rule == "SG-MOD-001"} == {detection(
		"SG-MOD-001", "churn-ft", "/spec/modelTier",
		{
			"taskType": "classification", "frontierTaskTypes": ["reasoning", "generation"], "model": "gpt-4o", "declaredTier": "frontier",
			"frontier": "spec.modelTier: frontier; catalog tiers: o3-mini mid, gpt-4o frontier, o1 frontier",
		},
	)}
}

# Declared frontier with no frontier model in the catalog: model is "".
test_mod_001_frontier_tier_without_a_frontier_model if {
	m := patched([
		put("/document/spec/modelTier", "frontier"),
		drop("/document/spec/taskType"),
	])
	detections_of(m) == {
		detection(
			"SG-MOD-001", "churn-ft", "/spec/modelTier",
			{
				"taskType": "", "frontierTaskTypes": ["reasoning", "generation"], "model": "", "declaredTier": "frontier",
				"frontier": "spec.modelTier: frontier; catalog tiers: gpt-4o-mini small",
			},
		),
		detection(
			"SG-MOD-002", "churn-ft", "/spec/models/0/name",
			{"model": "gpt-4o-mini", "declaredTier": "frontier", "catalogTier": "small"},
		),
	}
}

test_mod_001_first_frontier_model_without_a_frontier_task if {
	m := patched([
		drop("/document/spec/modelTier"),
		put("/document/spec/models", [
			clean_model("gpt-4o-mini"), clean_model("o1"),
			clean_model("gpt-4o"),
		]),
	])
	detections_of(m) == {detection(
		"SG-MOD-001", "churn-ft", "/spec/models/1/name",
		{
			"taskType": "classification", "frontierTaskTypes": ["reasoning", "generation"], "model": "o1", "declaredTier": "",
			"frontier": "model \"o1\" is frontier in the price catalog",
		},
	)}
}

# A tier other than frontier does not hide a frontier model.
test_mod_001_frontier_model_under_a_smaller_declared_tier if {
	m := patched([put("/document/spec/models/-", clean_model("gpt-4o"))])
	detections_of(m) == {
		detection(
			"SG-MOD-001", "churn-ft", "/spec/models/1/name",
			{
				"taskType": "classification", "frontierTaskTypes": ["reasoning", "generation"], "model": "gpt-4o", "declaredTier": "small",
				"frontier": "model \"gpt-4o\" is frontier in the price catalog",
			},
		),
		detection(
			"SG-MOD-002", "churn-ft", "/spec/models/1/name",
			{"model": "gpt-4o", "declaredTier": "small", "catalogTier": "frontier"},
		),
	}
}

test_mod_001_frontier_task_passes if {
	every task in ["reasoning", "generation"] {
		count(detections_of(json.patch(frontier_tier, [put("/document/spec/taskType", task)]))) == 0
	}
}

test_mod_001_frontier_task_types_from_the_parameters if {
	params := params_with([put("/modelSelection/frontierTaskTypes", ["classification"])])
	count(run([frontier_tier], params)) == 0
}

test_mod_001_justification_passes if {
	every justification in ["evaluation against the frontier baseline", " x ", "\u00a0", "\u2007"] {
		m := json.patch(frontier_tier, [put("/document/spec/justification", justification)])
		count(detections_of(m)) == 0
	}
}

# A blank justification (Java's String.isBlank) justifies nothing.
test_mod_001_blank_justification if {
	every justification in ["", "   ", "\t\n", "\u000b", "\u3000"] {
		m := json.patch(frontier_tier, [put("/document/spec/justification", justification)])
		{d.rule | some d in detections_of(m)} == {"SG-MOD-001"}
	}
}

test_mod_001_small_models_pass if {
	m := patched([drop("/document/spec/modelTier")])
	count(detections_of(m)) == 0
}

# --- SG-MOD-002 ---------------------------------------------------------------------------------

test_mod_002_declared_tier_differs_from_the_catalog if {
	m := patched([
		put("/document/spec/modelTier", "mid"),
		put("/document/spec/taskType", "reasoning"),
		put("/document/spec/models", [
			clean_model("gpt-4o-mini"), clean_model("unknown-model"),
			clean_model("o3-mini"), clean_model("o1"),
		]),
	])
	detections_of(m) == {
		detection(
			"SG-MOD-002", "churn-ft", "/spec/models/0/name",
			{"model": "gpt-4o-mini", "declaredTier": "mid", "catalogTier": "small"},
		),
		detection(
			"SG-MOD-002", "churn-ft", "/spec/models/3/name",
			{"model": "o1", "declaredTier": "mid", "catalogTier": "frontier"},
		),
	}
}

test_mod_002_not_without_a_declared_tier if {
	m := patched([
		drop("/document/spec/modelTier"),
		put("/document/spec/models", [clean_model("o3-mini")]),
	])
	count(detections_of(m)) == 0
}

# --- SG-MOD-003 ---------------------------------------------------------------------------------

allowed_models := params_with([put("/modelSelection/allowedModels", {
	"production": ["gpt-4o", "gpt-4o-mini"],
	"dev": ["o3-mini"],
})])

test_mod_003_model_not_allowed_in_the_environment if {
	m := patched([
		drop("/document/spec/modelTier"),
		put("/document/spec/models", [
			clean_model("o3-mini"), clean_model("gpt-4o-mini"),
			clean_model("o3-mini"), clean_model("claude-3-haiku"),
		]),
	])
	run([m], allowed_models) == {
		detection(
			"SG-MOD-003", "churn-ft", "/spec/models/1/name",
			{"model": "gpt-4o-mini", "environment": "dev", "allowed": ["o3-mini"]},
		),
		detection(
			"SG-MOD-003", "churn-ft", "/spec/models/3/name",
			{"model": "claude-3-haiku", "environment": "dev", "allowed": ["o3-mini"]},
		),
	}
}

test_mod_003_allowed_models_pass if {
	m := patched([put("/document/metadata/environment", "production")])
	count(run([m], allowed_models)) == 0
}

test_mod_003_any_model_in_an_environment_not_listed if {
	m := patched([put("/document/metadata/environment", "staging")])
	count(run([m], allowed_models)) == 0
}

test_mod_003_an_empty_list_allows_no_model if {
	params := params_with([put("/modelSelection/allowedModels", {"dev": []})])
	run([clean_manifest], params) == {detection(
		"SG-MOD-003", "churn-ft", "/spec/models/0/name",
		{"model": "gpt-4o-mini", "environment": "dev", "allowed": []},
	)}
}
