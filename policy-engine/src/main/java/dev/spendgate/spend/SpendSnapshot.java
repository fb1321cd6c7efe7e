package dev.spendgate.spend;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Live spend as the gate judges it: a source's rows attributed to the manifests and teams of one
 * run at one instant. Money is in cents of {@link #currency}.
 *
 * @param newestRow      the latest {@code ChargePeriodEnd} of any good row; null when there is none
 * @param stalenessHours hours from {@code newestRow} to {@code now}; null when there is no row
 * @param lastFullDay    the last UTC day that ended by the end of the data ({@code min(now, newestRow)});
 *                       null when there is no row
 * @param manifests      by manifest name, every manifest of the run whose budget is in {@link #currency}
 * @param teams          by team, every team with a manifest in the run or spend tagged with it
 * @param coverage       attributed / total in per cent (one decimal); null when the total is 0
 * @param otherCurrencies rows in currencies other than {@link #currency} are bad rows; this names
 *                        those currencies
 */
public record SpendSnapshot(String source, String costColumn, String currency, Instant now, Instant newestRow,
                            BigDecimal stalenessHours, LocalDate lastFullDay, Map<String, ManifestSpend> manifests,
                            Map<String, TeamSpend> teams, BigDecimal total, BigDecimal attributed,
                            BigDecimal unattributed, BigDecimal coverage, List<UnattributedSpend> unattributedBy,
                            List<DailySpend> daily, long rows, long badRowCount, List<BadRow> badRows,
                            List<String> otherCurrencies) {

    public SpendSnapshot {
        Objects.requireNonNull(source, "source == null");
        Objects.requireNonNull(costColumn, "costColumn == null");
        Objects.requireNonNull(currency, "currency == null");
        Objects.requireNonNull(now, "now == null");
        manifests = Collections.unmodifiableSortedMap(new TreeMap<>(manifests));
        teams = Collections.unmodifiableSortedMap(new TreeMap<>(teams));
        Objects.requireNonNull(total, "total == null");
        Objects.requireNonNull(attributed, "attributed == null");
        Objects.requireNonNull(unattributed, "unattributed == null");
        unattributedBy = List.copyOf(unattributedBy);
        daily = List.copyOf(daily);
        badRows = List.copyOf(badRows);
        otherCurrencies = List.copyOf(otherCurrencies);
    }
}
