# Fixtures of the baseline pack's tests, and tests of the helpers that stand in for the Drools
# fact classes. Every test runs the pack on a manifest that meets every rule but the one at hand,
# and compares the whole set of detections, so a rule that fires too often fails its test too.
package spendgate.packs.baseline_test

import rego.v1

import data.spendgate.packs.baseline

# The parameters of a policy set that sets none, as the input document carries them.
default_params := {
	"ownership": {"requiredTags": ["costCenter"], "teams": []},
	"budgets": {"maxPerExperiment": 1000, "approvalAbove": 5000, "teams": {}},
	"expiry": {"maxTtl": "24h", "maxTtlHours": 24},
	"modelSelection": {"frontierTaskTypes": ["reasoning", "generation"], "allowedModels": {}},
	"tokens": {"maxSystemPromptTokens": 500, "maxInputTokens": 32000, "maxRetries": 3},
	"gpu": {
		"spotOutsideProduction": true, "scheduleOutsideProduction": true,
		"maxGpusWithoutApproval": 8, "targetUtilization": 0.6,
	},
	"liveSpend": {
		"warnAt": 0.8, "blockAt": 1.0, "maxStaleness": "36h", "maxStalenessHours": 36,
		"anomalyFactor": 3.0, "costColumn": "EffectiveCost",
		"tags": {"manifest": "spendgate-manifest", "team": "team"},
	},
	"changes": {"maxBudgetIncrease": 0.5, "maxEstimateIncrease": {"percent": 50, "text": "50%"}},
}

now := "2026-11-22T12:00:00Z"

# A dev LLM workflow that meets every baseline rule.
clean_manifest := {
	"name": "churn-ft",
	"file": "manifests/churn-ft.yaml",
	"document": {
		"apiVersion": "spendgate.dev/v1",
		"kind": "LlmWorkflow",
		"metadata": {
			"name": "churn-ft", "team": "growth-ml", "owner": "alice@example.com",
			"environment": "dev", "costCenter": "CC-4410",
		},
		"spec": {
			"purpose": "classify churn reasons",
			"taskType": "classification",
			"modelTier": "small",
			"budget": {"amount": 300, "currency": "USD", "period": "total"},
			"ttl": "24h",
			"models": [clean_model("gpt-4o-mini")],
		},
	},
	"derived": {"tags": {"costCenter": "CC-4410"}, "ttlHours": 24},
	"estimate": {"total": 3.19, "currency": "USD", "complete": true},
	"catalogTiers": {"gpt-4o-mini": "small", "gpt-4o": "frontier", "o1": "frontier", "o3-mini": "mid"},
}

clean_model(name) := {
	"name": name, "provider": "openai", "maxOutputTokens": 512, "maxInputTokens": 8000,
	"systemPromptTokens": 350, "requestsPerDay": 2000, "promptCaching": true, "maxRetries": 2,
}

# A dev training job on spot GPUs, used and bounded, that meets every baseline rule.
clean_gpu_manifest := json.patch(clean_manifest, [
	put("/name", "llama-lora"),
	put("/document/kind", "TrainingJob"),
	put("/document/metadata/name", "llama-lora"),
	put("/document/spec/taskType", "training"),
	drop("/document/spec/modelTier"),
	drop("/document/spec/models"),
	put("/document/spec/compute", {
		"gpuType": "H100", "gpuCount": 2, "hours": 12,
		"capacity": "spot", "expectedUtilization": 0.75,
	}),
	put("/estimate/total", 72.5),
])

# The detections of the pack for manifests with parameters params: the one place where the tests
# give the pack its input, so every test reads as manifest in, detections out.
run(manifests, params) := result if {
	# regal ignore:with-outside-test-context,external-reference
	result := baseline.detections with input as {"now": now, "params": params, "manifests": manifests}
}

# The detections of the pack for manifests with parameters params and the further members of the
# input document in more (spend, teams).
run_with(manifests, params, more) := result if {
	# regal ignore:external-reference
	doc := object.union(more, {"now": now, "params": params, "manifests": manifests})

	# regal ignore:with-outside-test-context,external-reference
	result := baseline.detections with input as doc
}

# The detections of the pack for one manifest with the default parameters.
detections_of(manifest) := run([manifest], default_params)

# The clean manifest changed by a JSON patch.
patched(patch) := json.patch(clean_manifest, patch)

