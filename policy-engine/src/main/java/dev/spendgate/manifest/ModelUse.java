package dev.spendgate.manifest;

import java.util.Objects;

/**
 * One model a workload calls, with its token limits and expected traffic; numbers may be null when absent.
 *
 * @param batch                 {@code batch: true}: the requests go through the provider's batch tier
 *                              and are priced at its batch prices
 * @param cacheWritesPerDay     how often a day the cached system prompt is written to the cache (with
 *                              {@code promptCaching: true} only); those requests pay the cache-write price
 * @param searchUnitsPerRequest search units (queries) a request to a reranker counts, e.g. 3 for a query
 *                              over 250 documents where a unit is a query of up to 100 documents; absent: 1
 */
public record ModelUse(
        String name,
        String provider,
        Long maxOutputTokens,
        Long maxInputTokens,
        Long systemPromptTokens,
        Long requestsPerDay,
        Long avgInputTokens,
        Long avgOutputTokens,
        Boolean promptCaching,
        Integer maxRetries,
        Boolean batch,
        Long cacheWritesPerDay,
        Long searchUnitsPerRequest) {

    public ModelUse {
        Objects.requireNonNull(name, "name == null");
    }

    /** This use with another model, {@code name} of {@code provider}, and the same traffic. */
    public ModelUse withModel(String name, String provider) {
        return new ModelUse(name, provider, maxOutputTokens, maxInputTokens, systemPromptTokens, requestsPerDay,
                avgInputTokens, avgOutputTokens, promptCaching, maxRetries, batch, cacheWritesPerDay, searchUnitsPerRequest);
    }

    /** This use with {@code promptCaching} set. */
    public ModelUse withPromptCaching(boolean caching) {
        return new ModelUse(name, provider, maxOutputTokens, maxInputTokens, systemPromptTokens, requestsPerDay,
                avgInputTokens, avgOutputTokens, caching, maxRetries, batch, cacheWritesPerDay, searchUnitsPerRequest);
    }

    /** This use with a system prompt of {@code tokens}. */
    public ModelUse withSystemPromptTokens(long tokens) {
        return new ModelUse(name, provider, maxOutputTokens, maxInputTokens, tokens, requestsPerDay,
                avgInputTokens, avgOutputTokens, promptCaching, maxRetries, batch, cacheWritesPerDay, searchUnitsPerRequest);
    }

    /** A model use without batch, cache-write or search-unit traffic. */
    public ModelUse(String name, String provider, Long maxOutputTokens, Long maxInputTokens, Long systemPromptTokens,
                    Long requestsPerDay, Long avgInputTokens, Long avgOutputTokens, Boolean promptCaching,
                    Integer maxRetries) {
        this(name, provider, maxOutputTokens, maxInputTokens, systemPromptTokens, requestsPerDay, avgInputTokens,
                avgOutputTokens, promptCaching, maxRetries, null, null, null);
    }
}
