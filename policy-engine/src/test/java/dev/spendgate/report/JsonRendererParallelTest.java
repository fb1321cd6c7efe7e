package dev.spendgate.report;

import dev.spendgate.cost.Estimate;
import dev.spendgate.cost.EstimateItem;
import dev.spendgate.cost.Saving;
import dev.spendgate.gate.Finding;
import dev.spendgate.gate.GateReport;
import dev.spendgate.gate.ManifestReport;
import dev.spendgate.gate.Outcome;
import dev.spendgate.gate.Verdict;
import dev.spendgate.input.SourceLocation;
import dev.spendgate.manifest.Budget;
import dev.spendgate.manifest.BudgetPeriod;
import dev.spendgate.policy.Enforcement;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A large report's manifests, rendered on every core a window at a time, are the bytes one generator writes. */
class JsonRendererParallelTest {

    @Test
    void manifestsRenderedOnEveryCoreAreTheBytesOfOneGenerator() throws IOException {
        for (int count : new int[] {1, 63, 64, 65, 256, 257, 600}) {
            GateReport report = report(count);
            StringBuilder one = new StringBuilder();
            new JsonRenderer(Integer.MAX_VALUE).render(report, one);
            StringBuilder split = new StringBuilder();
            new JsonRenderer(1).render(report, split);
            assertEquals(one.toString(), split.toString(), count + " manifests");
            assertTrue(one.toString().contains("\"name\": \"m-" + (count - 1) + "\""), "the last manifest is in the report");
        }
    }

    /** {@code count} manifests: every third passes, the others carry findings with evidence, savings and odd text. */
    private static GateReport report(int count) {
        List<ManifestReport> manifests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String file = "teams/t" + (i % 7) + "/m-" + i + ".yaml";
            EstimateItem item = new EstimateItem("gpu", "A100 on-demand", i + " GPU-h × 2.50 USD/GPU-h = " + (i * 2.5) + " USD",
                    new BigDecimal(i), "GPU-h", new BigDecimal("2.50"), new BigDecimal(i).multiply(new BigDecimal("2.50")),
                    "/spec/compute");
            Estimate estimate = new Estimate(new BigDecimal(i).multiply(new BigDecimal("2.50")), "USD", new BigDecimal(30),
                    "ttl 30d = 30 days", List.of(item), i % 5 != 0, i % 5 == 0 ? List.of("model-" + i) : List.of());
            List<Finding> findings = new ArrayList<>();
            Saving saving = null;
            if (i % 3 != 0) {
                Map<String, Object> evidence = new LinkedHashMap<>();
                evidence.put("limit", new BigDecimal("100.5"));
                evidence.put("text", "quote \" backslash \\ tab \t newline \n and ünïcödé — ≥ " + i);
                saving = new Saving("use spot capacity", new BigDecimal(i + 10), new BigDecimal(i), "USD",
                        "A100 spot: " + i + " GPU-h × 1.00 USD/GPU-h");
                findings.add(Finding.builder().rule("SG-T-00" + (i % 3), "Title " + i, "budget")
                        .enforced(i % 2 == 0 ? Enforcement.ADVISORY : Enforcement.HARD_MANDATORY,
                                i % 2 == 0 ? Outcome.WARN : Outcome.FAIL)
                        .message("over the budget by " + i + " USD").remediation("lower it")
                        .at("/spec/budget/amount", new SourceLocation(file, 3 + i % 11, 5)).evidence(evidence)
                        .savings(List.of(saving)).build());
            }
            Verdict verdict = findings.isEmpty() ? Verdict.PASS : i % 2 == 0 ? Verdict.WARN : Verdict.FAIL;
            manifests.add(new ManifestReport(file, "m-" + i, "TrainingJob", i % 4 == 0 ? null : "team-" + (i % 7), verdict,
                    new Budget(new BigDecimal(100 + i), "USD", BudgetPeriod.total), estimate, findings, saving,
                    "owner" + i + "@example.com", "dev"));
        }
        return GateReport.builder().toolVersion("test").engine("drools").policy("p").manifests(manifests).build();
    }
}
