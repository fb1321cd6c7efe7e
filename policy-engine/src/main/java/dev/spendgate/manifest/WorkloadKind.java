package dev.spendgate.manifest;

/** The four kinds of AI workload a manifest can declare. */
public enum WorkloadKind {
    Experiment, TrainingJob, InferenceEndpoint, LlmWorkflow
}
