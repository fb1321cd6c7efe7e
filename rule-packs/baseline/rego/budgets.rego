# Baseline pack, intent "budgets": every workload declares a positive budget that covers its
# estimate; large budgets and estimates need an approval; a team's monthly commitments stay within
# its limit.
package spendgate.packs.baseline

import rego.v1

# SG-BUD-001 budget missing
detections contains d if {
	some m in input.manifests
	not "budget" in object.keys(m.document.spec)
	d := {
		"rule": "SG-BUD-001", "manifest": m.name, "path": "/spec/budget",
		"evidence": {"amount": "", "reason": "missing"},
	}
}

# SG-BUD-001 amount missing
detections contains d if {
	some m in input.manifests
	budget := m.document.spec.budget
	not "amount" in object.keys(budget)
	d := {
		"rule": "SG-BUD-001", "manifest": m.name, "path": "/spec/budget/amount",
		"evidence": {"amount": "", "reason": "missing"},
	}
}

# SG-BUD-001 amount not positive
detections contains d if {
	some m in input.manifests
	amount := m.document.spec.budget.amount
	amount <= 0
	d := {
		"rule": "SG-BUD-001", "manifest": m.name, "path": "/spec/budget/amount",
		"evidence": {"amount": amount, "reason": "not positive"},
	}
}

# SG-BUD-002 budget above the per-experiment limit
detections contains d if {
	limit := input.params.budgets.maxPerExperiment
	some m in input.manifests
	outside_production(m.document)
	budget := m.document.spec.budget
	budget.amount > limit
	d := {
		"rule": "SG-BUD-002", "manifest": m.name, "path": "/spec/budget/amount",
		"evidence": {"amount": budget.amount, "limit": limit, "currency": budget_currency(budget)},
	}
}

# SG-BUD-003 estimate above the budget
detections contains d if {
	some m in input.manifests
	budget := m.document.spec.budget
	budget.amount > 0
	m.estimate.total > budget.amount
	d := {
		"rule": "SG-BUD-003", "manifest": m.name, "path": "/spec/budget/amount",
		"evidence": {
			"estimate": m.estimate.total, "amount": budget.amount,
			"currency": budget_currency(budget), "complete": m.estimate.complete,
		},
	}
}

# SG-BUD-004 estimate needs an approval; fires with or without a budget, in the estimate's currency.
detections contains d if {
	limit := input.params.budgets.approvalAbove
	some m in input.manifests
	m.estimate.total > limit
	d := {
		"rule": "SG-BUD-004", "manifest": m.name, "path": "/spec/budget/amount",
		"evidence": {"estimate": m.estimate.total, "limit": limit, "currency": m.estimate.currency},
	}
}

# SG-BUD-005 team commitments above the team's monthly limit; input.teams has every team's
# commitments, and its limit when budgets.teams sets one. Team limits are in USD.
detections contains d if {
	some m in input.manifests
	team := input.teams[m.document.metadata.team]
	team.commitments > team.limit
	d := {
		"rule": "SG-BUD-005", "manifest": m.name, "path": "/metadata/team",
		"evidence": {
			"team": m.document.metadata.team, "commitments": team.commitments,
			"monthlyBudgets": team.monthlyBudgets, "otherMonthToDate": team.otherMonthToDate,
			"limit": team.limit, "currency": "USD",
		},
	}
}

# The budget's currency: USD unless declared otherwise.
budget_currency(budget) := object.get(budget, "currency", "USD")
