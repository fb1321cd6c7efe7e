package dev.spendgate.engine.drools;

import dev.spendgate.engine.Derived;
import dev.spendgate.policy.Parameters;
import dev.spendgate.spend.Anomaly;
import dev.spendgate.spend.Forecast;
import dev.spendgate.spend.ManifestSpend;
import dev.spendgate.spend.Zombie;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One manifest's live spend as the DRL sees it: the numbers {@link dev.spendgate.spend.SpendAnalysis}
 * worked out, and the thresholds the live-spend parameters put on them. Present only when the run
 * has a spend source and the manifest's budget is in the currency spend is judged in. A plain class
 * for the same reason as {@link ManifestFact}.
 */
public final class SpendFact {

    private final ManifestFact manifest;
    private final ManifestSpend spend;
    private final String costColumn;
    private final BigDecimal budgetAmount;
    private final BigDecimal warnThreshold;
    private final BigDecimal blockThreshold;
    private final BigDecimal anomalyThreshold;

    SpendFact(ManifestFact manifest, ManifestSpend spend, String costColumn, Parameters.LiveSpend live) {
        this.manifest = manifest;
        this.spend = spend;
        this.costColumn = costColumn;
        BigDecimal amount = manifest.getBudgetAmount();
        this.budgetAmount = amount != null && amount.signum() > 0 ? amount : null;
        this.warnThreshold = budgetAmount == null ? null : Derived.threshold(live.warnAt(), budgetAmount);
        this.blockThreshold = budgetAmount == null ? null : Derived.threshold(live.blockAt(), budgetAmount);
        Anomaly a = spend.anomaly();
        this.anomalyThreshold = a == null ? null : Derived.threshold(live.anomalyFactor(), a.median());
    }

    public ManifestFact getManifest() {
        return manifest;
    }

    public String getName() {
        return manifest.getName();
    }

    /** {@code monthly} or {@code total}: the budget period the spend to date covers. */
    public String getPeriod() {
        return spend.period();
    }

    /** The currency of the spend, which is the budget's. */
    public String getCurrency() {
        return spend.currency();
    }

    /** The cost column the source summed ({@code EffectiveCost} or {@code BilledCost}). */
    public String getCostColumn() {
        return costColumn;
    }

    /** Spend to date in the budget period: this month for a monthly budget, since startsAt otherwise. */
    public BigDecimal getSpent() {
        return spend.spent();
    }

    /** {@code spec.budget.amount} when it is above 0; null otherwise (SG-BUD-001's case). */
    public BigDecimal getBudgetAmount() {
        return budgetAmount;
    }

    /** {@code liveSpend.warnAt × amount} ({@link Derived#threshold}), or null without a positive budget. */
    public BigDecimal getWarnThreshold() {
        return warnThreshold;
    }

    /** {@code liveSpend.blockAt × amount}, or null without a positive budget. */
    public BigDecimal getBlockThreshold() {
        return blockThreshold;
    }

    /** The forecast spend at the forecast's end, or null when there is no forecast. */
    public BigDecimal getForecastAmount() {
        Forecast f = spend.forecast();
        return f == null ? null : f.amount();
    }

    /** The end of the budget period or the expiry, whichever comes first; null without a forecast. */
    public Instant getForecastEnd() {
        Forecast f = spend.forecast();
        return f == null ? null : f.end();
    }

    /** The forecast's arithmetic as text; null without a forecast. */
    public String getForecastMethod() {
        Forecast f = spend.forecast();
        return f == null ? null : f.method();
    }

    /** The mean daily spend the forecast runs on; null without a forecast. */
    public BigDecimal getRunRate() {
        Forecast f = spend.forecast();
        return f == null ? null : f.runRate();
    }

    /** Days from the end of the data to the forecast's end; null without a forecast. */
    public BigDecimal getDaysLeft() {
        Forecast f = spend.forecast();
        return f == null ? null : f.daysLeft();
    }

    /** The last full day ({@code 2026-11-21}), or null when the manifest lacks 7 days of history before it. */
    public String getAnomalyDay() {
        Anomaly a = spend.anomaly();
        return a == null ? null : a.day().toString();
    }

    /** The last full day's spend, or null. */
    public BigDecimal getAnomalySpend() {
        Anomaly a = spend.anomaly();
        return a == null ? null : a.spend();
    }

    /** The median daily spend of the 7 days before the last full day, or null. */
    public BigDecimal getAnomalyMedian() {
        Anomaly a = spend.anomaly();
        return a == null ? null : a.median();
    }

    /** {@code liveSpend.anomalyFactor × median}, or null without an anomaly window. */
    public BigDecimal getAnomalyThreshold() {
        return anomalyThreshold;
    }

    /** Spend recorded on UTC days after the day of the expiry, or null when there is none. */
    public BigDecimal getZombieSpend() {
        Zombie z = spend.zombie();
        return z == null ? null : z.spend();
    }

    /** The expiry ({@code startsAt + ttl}) as ISO-8601 UTC, or null without zombie spend. */
    public String getExpiredAt() {
        Zombie z = spend.zombie();
        return z == null ? null : z.expiredAt().toString();
    }

    /** The first day with spend after the expiry day, or null. */
    public String getZombieFirstDay() {
        Zombie z = spend.zombie();
        return z == null ? null : z.firstDay().toString();
    }

    /** The last day with spend after the expiry day, or null. */
    public String getZombieLastDay() {
        Zombie z = spend.zombie();
        return z == null ? null : z.lastDay().toString();
    }

    /** How many days after the expiry day had spend; 0 without zombie spend. */
    public int getZombieDays() {
        Zombie z = spend.zombie();
        return z == null ? 0 : z.days();
    }

    @Override
    public String toString() {
        return "SpendFact[" + manifest.getName() + "]";
    }
}
