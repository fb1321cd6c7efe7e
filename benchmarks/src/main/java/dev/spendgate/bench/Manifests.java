package dev.spendgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Writes varied, valid manifests: the Java twin of {@code bench/generate_manifests.py}. */
final class Manifests {

    private static final String[] KINDS = {"Experiment", "TrainingJob", "InferenceEndpoint", "LlmWorkflow"};
    private static final String[] ENVS = {"dev", "staging", "production"};
    private static final String[] TEAMS = {"growth-ml", "search", "platform-ml", "risk", "support-ai"};
    private static final String[][] MODELS = {{"gpt-4o-mini", "openai"}, {"gpt-4o", "openai"},
            {"claude-sonnet-4", "anthropic"}, {"gemini-2.5-flash", "google"}, {"o3", "openai"}};
    private static final String[] GPUS = {"H100", "A100", "L40S", "L4", "T4", "A10G"};
    private static final String[] TASKS = {"classification", "extraction", "summarisation", "generation", "reasoning", "training"};

    private Manifests() {
    }

    static void write(Path dir, int n) throws IOException {
        Random rnd = new Random(20261122);
        for (int i = 0; i < n; i++) {
            Path folder = dir.resolve(String.format("batch-%03d", i / 100));
            Files.createDirectories(folder);
            Files.writeString(folder.resolve(String.format("workload-%06d.yaml", i)), manifest(i, rnd));
        }
    }

    private static String pick(Random rnd, String... options) {
        return options[rnd.nextInt(options.length)];
    }

    private static String manifest(int i, Random rnd) {
        String kind = KINDS[i % 4];
        String env = ENVS[rnd.nextInt(3)];
        StringBuilder b = new StringBuilder()
                .append("apiVersion: spendgate.dev/v1\n")
                .append("kind: ").append(kind).append('\n')
                .append("metadata:\n")
                .append(String.format("  name: workload-%06d%n", i))
                .append("  team: ").append(pick(rnd, TEAMS)).append('\n')
                .append("  owner: user").append(i).append("@example.com\n")
                .append("  environment: ").append(env).append('\n')
                .append("  costCenter: CC-").append(1000 + i % 50).append('\n')
                .append("spec:\n")
                .append("  purpose: \"generated workload ").append(i).append("\"\n")
                .append("  taskType: ").append(pick(rnd, TASKS)).append('\n')
                .append("  modelTier: ").append(pick(rnd, "small", "mid", "frontier")).append('\n')
                .append("  budget: {amount: ").append(pick(rnd, "50", "200", "800", "1500", "6000"))
                .append(", currency: USD, period: ").append(pick(rnd, "total", "monthly")).append("}\n");
        if (!env.equals("production") || rnd.nextDouble() < 0.3) {
            b.append("  ttl: ").append(pick(rnd, "12h", "24h", "48h", "3d", "2w")).append('\n');
        }
        if (kind.equals("LlmWorkflow") || kind.equals("Experiment")) {
            String[] m = MODELS[rnd.nextInt(MODELS.length)];
            b.append("  models:\n")
                    .append("    - name: ").append(m[0]).append('\n')
                    .append("      provider: ").append(m[1]).append('\n')
                    .append("      maxOutputTokens: ").append(pick(rnd, "256", "512", "1024")).append('\n')
                    .append("      maxInputTokens: ").append(pick(rnd, "8000", "16000", "64000")).append('\n')
                    .append("      systemPromptTokens: ").append(pick(rnd, "200", "400", "1200", "2000")).append('\n')
                    .append("      requestsPerDay: ").append(pick(rnd, "100", "1000", "20000")).append('\n')
                    .append("      avgInputTokens: ").append(pick(rnd, "500", "1200", "4000")).append('\n')
                    .append("      avgOutputTokens: ").append(pick(rnd, "100", "300")).append('\n')
                    .append("      promptCaching: ").append(pick(rnd, "true", "false")).append('\n')
                    .append("      maxRetries: ").append(pick(rnd, "1", "2", "5")).append('\n');
        }
        if (!kind.equals("LlmWorkflow")) {
            b.append("  compute:\n")
                    .append("    gpuType: ").append(pick(rnd, GPUS)).append('\n')
                    .append("    gpuCount: ").append(pick(rnd, "1", "2", "4", "8", "16")).append('\n')
                    .append("    capacity: ").append(pick(rnd, "spot", "on-demand", "reserved")).append('\n')
                    .append("    expectedUtilization: ").append(pick(rnd, "0.4", "0.65", "0.8")).append('\n')
                    .append(kind.equals("InferenceEndpoint") ? "    hoursPerDay: " + pick(rnd, "8", "24") + "\n"
                            : "    hours: " + pick(rnd, "2", "12", "48") + "\n");
        }
        return b.toString();
    }
}
