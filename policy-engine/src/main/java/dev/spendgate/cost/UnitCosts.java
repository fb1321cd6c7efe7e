package dev.spendgate.cost;

import dev.spendgate.manifest.Compute;
import dev.spendgate.manifest.Manifest;
import dev.spendgate.manifest.ModelUse;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Unit economics of an estimate.
 *
 * @param requests            the requests the estimate covers: each model's {@code requestsPerDay}
 *                            over the estimate's days, summed; null when no model declares traffic
 * @param costPer1kRequests   the whole estimate (GPUs included) per 1,000 of those requests, to 4
 *                            decimals; null without traffic
 * @param costPerUsefulGpuHour the GPU rate (of the declared capacity) divided by
 *                            {@code compute.expectedUtilization}, to 4 decimals: what an hour of GPU
 *                            work that is actually used costs; the plain rate without a declared
 *                            utilization; null without priced GPUs
 */
public record UnitCosts(BigDecimal requests, BigDecimal costPer1kRequests, BigDecimal costPerUsefulGpuHour,
                        String currency) {

    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    public UnitCosts {
        Objects.requireNonNull(currency, "currency == null");
    }

    /** The unit costs of {@code manifest} as {@code estimate} priced it. */
    public static UnitCosts of(Manifest manifest, Estimate estimate) {
        BigDecimal perDay = BigDecimal.ZERO;
        boolean traffic = false;
        for (ModelUse use : manifest.spec().models()) {
            if (use.requestsPerDay() != null) {
                traffic = true;
                perDay = perDay.add(BigDecimal.valueOf(use.requestsPerDay()));
            }
        }
        BigDecimal requests = traffic ? plain(perDay.multiply(estimate.days())) : null;
        BigDecimal per1k = requests == null || requests.signum() == 0 ? null
                : plain(estimate.total().multiply(THOUSAND).divide(requests, 4, RoundingMode.HALF_UP));
        BigDecimal perGpuHour = null;
        for (EstimateItem item : estimate.items()) {
            if (item.kind().equals("gpu")) {
                Compute c = manifest.spec().compute();
                BigDecimal utilization = c == null ? null : c.expectedUtilization();
                perGpuHour = utilization == null || utilization.signum() <= 0 ? plain(item.rate())
                        : plain(item.rate().divide(utilization, 4, RoundingMode.HALF_UP));
            }
        }
        return new UnitCosts(requests, per1k, perGpuHour, estimate.currency());
    }

    private static BigDecimal plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
