package dev.spendgate.gate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What a change does to the bill: for every manifest a git-aware run gated, and every one it
 * deletes, the estimate at the merge base and at the head, both priced with the trusted catalog
 * (the base revision's, as the policy), as cost over the manifest's own horizon (to expiry, or per
 * budget period) and as a monthly run-rate; and the totals of the change.
 *
 * @param currency  the currency of every amount (the catalog's)
 * @param manifests one line a manifest, the largest move first ({@code |after - before|}, then name)
 */
public record CostDiff(String currency, List<Line> manifests) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public CostDiff {
        Objects.requireNonNull(currency, "currency == null");
        manifests = manifests.stream().sorted(Comparator.comparing((Line l) -> l.delta().abs()).reversed()
                .thenComparing(Line::name)).toList();
    }

    /**
     * One manifest's move. An added manifest comes from 0, a deleted one goes to 0.
     *
     * @param status   {@code added}, {@code modified}, {@code deleted}, or {@code unchanged} (gated with {@code --all})
     * @param file     where it is now, or null when deleted
     * @param baseFile where it was at the merge base ({@code <commit>:<path>}), or null when added
     * @param before   the estimate at the merge base over its own horizon; 0 when added
     * @param after    the estimate at the head over its own horizon; 0 when deleted
     * @param monthlyBefore the monthly run-rate at the merge base; 0 when added
     * @param monthlyAfter  the monthly run-rate at the head; 0 when deleted
     * @param complete both estimates priced everything (else the move is a lower bound at best)
     */
    public record Line(String name, String status, String file, String baseFile, BigDecimal before, BigDecimal after,
                       BigDecimal monthlyBefore, BigDecimal monthlyAfter, boolean complete) {
        public Line {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(status, "status == null");
            Objects.requireNonNull(before, "before == null");
            Objects.requireNonNull(after, "after == null");
            Objects.requireNonNull(monthlyBefore, "monthlyBefore == null");
            Objects.requireNonNull(monthlyAfter, "monthlyAfter == null");
        }

        public BigDecimal delta() {
            return after.subtract(before);
        }

        public BigDecimal monthlyDelta() {
            return monthlyAfter.subtract(monthlyBefore);
        }

        /** The move in per cent of {@code before}, to one decimal; null when {@code before} is 0. */
        public BigDecimal percent() {
            return CostDiff.percent(before, delta());
        }

        /** True when the estimate or the monthly run-rate moved. */
        public boolean moved() {
            return delta().signum() != 0 || monthlyDelta().signum() != 0;
        }
    }

    public BigDecimal before() {
        return sum(Line::before);
    }

    public BigDecimal after() {
        return sum(Line::after);
    }

    public BigDecimal delta() {
        return after().subtract(before());
    }

    public BigDecimal monthlyBefore() {
        return sum(Line::monthlyBefore);
    }

    public BigDecimal monthlyAfter() {
        return sum(Line::monthlyAfter);
    }

    public BigDecimal monthlyDelta() {
        return monthlyAfter().subtract(monthlyBefore());
    }

    /** The change's move in per cent of the total before, to one decimal; null when that is 0. */
    public BigDecimal percent() {
        return percent(before(), delta());
    }

    /** The lines whose estimate or run-rate moved. */
    public List<Line> moved() {
        return manifests.stream().filter(Line::moved).toList();
    }

    private BigDecimal sum(java.util.function.Function<Line, BigDecimal> f) {
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        for (Line l : manifests) {
            total = total.add(f.apply(l));
        }
        return total;
    }

    /** {@code delta} in per cent of {@code before}, to one decimal; null when {@code before} is 0. */
    public static BigDecimal percent(BigDecimal before, BigDecimal delta) {
        return before.signum() == 0 ? null : delta.multiply(HUNDRED).divide(before, 1, RoundingMode.HALF_UP);
    }

    /** {@code +1,234.50} / {@code -12.00} / {@code 0.00}: an amount with its sign, for the reports. */
    public static String signed(BigDecimal amount) {
        return (amount.signum() > 0 ? "+" : "") + amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** {@code +100.0%}, {@code -12.5%}, or {@code new} when there was nothing before. */
    public static String signedPercent(BigDecimal percent) {
        return percent == null ? "new" : (percent.signum() > 0 ? "+" : "") + percent.toPlainString() + "%";
    }

    /** Collects the lines of a run. */
    static final class Collector {

        private final List<Line> lines = new ArrayList<>();

        void add(Line line) {
            lines.add(line);
        }

        CostDiff build(String currency) {
            return new CostDiff(currency, lines);
        }
    }
}
