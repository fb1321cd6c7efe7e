# Baseline pack, intent "liveSpend": with a spend source (input.spend), a manifest's spend to date
# is checked against its budget, its forecast against the budget, its last full day against the
# days before, and the source itself for being recent. Without input.spend none of these rules
# applies. The thresholds come in the input (input.spend.manifests[name]), computed once by
# spendgate, so both engines report the very same numbers.
package spendgate.packs.baseline

import rego.v1

# SG-SPD-001 spend past the warning threshold; warnThreshold and blockThreshold are present only
# for a budget amount > 0.
detections contains d if {
	some m in input.manifests
	s := input.spend.manifests[m.name]
	s.spent >= s.warnThreshold
	s.spent < s.blockThreshold
	d := {
		"rule": "SG-SPD-001", "manifest": m.name, "path": "/spec/budget/amount",
		"evidence": {
			"spent": s.spent, "amount": m.document.spec.budget.amount,
			"warnAt": input.params.liveSpend.warnAt, "threshold": s.warnThreshold,
			"currency": input.spend.currency, "period": s.period, "costColumn": input.spend.costColumn,
		},
	}
}

# SG-SPD-002 spend at or past the block threshold
detections contains d if {
	some m in input.manifests
	s := input.spend.manifests[m.name]
	s.spent >= s.blockThreshold
	d := {
		"rule": "SG-SPD-002", "manifest": m.name, "path": "/spec/budget/amount",
		"evidence": {
			"spent": s.spent, "amount": m.document.spec.budget.amount,
			"blockAt": input.params.liveSpend.blockAt, "threshold": s.blockThreshold,
			"currency": input.spend.currency, "period": s.period, "costColumn": input.spend.costColumn,
		},
	}
}

# SG-SPD-003 forecast above the budget; forecast is absent when there is nothing to forecast from.
detections contains d if {
	some m in input.manifests
	s := input.spend.manifests[m.name]
	amount := m.document.spec.budget.amount
	amount > 0
	s.forecast.amount > amount
	d := {
		"rule": "SG-SPD-003", "manifest": m.name, "path": "/spec/budget/amount",
		"evidence": {
			"forecast": s.forecast.amount, "amount": amount, "currency": input.spend.currency,
			"method": s.forecast.method, "end": s.forecast.end, "runRate": s.forecast.runRate,
			"daysLeft": s.forecast.daysLeft,
		},
	}
}

# SG-SPD-004 last full day above the anomaly threshold; anomaly is absent without 7 days of
# history before the last full day.
detections contains d if {
	some m in input.manifests
	a := input.spend.manifests[m.name].anomaly
	a.spend > a.threshold
	d := {
		"rule": "SG-SPD-004", "manifest": m.name, "path": "/metadata/name",
		"evidence": {
			"day": a.day, "spend": a.spend, "median": a.median,
			"factor": input.params.liveSpend.anomalyFactor, "threshold": a.threshold,
			"currency": input.spend.currency,
		},
	}
}

# SG-SPD-006 spend recorded after the expiry; zombie is absent without an expiry or without spend
# on a UTC day after the day of the expiry.
detections contains d if {
	some m in input.manifests
	z := input.spend.manifests[m.name].zombie
	z.spend > 0
	d := {
		"rule": "SG-SPD-006", "manifest": m.name, "path": "/spec/ttl",
		"evidence": {
			"expiredAt": z.expiredAt, "spend": z.spend, "firstDay": z.firstDay, "lastDay": z.lastDay,
			"days": z.days, "currency": input.spend.currency,
		},
	}
}

# SG-SPD-005 spend source without rows: newestRow and stalenessHours are absent.
detections contains d if {
	spend := input.spend
	not "newestRow" in object.keys(spend)
	some m in input.manifests
	d := {
		"rule": "SG-SPD-005", "manifest": m.name, "path": "/metadata/name",
		"evidence": {
			"source": spend.source, "newestRow": "none", "stalenessHours": "",
			"maxStaleness": input.params.liveSpend.maxStaleness,
			"reason": object.get(spend, "emptyReason", "has no rows at all"),
		},
	}
}

# SG-SPD-005 spend source out of date
detections contains d if {
	input.spend.stalenessHours > input.params.liveSpend.maxStalenessHours
	some m in input.manifests
	d := {
		"rule": "SG-SPD-005", "manifest": m.name, "path": "/metadata/name",
		"evidence": {
			"source": input.spend.source, "newestRow": input.spend.newestRow,
			"stalenessHours": input.spend.stalenessHours,
			"maxStaleness": input.params.liveSpend.maxStaleness,
			"reason": "has no row newer than liveSpend.maxStaleness",
		},
	}
}
