# Baseline pack, intent "changes": against its base version (the manifest of the same name at the
# base revision of the change under review, input manifests[i].base) a manifest may not grow its
# budget beyond the allowed step or raise its model tier without an approval, and an extended ttl
# is pointed out. Without a base version none of these rules applies.
package spendgate.packs.baseline

import rego.v1

# SG-CHG-001 budget grew beyond the allowed step; base.budgetIncrease is (amount - base amount) /
# base amount, present only when both amounts are and the base amount is > 0.
detections contains d if {
	limit := input.params.changes.maxBudgetIncrease
	some m in input.manifests
	m.base.budgetIncrease > limit
	d := {
		"rule": "SG-CHG-001", "manifest": m.name, "path": "/spec/budget/amount",
		"evidence": {
			"oldAmount": m.base.document.spec.budget.amount,
			"newAmount": m.document.spec.budget.amount,
			"increase": m.base.budgetIncrease, "limit": limit,
		},
	}
}

# SG-CHG-002 model tier raised (small < mid < frontier)
detections contains d if {
	some m in input.manifests
	old_tier := m.base.document.spec.modelTier
	new_tier := m.document.spec.modelTier
	tier_rank[new_tier] > tier_rank[old_tier]
	d := {
		"rule": "SG-CHG-002", "manifest": m.name, "path": "/spec/modelTier",
		"evidence": {"oldTier": old_tier, "newTier": new_tier},
	}
}

# SG-CHG-003 ttl extended; derived.ttlHours is spec.ttl in hours, for the base version too.
detections contains d if {
	some m in input.manifests
	m.derived.ttlHours > m.base.derived.ttlHours
	d := {
		"rule": "SG-CHG-003", "manifest": m.name, "path": "/spec/ttl",
		"evidence": {
			"oldTtl": m.base.document.spec.ttl, "newTtl": m.document.spec.ttl,
			"oldTtlHours": m.base.derived.ttlHours, "newTtlHours": m.derived.ttlHours,
		},
	}
}

# SG-CHG-004 the estimate rose beyond changes.maxEstimateIncrease; base.estimateChange is worked
# out by spendgate (before and after priced with the same catalog, the rise and its per cent), so
# both engines judge the same numbers. With an amount and a per cent, a rise must pass both.
detections contains d if {
	limit := input.params.changes.maxEstimateIncrease
	some m in input.manifests
	change := m.base.estimateChange
	change.complete
	change.increase > 0
	beyond_amount(change, limit)
	beyond_percent(change, limit)
	d := {
		"rule": "SG-CHG-004", "manifest": m.name, "path": "/spec",
		"evidence": {
			"before": change.before, "after": change.after, "increase": change.increase,
			"percent": change.percentText, "currency": m.estimate.currency, "limit": limit.text,
		},
	}
}

beyond_amount(_, limit) if not limit.amount

beyond_amount(change, limit) if change.increase > limit.amount

beyond_percent(_, limit) if not limit.percent

# from a base estimate of 0 any rise is beyond every per cent
beyond_percent(change, _) if not change.percent

beyond_percent(change, limit) if change.percent > limit.percent

# The order of the model tiers.
tier_rank := {"small": 0, "mid": 1, "frontier": 2}
