# Tests of the ownership rules (SG-OWN-001..003).
package spendgate.packs.baseline_test

import rego.v1

# --- SG-OWN-001 ---------------------------------------------------------------------------------

test_own_001_missing_owner if {
	detections_of(patched([drop("/document/metadata/owner")])) == {detection(
		"SG-OWN-001", "churn-ft", "/metadata/owner",
		{"owner": "", "reason": "missing"},
	)}
}

test_own_001_owner_neither_email_nor_handle if {
	every owner in ["alice", "", "alice@example", "@acme/", "@-acme", "ali ce@example.com", "a@b@example.com"] {
		detections_of(patched([put("/document/metadata/owner", owner)])) == {detection(
			"SG-OWN-001", "churn-ft", "/metadata/owner",
			{"owner": owner, "reason": "not an e-mail address or @handle"},
		)}
	}
}

# Java's \s has \x0B (vertical tab), which RE2's \s lacks.
test_own_001_java_white_space_breaks_an_email if {
	every owner in [
		"a\u000bb@example.com", "a\tb@example.com", "a\fb@example.com",
		"alice@example.com\n", "alice@example.com\r",
	] {
		detections_of(patched([put("/document/metadata/owner", owner)])) == {detection(
			"SG-OWN-001", "churn-ft", "/metadata/owner",
			{"owner": owner, "reason": "not an e-mail address or @handle"},
		)}
	}
}

test_own_001_emails_and_handles_pass if {
	every owner in [
		"alice@example.com", "a@b.c", "\u00e1lice@ex\u00e4mple.com", "a\u00a0b@example.com",
		"@acme", "@acme/growth-ml", "@a-b/c_d.e",
	] {
		count(detections_of(patched([put("/document/metadata/owner", owner)]))) == 0
	}
}

# --- SG-OWN-002 ---------------------------------------------------------------------------------

test_own_002_missing_team if {
	detections_of(patched([drop("/document/metadata/team")])) == {detection(
		"SG-OWN-002", "churn-ft", "/metadata/team",
		{"team": "", "reason": "missing", "teams": []},
	)}
}

test_own_002_missing_team_lists_the_known_teams if {
	params := params_with([put("/ownership/teams", ["search", "growth-ml"])])
	run([patched([drop("/document/metadata/team")])], params) == {detection(
		"SG-OWN-002", "churn-ft", "/metadata/team",
		{"team": "", "reason": "missing", "teams": ["search", "growth-ml"]},
	)}
}

test_own_002_team_not_listed if {
	params := params_with([put("/ownership/teams", ["search", "support-ai"])])
	run([clean_manifest], params) == {detection(
		"SG-OWN-002", "churn-ft", "/metadata/team",
		{"team": "growth-ml", "reason": "not in ownership.teams", "teams": ["search", "support-ai"]},
	)}
}

test_own_002_listed_team_passes if {
	params := params_with([put("/ownership/teams", ["search", "growth-ml"])])
	count(run([clean_manifest], params)) == 0
}

test_own_002_any_team_when_none_listed if {
	count(detections_of(patched([put("/document/metadata/team", "anything")]))) == 0
}

# --- SG-OWN-003 ---------------------------------------------------------------------------------

test_own_003_required_tag_missing if {
	detections_of(patched([
		drop("/document/metadata/costCenter"),
		put("/derived/tags", {}),
	])) == {detection(
		"SG-OWN-003", "churn-ft", "/metadata/costCenter",
		{"tag": "costCenter", "requiredTags": ["costCenter"]},
	)}
}

test_own_003_fires_once_per_missing_tag_with_escaped_paths if {
	params := params_with([put("/ownership/requiredTags", ["costCenter", "a/b", "x~y", "project"])])
	m := patched([put("/derived/tags", {"costCenter": "CC-4410", "project": "churn"})])
	required := ["costCenter", "a/b", "x~y", "project"]
	run([m], params) == {
		detection("SG-OWN-003", "churn-ft", "/metadata/a~1b", {"tag": "a/b", "requiredTags": required}),
		detection("SG-OWN-003", "churn-ft", "/metadata/x~0y", {"tag": "x~y", "requiredTags": required}),
	}
}

# The rule reads derived.tags (metadata tags and labels, as the Java side derives them), not the
# metadata: a tag given only as a label passes.
test_own_003_tag_as_label_passes if {
	m := patched([
		drop("/document/metadata/costCenter"),
		put("/document/metadata/labels", {"costCenter": "CC-4410"}),
	])
	count(detections_of(m)) == 0
}

test_own_003_no_required_tags if {
	params := params_with([put("/ownership/requiredTags", [])])
	count(run([patched([put("/derived/tags", {})])], params)) == 0
}
