# Baseline pack, intent "gpu": GPUs outside production run on spot capacity and on a schedule,
# large allocations need an approval, and allocations are sized to be used.
package spendgate.packs.baseline

import rego.v1

# SG-GPU-001 on-demand GPUs outside production (capacity absent means on-demand)
detections contains d if {
	input.params.gpu.spotOutsideProduction == true
	some m in input.manifests
	outside_production(m.document)
	compute := m.document.spec.compute
	has_gpus(compute)
	object.get(compute, "capacity", "on-demand") == "on-demand"
	d := {
		"rule": "SG-GPU-001", "manifest": m.name, "path": "/spec/compute/capacity",
		"evidence": {
			"capacity": "on-demand", "gpuType": object.get(compute, "gpuType", ""),
			"gpuCount": object.get(compute, "gpuCount", ""),
		},
	}
}

# SG-GPU-002 always-on GPUs outside production
detections contains d if {
	input.params.gpu.scheduleOutsideProduction == true
	some m in input.manifests
	outside_production(m.document)
	compute := m.document.spec.compute
	has_gpus(compute)
	not "schedule" in object.keys(compute)
	always_on(m.document.kind, compute)
	d := {
		"rule": "SG-GPU-002", "manifest": m.name, "path": "/spec/compute/schedule",
		"evidence": {"kind": m.document.kind, "hoursPerDay": object.get(compute, "hoursPerDay", "")},
	}
}

# SG-GPU-003 more GPUs than allowed without approval
detections contains d if {
	limit := input.params.gpu.maxGpusWithoutApproval
	some m in input.manifests
	gpu_count := m.document.spec.compute.gpuCount
	gpu_count > limit
	d := {
		"rule": "SG-GPU-003", "manifest": m.name, "path": "/spec/compute/gpuCount",
		"evidence": {"gpuCount": gpu_count, "limit": limit},
	}
}

# SG-GPU-004 expected utilization below target
detections contains d if {
	target := input.params.gpu.targetUtilization
	some m in input.manifests
	utilization := m.document.spec.compute.expectedUtilization
	utilization < target
	d := {
		"rule": "SG-GPU-004", "manifest": m.name, "path": "/spec/compute/expectedUtilization",
		"evidence": {"expectedUtilization": utilization, "target": target},
	}
}

# An InferenceEndpoint, or compute up more than 12 hours a day.
always_on("InferenceEndpoint", _)

always_on(_, compute) if compute.hoursPerDay > 12
