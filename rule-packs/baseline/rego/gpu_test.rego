# Tests of the GPU rules (SG-GPU-001..004).
package spendgate.packs.baseline_test

import rego.v1

# --- SG-GPU-001 ---------------------------------------------------------------------------------

test_gpu_001_on_demand_gpus_outside_production if {
	every patch in [
		[put("/document/spec/compute/capacity", "on-demand")],
		[drop("/document/spec/compute/capacity")],
	] {
		detections_of(patched_gpu(patch)) == {detection(
			"SG-GPU-001", "llama-lora", "/spec/compute/capacity",
			{"capacity": "on-demand", "gpuType": "H100", "gpuCount": 2},
		)}
	}
}

test_gpu_001_absent_gpu_type_or_count_is_empty if {
	m := patched_gpu([
		drop("/document/spec/compute/capacity"),
		drop("/document/spec/compute/gpuType"),
	])
	detections_of(m) == {detection(
		"SG-GPU-001", "llama-lora", "/spec/compute/capacity",
		{"capacity": "on-demand", "gpuType": "", "gpuCount": 2},
	)}
	n := patched_gpu([
		drop("/document/spec/compute/capacity"),
		drop("/document/spec/compute/gpuCount"),
	])
	detections_of(n) == {detection(
		"SG-GPU-001", "llama-lora", "/spec/compute/capacity",
		{"capacity": "on-demand", "gpuType": "H100", "gpuCount": ""},
	)}
}

test_gpu_001_spot_reserved_production_and_no_gpus_pass if {
	every patch in [
		[put("/document/spec/compute/capacity", "reserved")],
		[
			drop("/document/spec/compute/capacity"),
			put("/document/metadata/environment", "production"),
		],
		[put("/document/spec/compute", {"hours": 5, "capacity": "on-demand"})],
	] {
		count(detections_of(patched_gpu(patch))) == 0
	}
}

test_gpu_001_off_by_parameter if {
	params := params_with([put("/gpu/spotOutsideProduction", false)])
	count(run([patched_gpu([drop("/document/spec/compute/capacity")])], params)) == 0
}

# --- SG-GPU-002 ---------------------------------------------------------------------------------

test_gpu_002_inference_endpoint_without_a_schedule if {
	m := patched_gpu([put("/document/kind", "InferenceEndpoint")])
	detections_of(m) == {detection(
		"SG-GPU-002", "llama-lora", "/spec/compute/schedule",
		{"kind": "InferenceEndpoint", "hoursPerDay": ""},
	)}
}

test_gpu_002_long_days_without_a_schedule if {
	m := patched_gpu([put("/document/spec/compute/hoursPerDay", 12.5)])
	detections_of(m) == {detection(
		"SG-GPU-002", "llama-lora", "/spec/compute/schedule",
		{"kind": "TrainingJob", "hoursPerDay": 12.5},
	)}
}

test_gpu_002_scheduled_short_days_production_and_no_gpus_pass if {
	every patch in [
		[put("/document/spec/compute/hoursPerDay", 12)],
		[
			put("/document/kind", "InferenceEndpoint"),
			put("/document/spec/compute/schedule", {}),
		],
		[
			put("/document/kind", "InferenceEndpoint"),
			put("/document/metadata/environment", "production"),
		],
		[
			put("/document/kind", "InferenceEndpoint"),
			drop("/document/spec/compute/gpuType"),
			drop("/document/spec/compute/gpuCount"),
		],
	] {
		count(detections_of(patched_gpu(patch))) == 0
	}
}

test_gpu_002_off_by_parameter if {
	params := params_with([put("/gpu/scheduleOutsideProduction", false)])
	count(run([patched_gpu([put("/document/kind", "InferenceEndpoint")])], params)) == 0
}

# --- SG-GPU-003 ---------------------------------------------------------------------------------

test_gpu_003_more_gpus_than_allowed_without_approval if {
	m := patched_gpu([
		put("/document/spec/compute/gpuCount", 9),
		put("/document/metadata/environment", "production"),
	])
	detections_of(m) == {detection("SG-GPU-003", "llama-lora", "/spec/compute/gpuCount", {"gpuCount": 9, "limit": 8})}
}

test_gpu_003_at_the_limit_passes if {
	count(detections_of(patched_gpu([put("/document/spec/compute/gpuCount", 8)]))) == 0
}

test_gpu_003_limit_from_the_parameters if {
	params := params_with([put("/gpu/maxGpusWithoutApproval", 1)])
	run([clean_gpu_manifest], params) == {detection(
		"SG-GPU-003", "llama-lora", "/spec/compute/gpuCount",
		{"gpuCount": 2, "limit": 1},
	)}
}

# --- SG-GPU-004 ---------------------------------------------------------------------------------

test_gpu_004_expected_utilization_below_target if {
	m := patched_gpu([put("/document/spec/compute/expectedUtilization", 0.59)])
	detections_of(m) == {detection(
		"SG-GPU-004", "llama-lora", "/spec/compute/expectedUtilization",
		{"expectedUtilization": 0.59, "target": 0.6},
	)}
}

test_gpu_004_at_the_target_or_unknown_passes if {
	count(detections_of(patched_gpu([put("/document/spec/compute/expectedUtilization", 0.6)]))) == 0
	count(detections_of(patched_gpu([drop("/document/spec/compute/expectedUtilization")]))) == 0
}

test_gpu_004_target_from_the_parameters if {
	params := params_with([put("/gpu/targetUtilization", 0.8)])
	run([clean_gpu_manifest], params) == {detection(
		"SG-GPU-004", "llama-lora", "/spec/compute/expectedUtilization",
		{"expectedUtilization": 0.75, "target": 0.8},
	)}
}
