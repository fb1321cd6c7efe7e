package dev.spendgate.cost;

import dev.spendgate.manifest.Capacity;

import java.math.BigDecimal;
import java.util.Objects;

/** What one GPU of {@code type} costs per hour, in USD, by how it is bought. */
public record GpuPrice(String type, BigDecimal onDemand, BigDecimal spot, BigDecimal reserved) {

    public GpuPrice {
        Objects.requireNonNull(type, "type == null");
        Objects.requireNonNull(onDemand, "onDemand == null");
        Objects.requireNonNull(spot, "spot == null");
        Objects.requireNonNull(reserved, "reserved == null");
    }

    /** The hourly rate for {@code capacity}; null means on-demand, the default of a manifest. */
    public BigDecimal rate(Capacity capacity) {
        if (capacity == null) {
            return onDemand;
        }
        return switch (capacity) {
            case SPOT -> spot;
            case RESERVED -> reserved;
            case ON_DEMAND -> onDemand;
        };
    }
}
