#!/usr/bin/env python3
"""Writes N varied, valid spendgate manifests under OUT (one file each, 100 per folder).

Deterministic: the same N gives the same files. Usage: generate_manifests.py N OUT
"""
import os
import random
import sys

KINDS = ["Experiment", "TrainingJob", "InferenceEndpoint", "LlmWorkflow"]
ENVS = ["dev", "staging", "production"]
TEAMS = ["growth-ml", "search", "platform-ml", "risk", "support-ai"]
MODELS = [("gpt-4o-mini", "openai"), ("gpt-4o", "openai"), ("claude-sonnet-4", "anthropic"),
          ("gemini-2.5-flash", "google"), ("o3", "openai")]
GPUS = ["H100", "A100", "L40S", "L4", "T4", "A10G"]
TASKS = ["classification", "extraction", "summarisation", "generation", "reasoning", "training"]


def manifest(i, rnd):
    kind = KINDS[i % 4]
    env = ENVS[rnd.randrange(3)]
    lines = [
        "apiVersion: spendgate.dev/v1",
        f"kind: {kind}",
        "metadata:",
        f"  name: workload-{i:06d}",
        f"  team: {TEAMS[rnd.randrange(len(TEAMS))]}",
        f"  owner: user{i}@example.com",
        f"  environment: {env}",
        f"  costCenter: CC-{1000 + i % 50}",
        "spec:",
        f"  purpose: \"generated workload {i}\"",
        f"  taskType: {TASKS[rnd.randrange(len(TASKS))]}",
        f"  modelTier: {['small', 'mid', 'frontier'][rnd.randrange(3)]}",
        f"  budget: {{amount: {rnd.choice([50, 200, 800, 1500, 6000])}, currency: USD, period: {rnd.choice(['total', 'monthly'])}}}",
    ]
    if env != "production" or rnd.random() < 0.3:
        lines.append(f"  ttl: {rnd.choice(['12h', '24h', '48h', '3d', '2w'])}")
    if kind in ("LlmWorkflow", "Experiment"):
        name, provider = MODELS[rnd.randrange(len(MODELS))]
        lines += [
            "  models:",
            f"    - name: {name}",
            f"      provider: {provider}",
            f"      maxOutputTokens: {rnd.choice([256, 512, 1024])}",
            f"      maxInputTokens: {rnd.choice([8000, 16000, 64000])}",
            f"      systemPromptTokens: {rnd.choice([200, 400, 1200, 2000])}",
            f"      requestsPerDay: {rnd.choice([100, 1000, 20000])}",
            f"      avgInputTokens: {rnd.choice([500, 1200, 4000])}",
            f"      avgOutputTokens: {rnd.choice([100, 300])}",
            f"      promptCaching: {rnd.choice(['true', 'false'])}",
            f"      maxRetries: {rnd.choice([1, 2, 5])}",
        ]
    if kind in ("TrainingJob", "InferenceEndpoint", "Experiment"):
        lines += [
            "  compute:",
            f"    gpuType: {GPUS[rnd.randrange(len(GPUS))]}",
            f"    gpuCount: {rnd.choice([1, 2, 4, 8, 16])}",
            f"    capacity: {rnd.choice(['spot', 'on-demand', 'reserved'])}",
            f"    expectedUtilization: {rnd.choice([0.4, 0.65, 0.8])}",
        ]
        lines.append(f"    hoursPerDay: {rnd.choice([8, 24])}" if kind == "InferenceEndpoint"
                     else f"    hours: {rnd.choice([2, 12, 48])}")
    return "\n".join(lines) + "\n"


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    rnd = random.Random(20261122)
    for i in range(n):
        folder = os.path.join(out, f"batch-{i // 100:03d}")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"workload-{i:06d}.yaml"), "w", encoding="utf-8") as f:
            f.write(manifest(i, rnd))


if __name__ == "__main__":
    main()
