package dev.spendgate.cost;

import dev.spendgate.manifest.ModelTier;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

/**
 * What one model costs, in USD per million tokens (and per query for a reranker), and its tier.
 *
 * @param tier        the model's tier, or null when the file it came from gives none (a LiteLLM
 *                    file); rules that compare tiers then see no catalog tier for the model
 * @param mode        what the model does, which decides what the estimate prices (see {@link Mode})
 * @param output      the price of an output token; zero for a model that writes none
 * @param cachedInput the price of a cached prompt token (a cache read), or null when the catalog
 *                    gives none; then cached tokens are priced at {@code input}
 * @param cacheWrite  the price of a prompt token written to the cache, or null when the catalog
 *                    gives none; then cache writes are priced at {@code input}
 * @param perQuery    USD per query (a search unit) of a reranker, or null when it is priced by the token
 * @param batch       the prices of the provider's batch tier, or null when the catalog gives none
 */
public record ModelPrice(String name, String provider, ModelTier tier, Mode mode, BigDecimal input,
                         BigDecimal output, BigDecimal cachedInput, BigDecimal cacheWrite, BigDecimal perQuery,
                         Batch batch) {

    /** What a model does. */
    public enum Mode {
        /** A text model (LiteLLM {@code chat}, {@code completion}, {@code responses}): input and output tokens. */
        TEXT,
        /** An embedding model: input tokens only. */
        EMBEDDING,
        /** A reranker: per query (search unit) when it has a query price, else input tokens. */
        RERANK;

        /** {@code text}, {@code embedding}, {@code rerank}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The batch tier's prices, USD per million tokens; each null when the catalog gives none (the
     * standard price then applies).
     */
    public record Batch(BigDecimal input, BigDecimal output, BigDecimal cachedInput, BigDecimal cacheWrite) {

        /** True when no batch price is given at all. */
        public boolean isEmpty() {
            return input == null && output == null && cachedInput == null && cacheWrite == null;
        }
    }

    public ModelPrice {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(provider, "provider == null");
        Objects.requireNonNull(mode, "mode == null");
        Objects.requireNonNull(input, "input == null");
        Objects.requireNonNull(output, "output == null");
        if (batch != null && batch.isEmpty()) {
            batch = null;
        }
    }

    /** A text model without cache-write, query or batch prices. */
    public ModelPrice(String name, String provider, ModelTier tier, BigDecimal input, BigDecimal output,
                      BigDecimal cachedInput) {
        this(name, provider, tier, Mode.TEXT, input, output, cachedInput, null, null, null);
    }

    /** This price with tier {@code tier}. */
    public ModelPrice withTier(ModelTier tier) {
        return new ModelPrice(name, provider, tier, mode, input, output, cachedInput, cacheWrite, perQuery, batch);
    }

    /** The price of a cached prompt token: {@code cachedInput}, or {@code input} when there is none. */
    public BigDecimal cachedInputOrInput() {
        return cachedInput == null ? input : cachedInput;
    }
}
