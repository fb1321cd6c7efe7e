package dev.spendgate.engine.drools;

import dev.spendgate.spend.TeamSpend;

import java.math.BigDecimal;

/**
 * A team's month as the DRL sees it: its monthly commitments and its limit. One fact per team of
 * the run (with or without a spend source; without one only monthly budgets count).
 */
public final class TeamFact {

    private final TeamSpend team;

    TeamFact(TeamSpend team) {
        this.team = team;
    }

    public String getTeam() {
        return team.team();
    }

    /** The sum of the monthly budgets of the team's manifests in the run. */
    public BigDecimal getMonthlyBudgets() {
        return team.monthlyBudgets();
    }

    /** This month's spend of the team that no monthly budget covers (0 without a spend source). */
    public BigDecimal getOtherMonthToDate() {
        return team.otherMonthToDate();
    }

    /** {@code monthlyBudgets + otherMonthToDate}. */
    public BigDecimal getCommitments() {
        return team.commitments();
    }

    /** {@code budgets.teams.<team>.monthly}, or null when the policy sets none. */
    public BigDecimal getLimit() {
        return team.limit();
    }

    @Override
    public String toString() {
        return "TeamFact[" + team.team() + "]";
    }
}