# The clean GPU manifest changed by a JSON patch.
patched_gpu(patch) := json.patch(clean_gpu_manifest, patch)

# The default parameters changed by a JSON patch.
params_with(patch) := json.patch(default_params, patch)

# JSON patch operations: put sets the member at path (adding or replacing it), or appends to a
# list at path .../-; drop removes it.
put(path, value) := {"op": "add", "path": path, "value": value}

drop(path) := {"op": "remove", "path": path}

detection(rule, manifest, path, evidence) := {
	"rule": rule, "manifest": manifest,
	"path": path, "evidence": evidence,
}

test_clean_manifests_detect_nothing if {
	count(detections_of(clean_manifest)) == 0
	count(detections_of(clean_gpu_manifest)) == 0
	count(run([clean_manifest, clean_gpu_manifest], default_params)) == 0
}

test_no_manifests_detect_nothing if {
	count(run([], default_params)) == 0
}

test_outside_production if {
	baseline.outside_production({"metadata": {"environment": "dev"}})
	baseline.outside_production({"metadata": {"environment": "staging"}})
	not baseline.outside_production({"metadata": {"environment": "production"}})
}

test_has_gpus if {
	baseline.has_gpus({"gpuCount": 1})
	baseline.has_gpus({"gpuCount": 1, "gpuType": "H100"})
	baseline.has_gpus({"gpuType": "H100"})
	not baseline.has_gpus({"gpuCount": 0, "gpuType": "H100"})
	not baseline.has_gpus({"hours": 10})
	not baseline.has_gpus({})
}

test_pointer_token if {
	baseline.pointer_token("costCenter") == "costCenter"
	baseline.pointer_token("a/b") == "a~1b"
	baseline.pointer_token("x~y") == "x~0y"
	baseline.pointer_token("~/") == "~0~1"
	baseline.pointer_token("~1") == "~01"
}

test_blank_is_java_is_blank if {
	baseline.blank("")
	baseline.blank(" \t\n\u000b\f\r")
	baseline.blank("\u001c\u001d\u001e\u001f")
	baseline.blank("\u1680\u2000\u2006\u2008\u200a\u2028\u2029\u205f\u3000")
	not baseline.blank(" x ")
	not baseline.blank("\u00a0") # no-break spaces are not white space to Java
	not baseline.blank("\u2007")
	not baseline.blank("\u202f")
	not baseline.blank("\u0085")
	not baseline.blank("\u180e")
}

test_instant_before if {
	baseline.instant_before("2026-11-22T11:59:59Z", "2026-11-22T12:00:00Z")
	not baseline.instant_before("2026-11-22T12:00:00Z", "2026-11-22T12:00:00Z")
	not baseline.instant_before("2026-11-22T12:00:01Z", "2026-11-22T12:00:00Z")
}

test_instant_before_compares_fractions_as_numbers if {
	baseline.instant_before("2026-11-22T12:00:00Z", "2026-11-22T12:00:00.001Z")
	baseline.instant_before("2026-11-22T12:00:00.5Z", "2026-11-22T12:00:00.500000001Z")
	baseline.instant_before("2026-11-22T11:59:59.999999999Z", "2026-11-22T12:00:00Z")
	not baseline.instant_before("2026-11-22T12:00:00.500Z", "2026-11-22T12:00:00.5Z")
	not baseline.instant_before("2026-11-22T12:00:00.5Z", "2026-11-22T12:00:00.500Z")
	not baseline.instant_before("2026-11-22T12:00:00.100Z", "2026-11-22T12:00:00Z")
}

test_instant_before_covers_every_year if {
	baseline.instant_before("1026-11-01T01:00:00Z", "2026-11-22T12:00:00Z")
	baseline.instant_before("0000-01-01T00:00:00Z", "0001-01-01T00:00:00Z")
	baseline.instant_before("9999-12-31T23:59:59Z", "+10000-01-01T00:00:00Z")
	baseline.instant_before("+10000-01-01T00:00:00Z", "+100000-01-01T00:00:00Z")
	baseline.instant_before("-0001-12-31T07:00:00Z", "2026-11-22T12:00:00Z")
	not baseline.instant_before("3026-11-01T00:00:00Z", "2026-11-22T12:00:00Z")
	not baseline.instant_before("+10000-01-01T00:00:00Z", "2026-11-22T12:00:00Z")
}
