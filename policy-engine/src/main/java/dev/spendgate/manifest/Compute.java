package dev.spendgate.manifest;

import java.math.BigDecimal;

/** GPU compute of a workload; every field may be null when absent. */
public record Compute(
        String gpuType,
        Integer gpuCount,
        BigDecimal hours,
        BigDecimal hoursPerDay,
        Capacity capacity,
        Schedule schedule,
        BigDecimal expectedUtilization) {
}
