# Baseline pack, intent "ownership": every workload has a reachable owner, a known team and the
# tags that attribute its spend. Rules only detect; pack.yaml holds their text.
package spendgate.packs.baseline

import rego.v1

# Java's \s is [ \t\n\x0B\f\r]; RE2's lacks \x0B, so the class is spelled out.
email_pattern := `^[^@ \t\n\x0B\f\r]+@[^@ \t\n\x0B\f\r]+\.[^@ \t\n\x0B\f\r]+$`

handle_pattern := `^@[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9._-]+)?$`

# SG-OWN-001 owner missing
detections contains d if {
	some m in input.manifests
	not "owner" in object.keys(m.document.metadata)
	d := {
		"rule": "SG-OWN-001", "manifest": m.name, "path": "/metadata/owner",
		"evidence": {"owner": "", "reason": "missing"},
	}
}

# SG-OWN-001 owner neither e-mail nor handle
detections contains d if {
	some m in input.manifests
	owner := m.document.metadata.owner
	not regex.match(email_pattern, owner)
	not regex.match(handle_pattern, owner)
	d := {
		"rule": "SG-OWN-001", "manifest": m.name, "path": "/metadata/owner",
		"evidence": {"owner": owner, "reason": "not an e-mail address or @handle"},
	}
}

# SG-OWN-002 team missing
detections contains d if {
	some m in input.manifests
	not "team" in object.keys(m.document.metadata)
	d := {
		"rule": "SG-OWN-002", "manifest": m.name, "path": "/metadata/team",
		"evidence": {"team": "", "reason": "missing", "teams": input.params.ownership.teams},
	}
}

# SG-OWN-002 team not listed
detections contains d if {
	teams := input.params.ownership.teams
	count(teams) > 0
	some m in input.manifests
	team := m.document.metadata.team
	not team in teams
	d := {
		"rule": "SG-OWN-002", "manifest": m.name, "path": "/metadata/team",
		"evidence": {"team": team, "reason": "not in ownership.teams", "teams": teams},
	}
}

# SG-OWN-003 required tag missing: derived.tags holds the scalar metadata keys other than name,
# team, owner and environment, plus metadata.labels.
detections contains d if {
	required := input.params.ownership.requiredTags
	some m in input.manifests
	some tag in required
	not tag in object.keys(m.derived.tags)
	d := {
		"rule": "SG-OWN-003", "manifest": m.name, "path": concat("", ["/metadata/", pointer_token(tag)]),
		"evidence": {"tag": tag, "requiredTags": required},
	}
}
