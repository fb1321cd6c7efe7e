# The tiny test pack on OPA: the same rules as drools/tiny.drl.
package spendgate.packs.tiny

import rego.v1

detections contains d if {
	some m in input.manifests
	m.document.metadata.environment != "production"
	m.derived.ttlHours > input.params.expiry.maxTtlHours
	d := {"rule": "TINY-001", "manifest": m.name, "path": "/spec/ttl", "evidence": {
		"ttl": m.document.spec.ttl,
		"ttlHours": m.derived.ttlHours,
		"maxTtlHours": input.params.expiry.maxTtlHours,
	}}
}

detections contains d if {
	some m in input.manifests
	time.parse_rfc3339_ns(m.derived.expiresAt) < time.parse_rfc3339_ns(input.now)
	d := {"rule": "TINY-002", "manifest": m.name, "path": "/spec/startsAt", "evidence": {
		"startsAt": m.derived.startsAt,
		"expiredAt": m.derived.expiresAt,
		"now": input.now,
	}}
}

detections contains d if {
	some m in input.manifests
	some i, model in object.get(m.document.spec, "models", [])
	not "maxOutputTokens" in object.keys(model)
	d := {"rule": "TINY-003", "manifest": m.name, "path": sprintf("/spec/models/%d/maxOutputTokens", [i]), "evidence": {
		"model": model.name,
		"catalogTier": object.get(m.catalogTiers, model.name, ""),
		"retries": object.get(model, "maxRetries", ""),
	}}
}

detections contains d if {
	some m in input.manifests
	amount := m.document.spec.budget.amount
	m.estimate.total > amount
	d := {"rule": "TINY-004", "manifest": m.name, "path": "/spec/budget/amount", "evidence": {
		"estimate": m.estimate.total,
		"amount": amount,
		"complete": m.estimate.complete,
		"requiredTags": input.params.ownership.requiredTags,
	}}
}

detections contains d if {
	some m in input.manifests
	some tag in input.params.ownership.requiredTags
	not tag in object.keys(m.derived.tags)
	d := {"rule": "TINY-005", "manifest": m.name, "path": concat("", ["/metadata/", replace(replace(tag, "~", "~0"), "/", "~1")]), "evidence": {
		"tag": tag,
		"tags": [k | some k, _ in m.derived.tags],
	}}
}
