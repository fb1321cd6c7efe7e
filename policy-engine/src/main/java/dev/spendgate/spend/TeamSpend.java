package dev.spendgate.spend;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A team's month: what it has committed to (SG-BUD-005) and what it has spent.
 *
 * @param monthToDate      live spend attributed to the team this month (by its team tag, or through
 *                         a manifest of the team); 0 without a spend source
 * @param monthlyBudgets   the sum of the monthly budgets of the team's manifests in the run
 * @param monthlyManifests those manifests, by name
 * @param otherMonthToDate this month's spend of the team that no monthly budget covers (its other
 *                         manifests, and spend tagged with the team but no manifest)
 * @param commitments      {@code monthlyBudgets + otherMonthToDate}
 * @param limit            {@code budgets.teams.<team>.monthly}, or null when the policy sets none
 */
public record TeamSpend(String team, BigDecimal monthToDate, BigDecimal monthlyBudgets, List<String> monthlyManifests,
                        BigDecimal otherMonthToDate, BigDecimal commitments, BigDecimal limit,
                        List<DailySpend> daily) {

    public TeamSpend {
        Objects.requireNonNull(team, "team == null");
        Objects.requireNonNull(monthToDate, "monthToDate == null");
        Objects.requireNonNull(monthlyBudgets, "monthlyBudgets == null");
        monthlyManifests = List.copyOf(monthlyManifests);
        Objects.requireNonNull(otherMonthToDate, "otherMonthToDate == null");
        Objects.requireNonNull(commitments, "commitments == null");
        daily = List.copyOf(daily);
    }
}
