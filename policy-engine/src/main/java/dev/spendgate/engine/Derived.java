package dev.spendgate.engine;

import dev.spendgate.cost.Estimate;
import dev.spendgate.cost.PriceCatalog;
import dev.spendgate.cost.UnitCosts;
import dev.spendgate.policy.Parameters;
import dev.spendgate.manifest.Manifest;
import dev.spendgate.manifest.Budget;
import dev.spendgate.manifest.Metadata;
import dev.spendgate.manifest.Spec;
import dev.spendgate.yaml.Ttl;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The values every engine derives from a manifest or a parameter the same way: the Drools facts
 * and the OPA input document both take them from here, so a rule sees the same numbers, instants
 * and tags in DRL and in Rego.
 */
public final class Derived {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Derived() {
    }

    /** A duration in hours, exact for whole seconds, without trailing zeros ({@code 36h} is 36, {@code 2w} 336). */
    /**
     * SG-SPD-005's reason for a source without a good row: none at all, or every one rejected (in
     * another currency, unparseable...), which is not the same thing to fix.
     */
    public static String noRowsReason(dev.spendgate.spend.SpendSnapshot spend) {
        return spend.badRowCount() > 0
                ? "has no usable rows: all " + spend.badRowCount() + " rows were rejected (see the bad rows)"
                : "has no rows at all";
    }

    public static BigDecimal hours(Ttl ttl) {
        return ttl.hours();
    }

    /** {@code startsAt + ttl}, or null when either is absent. */
    public static Instant expiresAt(Spec spec) {
        return spec.expiresAt();
    }

    /**
     * How much the budget grew against the base version, as a fraction of the base amount:
     * {@code (amount - baseAmount) / baseAmount}, to 16 significant digits without trailing zeros
     * (800 to 1500 is 0.875); null when either amount is absent or the base amount is not positive.
     */
    public static BigDecimal budgetIncrease(Budget base, Budget budget) {
        if (base == null || budget == null || base.amount() == null || budget.amount() == null
                || base.amount().signum() <= 0) {
            return null;
        }
        BigDecimal f = budget.amount().subtract(base.amount()).divide(base.amount(), MathContext.DECIMAL64)
                .stripTrailingZeros();
        return f.scale() < 0 ? f.setScale(0) : f;
    }

    /**
     * How an estimate moved against its base version's: both totals, the rise ({@code after -
     * before}, negative when it fell), the rise in per cent of {@code before} (to 2 decimals,
     * {@code HALF_UP}, without trailing zeros; null when {@code before} is 0), and the same in words
     * ({@code +100%}, {@code from 0}) for messages. Both engines judge SG-CHG-004 on these numbers.
     *
     * @param complete both estimates priced everything: only then can a rise be vouched for
     */
    public record EstimateChange(BigDecimal before, BigDecimal after, BigDecimal increase, BigDecimal percent,
                                 String percentText, boolean complete) {
    }

    public static EstimateChange estimateChange(Estimate before, Estimate after) {
        BigDecimal increase = after.total().subtract(before.total());
        BigDecimal percent = before.total().signum() == 0 ? null : plain(increase.multiply(HUNDRED)
                .divide(before.total(), 2, RoundingMode.HALF_UP));
        String text = percent == null ? (increase.signum() == 0 ? "+0%" : "from 0")
                : (percent.signum() >= 0 ? "+" : "") + percent.toPlainString() + "%";
        return new EstimateChange(before.total(), after.total(), increase, percent, text,
                before.complete() && after.complete());
    }

    /**
     * The unit economics SG-UNIT-001 judges, worked out once for both engines: the estimate per
     * 1,000 requests and the limit that applies to the manifest's team and environment (null when
     * none does).
     */
    public record UnitEconomics(UnitCosts costs, BigDecimal maxCostPer1kRequests) {
    }

    public static UnitEconomics unitEconomics(Parameters.UnitEconomics params, Manifest manifest, Estimate estimate) {
        return new UnitEconomics(UnitCosts.of(manifest, estimate),
                params.limit(manifest.metadata().team(), manifest.metadata().environment()));
    }

    /** {@code changes.maxEstimateIncrease} in words: {@code 50%}, {@code 500 USD}, {@code 500 USD and 50%}. */
    public static String estimateLimit(Parameters.Changes changes) {
        List<String> parts = new ArrayList<>(2);
        if (changes.maxEstimateIncreaseAmount() != null) {
            parts.add(plain(changes.maxEstimateIncreaseAmount()).toPlainString() + " " + PriceCatalog.CURRENCY);
        }
        if (changes.maxEstimateIncreasePercent() != null) {
            parts.add(plain(changes.maxEstimateIncreasePercent()).toPlainString() + "%");
        }
        return String.join(" and ", parts);
    }

    private static BigDecimal plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    /**
     * {@code factor × amount}, exact, without trailing zeros: the live-spend thresholds
     * {@code warnAt × budget}, {@code blockAt × budget} and {@code anomalyFactor × median}
     * (0.8 × 800 is 640, 3.0 × 41.5 is 124.5).
     */
    public static BigDecimal threshold(BigDecimal factor, BigDecimal amount) {
        BigDecimal t = factor.multiply(amount).stripTrailingZeros();
        return t.scale() < 0 ? t.setScale(0) : t;
    }

    /**
     * Every tag of a manifest: the scalar metadata keys other than name, team, owner and
     * environment, plus {@code metadata.labels}.
     */
    public static Map<String, String> tags(Metadata metadata) {
        return metadata.tags();
    }
}
