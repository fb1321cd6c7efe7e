package dev.spendgate.manifest;

import dev.spendgate.yaml.Ttl;
import java.time.Instant;
import java.util.List;

/** The declared workload; every field but {@code models} may be null when absent. */
public record Spec(
        String purpose,
        TaskType taskType,
        ModelTier modelTier,
        String justification,
        Budget budget,
        Ttl ttl,
        Instant startsAt,
        List<ModelUse> models,
        Compute compute) {

    public Spec {
        models = models == null ? List.of() : List.copyOf(models);
    }

    /** {@code startsAt + ttl}, or null when either is absent. */
    public Instant expiresAt() {
        return startsAt == null || ttl == null ? null : startsAt.plus(ttl.duration());
    }

    /** This spec with {@code compute}. */
    public Spec withCompute(Compute compute) {
        return new Spec(purpose, taskType, modelTier, justification, budget, ttl, startsAt, models, compute);
    }

    /** This spec with {@code models}. */
    public Spec withModels(List<ModelUse> models) {
        return new Spec(purpose, taskType, modelTier, justification, budget, ttl, startsAt, models, compute);
    }
}
