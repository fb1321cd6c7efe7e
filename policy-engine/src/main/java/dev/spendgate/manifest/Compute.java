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

    /** These GPUs bought as {@code capacity}. */
    public Compute withCapacity(Capacity capacity) {
        return new Compute(gpuType, gpuCount, hours, hoursPerDay, capacity, schedule, expectedUtilization);
    }

    /** These GPUs on {@code schedule}. */
    public Compute withSchedule(Schedule schedule) {
        return new Compute(gpuType, gpuCount, hours, hoursPerDay, capacity, schedule, expectedUtilization);
    }

    /** {@code count} GPUs of the same type, with {@code expectedUtilization} as given. */
    public Compute withGpuCount(int count, BigDecimal expectedUtilization) {
        return new Compute(gpuType, count, hours, hoursPerDay, capacity, schedule, expectedUtilization);
    }
}
