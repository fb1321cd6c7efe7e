package dev.spendgate.cost;

import dev.spendgate.manifest.ModelTier;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What one LLM costs, in USD per million tokens, and its tier.
 *
 * @param cachedInput the price of a cached prompt token (a cache read), or null when the catalog
 *                    gives none; then cached tokens are priced at {@code input}
 */
public record ModelPrice(String name, String provider, ModelTier tier, BigDecimal input, BigDecimal output,
                         BigDecimal cachedInput) {

    public ModelPrice {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(provider, "provider == null");
        Objects.requireNonNull(tier, "tier == null");
        Objects.requireNonNull(input, "input == null");
        Objects.requireNonNull(output, "output == null");
    }

    /** The price of a cached prompt token: {@code cachedInput}, or {@code input} when there is none. */
    public BigDecimal cachedInputOrInput() {
        return cachedInput == null ? input : cachedInput;
    }
}
