package dev.spendgate.engine.drools;

import dev.spendgate.manifest.ModelTier;
import dev.spendgate.manifest.ModelUse;

/**
 * One entry of {@code spec.models} as the DRL sees it, with the manifest it belongs to and the
 * price catalog's tier of the model. Numbers are null where the manifest leaves them out.
 */
public final class ModelFact {

    private final ManifestFact manifest;
    private final int index;
    private final ModelUse model;
    private final String catalogTier;
    private final String catalogMode;

    ModelFact(ManifestFact manifest, int index, ModelUse model, ModelTier catalogTier, String catalogMode) {
        this.manifest = manifest;
        this.index = index;
        this.model = model;
        this.catalogTier = catalogTier == null ? null : catalogTier.name();
        this.catalogMode = catalogMode == null ? "text" : catalogMode;
    }

    public ManifestFact getManifest() {
        return manifest;
    }

    /** 0-based position in {@code spec.models}. */
    public int getIndex() {
        return index;
    }

    /** JSON pointer of key {@code key} of this model: {@code /spec/models/<index>/<key>}. */
    public String path(String key) {
        return "/spec/models/" + index + "/" + key;
    }

    public String getName() {
        return model.name();
    }

    /** {@code small}, {@code mid} or {@code frontier}; null when the price catalog does not know the model. */
    public String getCatalogTier() {
        return catalogTier;
    }

    /** {@code text} (also when the catalog does not know the model), {@code embedding} or {@code rerank}. */
    public String getCatalogMode() {
        return catalogMode;
    }

    /** True for a model that writes no output tokens (an embedding model or a reranker, by the catalog). */
    public boolean isOutputless() {
        return !catalogMode.equals("text");
    }

    public Long getMaxOutputTokens() {
        return model.maxOutputTokens();
    }

    public Long getMaxInputTokens() {
        return model.maxInputTokens();
    }

    public Long getSystemPromptTokens() {
        return model.systemPromptTokens();
    }

    public Long getRequestsPerDay() {
        return model.requestsPerDay();
    }

    /** True only when {@code promptCaching: true} is declared. */
    public boolean isPromptCaching() {
        return Boolean.TRUE.equals(model.promptCaching());
    }

    public Integer getMaxRetries() {
        return model.maxRetries();
    }

    @Override
    public String toString() {
        return "ModelFact[" + manifest.getName() + path("name") + "=" + model.name() + "]";
    }
}
