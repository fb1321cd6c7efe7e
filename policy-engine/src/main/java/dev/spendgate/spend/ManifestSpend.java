package dev.spendgate.spend;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The live spend attributed to one manifest, in cents of the source's currency.
 *
 * @param period      {@code monthly} or {@code total}: which spend the budget is judged against
 * @param spent       spend to date in the budget period: {@link #monthToDate} for a monthly budget,
 *                    {@link #sinceStart} otherwise
 * @param sinceStart  spend since the day of {@code spec.startsAt} (all of it when there is none)
 * @param daily       every day from the first with spend to the last day of data, gaps as 0
 * @param forecast    null when there is nothing to forecast from (no full day of data, or a total
 *                    budget without an expiry); {@link #forecastNote} then says why
 * @param anomaly     null when the manifest lacks 7 days of history before the last full day
 * @param zombie      spend recorded after the manifest expired, or null when it has no expiry or
 *                    no spend after it
 */
public record ManifestSpend(String manifest, String team, String currency, String period, BigDecimal spent,
                            BigDecimal monthToDate, BigDecimal sinceStart, long rows, List<DailySpend> daily,
                            Forecast forecast, String forecastNote, Anomaly anomaly, Zombie zombie) {

    public ManifestSpend {
        Objects.requireNonNull(manifest, "manifest == null");
        Objects.requireNonNull(currency, "currency == null");
        Objects.requireNonNull(period, "period == null");
        Objects.requireNonNull(spent, "spent == null");
        Objects.requireNonNull(monthToDate, "monthToDate == null");
        Objects.requireNonNull(sinceStart, "sinceStart == null");
        daily = List.copyOf(daily);
        forecastNote = forecastNote == null ? "" : forecastNote;
    }
}
