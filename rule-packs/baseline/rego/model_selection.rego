# Baseline pack, intent "modelSelection": frontier models only for the tasks that need them (or
# with a justification), declared tiers that match the catalog, and only allowed models.
package spendgate.packs.baseline

import rego.v1

# SG-MOD-001 frontier tier without a frontier task
detections contains d if {
	frontier_task_types := input.params.modelSelection.frontierTaskTypes
	some m in input.manifests
	m.document.spec.modelTier == "frontier"
	unjustified_non_frontier_task(m.document.spec, frontier_task_types)
	d := {
		"rule": "SG-MOD-001", "manifest": m.name, "path": "/spec/modelTier",
		"evidence": {
			"taskType": object.get(m.document.spec, "taskType", ""),
			"frontierTaskTypes": frontier_task_types,
			"model": first_frontier_model(m),
			"declaredTier": "frontier",
			"frontier": sprintf("spec.modelTier: frontier; %s", [catalog_tiers_text(m)]),
		},
	}
}

# SG-MOD-001 frontier model without a frontier task (spec.modelTier absent or not frontier)
detections contains d if {
	frontier_task_types := input.params.modelSelection.frontierTaskTypes
	some m in input.manifests
	object.get(m.document.spec, "modelTier", "") != "frontier"
	unjustified_non_frontier_task(m.document.spec, frontier_task_types)
	i := min(frontier_model_indices(m))
	d := {
		"rule": "SG-MOD-001", "manifest": m.name, "path": model_path(i, "name"),
		"evidence": {
			"taskType": object.get(m.document.spec, "taskType", ""),
			"frontierTaskTypes": frontier_task_types,
			"model": m.document.spec.models[i].name,
			"declaredTier": object.get(m.document.spec, "modelTier", ""),
			"frontier": sprintf("model \"%s\" is frontier in the price catalog", [m.document.spec.models[i].name]),
		},
	}
}

# SG-MOD-002 declared tier differs from the catalog
detections contains d if {
	some m in input.manifests
	declared := m.document.spec.modelTier
	some i, model in m.document.spec.models
	catalog := m.catalogTiers[model.name]
	catalog != declared
	d := {
		"rule": "SG-MOD-002", "manifest": m.name, "path": model_path(i, "name"),
		"evidence": {"model": model.name, "declaredTier": declared, "catalogTier": catalog},
	}
}

# SG-MOD-003 model not allowed in the environment
detections contains d if {
	some m in input.manifests
	environment := m.document.metadata.environment
	allowed := input.params.modelSelection.allowedModels[environment]
	some i, model in m.document.spec.models
	not model.name in allowed
	d := {
		"rule": "SG-MOD-003", "manifest": m.name, "path": model_path(i, "name"),
		"evidence": {"model": model.name, "environment": environment, "allowed": allowed},
	}
}

# spec.taskType is absent or not a frontier task type, and spec.justification is absent or blank.
unjustified_non_frontier_task(spec, frontier_task_types) if {
	not frontier_task(spec, frontier_task_types)
	not justified(spec)
}

# A function of its own: `not spec.taskType in types` inline would be false, not true, when
# spec.taskType is absent.
frontier_task(spec, frontier_task_types) if spec.taskType in frontier_task_types

justified(spec) if {
	justification := spec.justification
	not blank(justification)
}

# The indices of the models of spec.models whose catalog tier is frontier.
frontier_model_indices(m) := {i |
	some i, model in m.document.spec.models
	m.catalogTiers[model.name] == "frontier"
}

# The name of the first model whose catalog tier is frontier, or "".
first_frontier_model(m) := m.document.spec.models[min(frontier_model_indices(m))].name

first_frontier_model(m) := "" if count(frontier_model_indices(m)) == 0

# The declared models with their catalog tiers, in manifest order: "gpt-4o-mini small, acme-llm not in the catalog".
catalog_tiers_text(m) := sprintf("catalog tiers: %s", [concat(", ", [sprintf("%s %s", [u.name, tier]) |
	some u in object.get(m.document.spec, "models", [])
	tier := object.get(m.catalogTiers, u.name, "not in the catalog")
])]) if {
	count(object.get(m.document.spec, "models", [])) > 0
}

catalog_tiers_text(m) := "no models declared" if count(object.get(m.document.spec, "models", [])) == 0
