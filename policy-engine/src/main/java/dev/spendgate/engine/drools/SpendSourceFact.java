package dev.spendgate.engine.drools;

import dev.spendgate.spend.SpendSnapshot;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The run's spend source as the DRL sees it: one fact per evaluation, present only when the run
 * has a spend source (the live-spend rules do not apply without one).
 */
public final class SpendSourceFact {

    private final SpendSnapshot snapshot;

    SpendSourceFact(SpendSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    /** The source as users named it (a file, a table, a URL without credentials). */
    public String getSource() {
        return snapshot.source();
    }

    public String getCostColumn() {
        return snapshot.costColumn();
    }

    public String getCurrency() {
        return snapshot.currency();
    }

    /** The latest {@code ChargePeriodEnd} of any good row; null when the source had no rows. */
    public Instant getNewestRow() {
        return snapshot.newestRow();
    }

    /** Hours from the newest row to now (two decimals at most); null when the source had no rows. */
    public BigDecimal getStalenessHours() {
        return snapshot.stalenessHours();
    }

    /** Why there is no newest row: no rows at all, or every row rejected. */
    public String getEmptyReason() {
        return dev.spendgate.engine.Derived.noRowsReason(snapshot);
    }

    @Override
    public String toString() {
        return "SpendSourceFact[" + snapshot.source() + "]";
    }
}
