package dev.spendgate.cost;

import dev.spendgate.manifest.ModelTier;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What one LLM costs, in USD per million tokens, and its tier.
 *
 * @param tier        the model's tier, or null when the file it came from gives none (a LiteLLM
 *                    file); rules that compare tiers then see no catalog tier for the model
 * @param cachedInput the price of a cached prompt token (a cache read), or null when the catalog
 *                    gives none; then cached tokens are priced at {@code input}
 */
public record ModelPrice(String name, String provider, ModelTier tier, BigDecimal input, BigDecimal output,
                         BigDecimal cachedInput) {

    public ModelPrice {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(provider, "provider == null");
        Objects.requireNonNull(input, "input == null");
        Objects.requireNonNull(output, "output == null");
    }

    /** This price with tier {@code tier}. */
    public ModelPrice withTier(ModelTier tier) {
        return new ModelPrice(name, provider, tier, input, output, cachedInput);
    }

    /** The price of a cached prompt token: {@code cachedInput}, or {@code input} when there is none. */
    public BigDecimal cachedInputOrInput() {
        return cachedInput == null ? input : cachedInput;
    }
}
