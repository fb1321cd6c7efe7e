package dev.spendgate.manifest;

import java.util.Objects;

/** One LLM a workload calls, with its token limits and expected traffic; numbers may be null when absent. */
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
        Integer maxRetries) {

    public ModelUse {
        Objects.requireNonNull(name, "name == null");
    }

    /** This use with another model, {@code name} of {@code provider}, and the same traffic. */
    public ModelUse withModel(String name, String provider) {
        return new ModelUse(name, provider, maxOutputTokens, maxInputTokens, systemPromptTokens, requestsPerDay,
                avgInputTokens, avgOutputTokens, promptCaching, maxRetries);
    }

    /** This use with {@code promptCaching} set. */
    public ModelUse withPromptCaching(boolean caching) {
        return new ModelUse(name, provider, maxOutputTokens, maxInputTokens, systemPromptTokens, requestsPerDay,
                avgInputTokens, avgOutputTokens, caching, maxRetries);
    }

    /** This use with a system prompt of {@code tokens}. */
    public ModelUse withSystemPromptTokens(long tokens) {
        return new ModelUse(name, provider, maxOutputTokens, maxInputTokens, tokens, requestsPerDay,
                avgInputTokens, avgOutputTokens, promptCaching, maxRetries);
    }
}
