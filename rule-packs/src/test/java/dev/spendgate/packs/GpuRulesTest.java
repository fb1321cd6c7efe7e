package dev.spendgate.packs;

import dev.spendgate.engine.Detection;
import dev.spendgate.manifest.Capacity;
import dev.spendgate.manifest.Compute;
import dev.spendgate.manifest.Environment;
import dev.spendgate.manifest.Schedule;
import dev.spendgate.manifest.WorkloadKind;
import dev.spendgate.policy.Parameters;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.spendgate.packs.Baseline.assertNone;
import static dev.spendgate.packs.Baseline.assertOne;
import static dev.spendgate.packs.Baseline.assertOnly;
import static dev.spendgate.packs.Baseline.evidence;
import static dev.spendgate.packs.Baseline.num;
import static dev.spendgate.packs.Baseline.run;
import static dev.spendgate.packs.Baseline.with;
import static dev.spendgate.packs.ManifestBuilder.manifest;

/** SG-GPU-001..004 on the precompiled baseline pack. */
class GpuRulesTest {

    @Test
    void onDemandGpusOutsideProduction() {
        List<Detection> found = run(manifest().compute("H100", 4, Capacity.ON_DEMAND));
        assertOne(found, "SG-GPU-001", "/spec/compute/capacity",
                evidence("capacity", "on-demand", "gpuType", "H100", "gpuCount", 4));
        assertOnly(found, "SG-GPU-001");
    }

    @Test
    void absentCapacityMeansOnDemand() {
        assertOne(run(manifest().compute("A100", null, null)), "SG-GPU-001", "/spec/compute/capacity",
                evidence("capacity", "on-demand", "gpuType", "A100", "gpuCount", ""));
        assertOne(run(manifest().compute(null, 2, null)), "SG-GPU-001", "/spec/compute/capacity",
                evidence("capacity", "on-demand", "gpuType", "", "gpuCount", 2));
    }

    @Test
    void spotReservedProductionOrNoGpusPass() {
        assertNone(run(manifest().compute("H100", 4, Capacity.SPOT)), "SG-GPU-001");
        assertNone(run(manifest().compute("H100", 4, Capacity.RESERVED)), "SG-GPU-001");
        assertNone(run(manifest().compute("H100", 4, Capacity.ON_DEMAND)
                .with(m -> { m.environment = Environment.production; return m; })), "SG-GPU-001");
        assertNone(run(manifest().compute("H100", 0, Capacity.ON_DEMAND)), "SG-GPU-001");
        assertNone(run(manifest().compute(null, null, Capacity.ON_DEMAND)), "SG-GPU-001");
        assertNone(run(manifest().with(m -> { m.compute = null; return m; })), "SG-GPU-001");
        assertNone(run(with(new Parameters.Gpu(false, true, 8, num("0.6"))), manifest().compute("H100", 4, Capacity.ON_DEMAND)),
                "SG-GPU-001");
    }

    @Test
    void unscheduledInferenceEndpointOutsideProduction() {
        List<Detection> found = run(manifest().with(m -> { m.kind = WorkloadKind.InferenceEndpoint; return m; }));
        assertOne(found, "SG-GPU-002", "/spec/compute/schedule", evidence("kind", "InferenceEndpoint", "hoursPerDay", ""));
        assertOnly(found, "SG-GPU-002");
    }

    @Test
    void unscheduledLongDaysOutsideProduction() {
        assertOne(run(manifest().hoursPerDay("12.5")), "SG-GPU-002", "/spec/compute/schedule",
                evidence("kind", "Experiment", "hoursPerDay", num("12.5")));
        assertNone(run(manifest().hoursPerDay("12")), "SG-GPU-002");
    }

    @Test
    void scheduledOrProductionOrGpulessEndpointsPass() {
        Schedule office = new Schedule("08:00-20:00", "Europe/Berlin", true);
        assertNone(run(manifest().with(m -> { m.kind = WorkloadKind.InferenceEndpoint; return m; }).schedule(office)), "SG-GPU-002");
        assertNone(run(manifest().with(m -> {
            m.kind = WorkloadKind.InferenceEndpoint;
            m.environment = Environment.production;
            return m;
        })), "SG-GPU-002");
        assertNone(run(manifest().with(m -> {
            m.kind = WorkloadKind.InferenceEndpoint;
            m.compute = new Compute(null, null, null, null, null, null, null);
            return m;
        })), "SG-GPU-002");
        assertNone(run(with(new Parameters.Gpu(true, false, 8, num("0.6"))),
                manifest().with(m -> { m.kind = WorkloadKind.InferenceEndpoint; return m; })), "SG-GPU-002");
    }

    @Test
    void moreGpusThanAllowedWithoutApproval() {
        List<Detection> found = run(manifest().compute("H100", 16, Capacity.SPOT));
        assertOne(found, "SG-GPU-003", "/spec/compute/gpuCount", evidence("gpuCount", 16, "limit", 8));
        assertOnly(found, "SG-GPU-003");
        assertNone(run(manifest().compute("H100", 8, Capacity.SPOT)), "SG-GPU-003");
        // production GPUs need the approval too
        assertOne(run(manifest().compute("H100", 9, Capacity.ON_DEMAND).with(m -> {
            m.environment = Environment.production;
            return m;
        })), "SG-GPU-003", "/spec/compute/gpuCount", evidence("gpuCount", 9, "limit", 8));
    }

    @Test
    void utilizationBelowTarget() {
        List<Detection> found = run(manifest().utilization("0.35"));
        assertOne(found, "SG-GPU-004", "/spec/compute/expectedUtilization",
                evidence("expectedUtilization", num("0.35"), "target", num("0.6")));
        assertOnly(found, "SG-GPU-004");
        assertNone(run(manifest().utilization("0.6")), "SG-GPU-004");
        assertNone(run(manifest().utilization(null)), "SG-GPU-004");
    }
}
