# The baseline pack's checks that conftest can make on one manifest file at a time, for
# bench/vs-conftest.sh, with the shipped default parameters written in (spendgate reads them from
# the policy set). Each deny message starts with the spendgate rule id it stands for.
#
# Not expressible here, because they need what spendgate computes or reads besides the file:
#   SG-BUD-003, SG-BUD-004, SG-UNIT-001, SG-CHG-004  the cost estimate (price catalog and cost model)
#   SG-BUD-005                                      all of a team's manifests together
#   SG-MOD-002, SG-MOD-001 (its catalog half)       the price catalog's model tiers
#   SG-MOD-003                                      (no allowed-models list by default: nothing to check)
#   SG-TTL-003                                      a fixed clock (spendgate's --now)
#   SG-SPD-001..005                                 live spend
#   SG-CHG-001..003                                 the base revision of a change
#   SG-WVR-001..004                                 the waivers file
# nor spendgate's schema validation of the manifest itself.
package main

import rego.v1

email_pattern := `^[^@ \t\n\x0B\f\r]+@[^@ \t\n\x0B\f\r]+\.[^@ \t\n\x0B\f\r]+$`

handle_pattern := `^@[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9._-]+)?$`

outside_production if input.metadata.environment != "production"

models := object.get(input.spec, "models", [])

compute := object.get(input.spec, "compute", {})

has_gpus if compute.gpuCount > 0

has_gpus if {
	not "gpuCount" in object.keys(compute)
	"gpuType" in object.keys(compute)
}

ttl_hours := to_number(trim_suffix(input.spec.ttl, "h")) if endswith(input.spec.ttl, "h")

ttl_hours := to_number(trim_suffix(input.spec.ttl, "d")) * 24 if endswith(input.spec.ttl, "d")

ttl_hours := to_number(trim_suffix(input.spec.ttl, "w")) * 168 if endswith(input.spec.ttl, "w")

deny contains "SG-OWN-001: owner missing" if not input.metadata.owner

deny contains msg if {
	owner := input.metadata.owner
	not regex.match(email_pattern, owner)
	not regex.match(handle_pattern, owner)
	msg := sprintf("SG-OWN-001: owner %q is not an e-mail address or @handle", [owner])
}

deny contains "SG-OWN-002: team missing" if not input.metadata.team

deny contains "SG-OWN-003: tag costCenter missing" if {
	not input.metadata.costCenter
	not input.metadata.labels.costCenter
}

deny contains "SG-BUD-001: budget missing" if not input.spec.budget

deny contains "SG-BUD-001: budget amount missing" if {
	input.spec.budget
	not "amount" in object.keys(input.spec.budget)
}

deny contains "SG-BUD-001: budget amount not positive" if input.spec.budget.amount <= 0

deny contains msg if {
	outside_production
	input.spec.budget.amount > 1000
	msg := sprintf("SG-BUD-002: budget %v above the per-experiment limit 1000", [input.spec.budget.amount])
}

deny contains "SG-TTL-001: no ttl outside production" if {
	outside_production
	not input.spec.ttl
}

deny contains msg if {
	outside_production
	ttl_hours > 24
	msg := sprintf("SG-TTL-002: ttl %s above the maximum 24h", [input.spec.ttl])
}

deny contains msg if {
	input.spec.modelTier == "frontier"
	not input.spec.taskType in {"reasoning", "generation"}
	not regex.match(`\S`, object.get(input.spec, "justification", ""))
	msg := sprintf("SG-MOD-001: frontier tier for task %v without a justification", [object.get(input.spec, "taskType", "")])
}

deny contains msg if {
	some i, model in models
	not "maxOutputTokens" in object.keys(model)
	msg := sprintf("SG-TOK-001: models[%d] (%s) has no maxOutputTokens", [i, model.name])
}

deny contains msg if {
	some i, model in models
	model.systemPromptTokens > 500
	msg := sprintf("SG-TOK-002: models[%d] systemPromptTokens %v above 500", [i, model.systemPromptTokens])
}

deny contains msg if {
	some i, model in models
	not "maxInputTokens" in object.keys(model)
	msg := sprintf("SG-TOK-003: models[%d] has no maxInputTokens", [i])
}

deny contains msg if {
	some i, model in models
	model.maxInputTokens > 32000
	msg := sprintf("SG-TOK-003: models[%d] maxInputTokens %v above 32000", [i, model.maxInputTokens])
}

warn contains msg if {
	some i, model in models
	object.get(model, "promptCaching", false) != true
	model.systemPromptTokens >= 1024
	model.requestsPerDay >= 1000
	msg := sprintf("SG-TOK-004: models[%d] should cache its system prompt", [i])
}

deny contains msg if {
	some i, model in models
	not "maxRetries" in object.keys(model)
	msg := sprintf("SG-TOK-005: models[%d] has no maxRetries", [i])
}

deny contains msg if {
	some i, model in models
	model.maxRetries > 3
	msg := sprintf("SG-TOK-005: models[%d] maxRetries %v above 3", [i, model.maxRetries])
}

deny contains "SG-GPU-001: GPUs outside production on on-demand capacity" if {
	outside_production
	has_gpus
	object.get(compute, "capacity", "on-demand") == "on-demand"
}

deny contains "SG-GPU-002: always-on GPUs outside production without a schedule" if {
	outside_production
	has_gpus
	not "schedule" in object.keys(compute)
	always_on
}

always_on if input.kind == "InferenceEndpoint"

always_on if compute.hoursPerDay > 12

deny contains msg if {
	compute.gpuCount > 8
	msg := sprintf("SG-GPU-003: %v GPUs need an approval (limit 8)", [compute.gpuCount])
}

warn contains msg if {
	compute.expectedUtilization < 0.6
	msg := sprintf("SG-GPU-004: expected utilization %v below 0.6", [compute.expectedUtilization])
}
