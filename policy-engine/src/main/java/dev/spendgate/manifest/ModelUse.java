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
}
