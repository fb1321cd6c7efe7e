# Tests of the token rules (SG-TOK-001..005).
package spendgate.packs.baseline_test

import rego.v1

# The clean manifest with a second model, changed by a JSON patch of that model.
second_model(patch) := patched([put("/document/spec/models/-", json.patch(clean_model("claude-3-haiku"), patch))])

# --- SG-TOK-001 ---------------------------------------------------------------------------------

test_tok_001_no_output_token_limit if {
	detections_of(second_model([drop("/maxOutputTokens")])) == {detection(
		"SG-TOK-001", "churn-ft", "/spec/models/1/maxOutputTokens",
		{"model": "claude-3-haiku"},
	)}
}

test_tok_001_output_token_limit_passes if {
	count(detections_of(second_model([put("/maxOutputTokens", 1)]))) == 0
}

# An embedding model or a reranker writes no output tokens: nothing to cap.
test_tok_001_outputless_models_pass if {
	every mode in ["embedding", "rerank"] {
		m := json.patch(second_model([drop("/maxOutputTokens")]), [put("/catalogModes", {"claude-3-haiku": mode})])
		count(detections_of(m)) == 0
	}
	m := json.patch(second_model([drop("/maxOutputTokens")]), [put("/catalogModes", {"claude-3-haiku": "text"})])
	count(detections_of(m)) == 1
}

# --- SG-TOK-002 ---------------------------------------------------------------------------------

test_tok_002_system_prompt_above_the_limit if {
	detections_of(second_model([put("/systemPromptTokens", 501)])) == {detection(
		"SG-TOK-002", "churn-ft", "/spec/models/1/systemPromptTokens",
		{"model": "claude-3-haiku", "systemPromptTokens": 501, "limit": 500},
	)}
}

test_tok_002_system_prompt_at_the_limit_passes if {
	count(detections_of(second_model([put("/systemPromptTokens", 500)]))) == 0
	count(detections_of(second_model([drop("/systemPromptTokens")]))) == 0
}

# --- SG-TOK-003 ---------------------------------------------------------------------------------

test_tok_003_no_input_token_limit if {
	detections_of(second_model([drop("/maxInputTokens")])) == {detection(
		"SG-TOK-003", "churn-ft", "/spec/models/1/maxInputTokens",
		{"model": "claude-3-haiku", "maxInputTokens": "", "limit": 32000, "reason": "missing"},
	)}
}

test_tok_003_input_token_limit_above_the_maximum if {
	detections_of(second_model([put("/maxInputTokens", 32001)])) == {detection(
		"SG-TOK-003", "churn-ft", "/spec/models/1/maxInputTokens",
		{"model": "claude-3-haiku", "maxInputTokens": 32001, "limit": 32000, "reason": "above the limit"},
	)}
}

test_tok_003_input_token_limit_at_the_maximum_passes if {
	count(detections_of(second_model([put("/maxInputTokens", 32000)]))) == 0
}

# --- SG-TOK-004 ---------------------------------------------------------------------------------

test_tok_004_large_system_prompt_not_cached if {
	params := params_with([put("/tokens/maxSystemPromptTokens", 2000)])
	every patch in [
		[drop("/promptCaching")],
		[put("/promptCaching", false)],
	] {
		m := second_model(array.concat(patch, [
			put("/systemPromptTokens", 1024),
			put("/requestsPerDay", 1000),
		]))
		run([m], params) == {detection(
			"SG-TOK-004", "churn-ft", "/spec/models/1/promptCaching",
			{"model": "claude-3-haiku", "systemPromptTokens": 1024, "requestsPerDay": 1000},
		)}
	}
}

test_tok_004_small_prompts_quiet_models_and_cached_prompts_pass if {
	params := params_with([put("/tokens/maxSystemPromptTokens", 2000)])
	every patch in [
		[put("/systemPromptTokens", 1023), drop("/promptCaching")],
		[put("/systemPromptTokens", 1500), put("/requestsPerDay", 999), drop("/promptCaching")],
		[put("/systemPromptTokens", 1500), drop("/requestsPerDay"), drop("/promptCaching")],
		[put("/systemPromptTokens", 1500), put("/requestsPerDay", 5000)],
	] {
		count(run([second_model(patch)], params)) == 0
	}
}

# --- SG-TOK-005 ---------------------------------------------------------------------------------

test_tok_005_no_retry_limit if {
	detections_of(second_model([drop("/maxRetries")])) == {detection(
		"SG-TOK-005", "churn-ft", "/spec/models/1/maxRetries",
		{"model": "claude-3-haiku", "maxRetries": "", "limit": 3, "reason": "missing"},
	)}
}

test_tok_005_retries_above_the_maximum if {
	detections_of(second_model([put("/maxRetries", 4)])) == {detection(
		"SG-TOK-005", "churn-ft", "/spec/models/1/maxRetries",
		{"model": "claude-3-haiku", "maxRetries": 4, "limit": 3, "reason": "above the limit"},
	)}
}

test_tok_005_retries_at_the_maximum_pass if {
	count(detections_of(second_model([put("/maxRetries", 3)]))) == 0
	count(detections_of(second_model([put("/maxRetries", 0)]))) == 0
}

# --- all token rules at once --------------------------------------------------------------------

test_tok_bare_model_and_limits_from_the_parameters if {
	params := params_with([put("/tokens", {"maxSystemPromptTokens": 0, "maxInputTokens": 1, "maxRetries": 0})])
	m := patched([put("/document/spec/models/-", {"name": "bare"})])
	run([m], params) == {
		detection(
			"SG-TOK-002", "churn-ft", "/spec/models/0/systemPromptTokens",
			{"model": "gpt-4o-mini", "systemPromptTokens": 350, "limit": 0},
		),
		detection(
			"SG-TOK-003", "churn-ft", "/spec/models/0/maxInputTokens",
			{"model": "gpt-4o-mini", "maxInputTokens": 8000, "limit": 1, "reason": "above the limit"},
		),
		detection(
			"SG-TOK-005", "churn-ft", "/spec/models/0/maxRetries",
			{"model": "gpt-4o-mini", "maxRetries": 2, "limit": 0, "reason": "above the limit"},
		),
		detection("SG-TOK-001", "churn-ft", "/spec/models/1/maxOutputTokens", {"model": "bare"}),
		detection(
			"SG-TOK-003", "churn-ft", "/spec/models/1/maxInputTokens",
			{"model": "bare", "maxInputTokens": "", "limit": 1, "reason": "missing"},
		),
		detection(
			"SG-TOK-005", "churn-ft", "/spec/models/1/maxRetries",
			{"model": "bare", "maxRetries": "", "limit": 0, "reason": "missing"},
		),
	}
}
