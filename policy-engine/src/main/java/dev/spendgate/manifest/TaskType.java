package dev.spendgate.manifest;

/** What a workload asks of its models; decides whether a frontier model is warranted. */
public enum TaskType {
    classification, extraction, routing, summarisation, embedding, generation, reasoning, training, other
}
