# Baseline pack, intent "tokens": every LLM call is bounded (output, input, retries) and large
# system prompts are cached.
package spendgate.packs.baseline

import rego.v1

# SG-TOK-001 no output token limit
detections contains d if {
	some m in input.manifests
	some i, model in m.document.spec.models
	not "maxOutputTokens" in object.keys(model)
	not outputless(m, model)
	d := {
		"rule": "SG-TOK-001", "manifest": m.name, "path": model_path(i, "maxOutputTokens"),
		"evidence": {"model": model.name},
	}
}

# SG-TOK-002 system prompt above the limit
detections contains d if {
	limit := input.params.tokens.maxSystemPromptTokens
	some m in input.manifests
	some i, model in m.document.spec.models
	model.systemPromptTokens > limit
	d := {
		"rule": "SG-TOK-002", "manifest": m.name, "path": model_path(i, "systemPromptTokens"),
		"evidence": {"model": model.name, "systemPromptTokens": model.systemPromptTokens, "limit": limit},
	}
}

# SG-TOK-003 no input token limit
detections contains d if {
	limit := input.params.tokens.maxInputTokens
	some m in input.manifests
	some i, model in m.document.spec.models
	not "maxInputTokens" in object.keys(model)
	d := {
		"rule": "SG-TOK-003", "manifest": m.name, "path": model_path(i, "maxInputTokens"),
		"evidence": {"model": model.name, "maxInputTokens": "", "limit": limit, "reason": "missing"},
	}
}

# SG-TOK-003 input token limit above the maximum
detections contains d if {
	limit := input.params.tokens.maxInputTokens
	some m in input.manifests
	some i, model in m.document.spec.models
	model.maxInputTokens > limit
	d := {
		"rule": "SG-TOK-003", "manifest": m.name, "path": model_path(i, "maxInputTokens"),
		"evidence": {
			"model": model.name, "maxInputTokens": model.maxInputTokens,
			"limit": limit, "reason": "above the limit",
		},
	}
}

# SG-TOK-004 large system prompt not cached (promptCaching absent or false)
detections contains d if {
	some m in input.manifests
	some i, model in m.document.spec.models
	object.get(model, "promptCaching", false) != true
	model.systemPromptTokens >= 1024
	model.requestsPerDay >= 1000
	d := {
		"rule": "SG-TOK-004", "manifest": m.name, "path": model_path(i, "promptCaching"),
		"evidence": {
			"model": model.name, "systemPromptTokens": model.systemPromptTokens,
			"requestsPerDay": model.requestsPerDay,
		},
	}
}

# SG-TOK-005 no retry limit
detections contains d if {
	limit := input.params.tokens.maxRetries
	some m in input.manifests
	some i, model in m.document.spec.models
	not "maxRetries" in object.keys(model)
	d := {
		"rule": "SG-TOK-005", "manifest": m.name, "path": model_path(i, "maxRetries"),
		"evidence": {"model": model.name, "maxRetries": "", "limit": limit, "reason": "missing"},
	}
}

# SG-TOK-005 retries above the maximum
detections contains d if {
	limit := input.params.tokens.maxRetries
	some m in input.manifests
	some i, model in m.document.spec.models
	model.maxRetries > limit
	d := {
		"rule": "SG-TOK-005", "manifest": m.name, "path": model_path(i, "maxRetries"),
		"evidence": {"model": model.name, "maxRetries": model.maxRetries, "limit": limit, "reason": "above the limit"},
	}
}

# An embedding model or a reranker (by the price catalog) writes no output tokens to cap.
outputless(m, model) if object.get(m, ["catalogModes", model.name], "text") != "text"
