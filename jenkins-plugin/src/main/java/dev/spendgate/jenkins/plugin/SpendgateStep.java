package dev.spendgate.jenkins.plugin;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

import java.io.Serial;
import java.io.Serializable;
import java.util.Map;
import java.util.Set;

/** {@code spendgate(paths: 'ml/', policy: '.spendgate/policy.yaml')}: runs the gate; returns the verdict map. */
public final class SpendgateStep extends Step implements SpendgateParameters, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private String jar;
    private String java;
    private String paths;
    private String policy;
    private String prices;
    private String engine;
    private String opaUrl;
    private String failOn;
    private String now;
    private String reportDir;
    private boolean unstableOnBlock;

    @DataBoundConstructor
    public SpendgateStep() {
        // every parameter is optional: the jar defaults to $SPENDGATE_JAR, the rest to the CLI's defaults
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    private static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

        @Serial
        private static final long serialVersionUID = 1L;

        private final transient SpendgateStep step;

        Execution(SpendgateStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            StepContext c = getContext();
            return GateRun.run(step, c.get(Run.class), c.get(FilePath.class), c.get(EnvVars.class),
                    c.get(Launcher.class), c.get(TaskListener.class));
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "spendgate";
        }

        @Override
        public String getDisplayName() {
            return "spendgate: policy gate for AI spend";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, Launcher.class, TaskListener.class, EnvVars.class);
        }
    }

    @Override public String getJar() { return jar; }
    @DataBoundSetter public void setJar(String jar) { this.jar = jar; }
    @Override public String getJava() { return java; }
    @DataBoundSetter public void setJava(String java) { this.java = java; }
    @Override public String getPaths() { return paths; }
    /** Manifest files or folders, separated by commas or white space. */
    @DataBoundSetter public void setPaths(String paths) { this.paths = paths; }
    @Override public String getPolicy() { return policy; }
    @DataBoundSetter public void setPolicy(String policy) { this.policy = policy; }
    @Override public String getPrices() { return prices; }
    @DataBoundSetter public void setPrices(String prices) { this.prices = prices; }
    @Override public String getEngine() { return engine; }
    @DataBoundSetter public void setEngine(String engine) { this.engine = engine; }
    @Override public String getOpaUrl() { return opaUrl; }
    @DataBoundSetter public void setOpaUrl(String opaUrl) { this.opaUrl = opaUrl; }
    @Override public String getFailOn() { return failOn; }
    @DataBoundSetter public void setFailOn(String failOn) { this.failOn = failOn; }
    @Override public String getNow() { return now; }
    @DataBoundSetter public void setNow(String now) { this.now = now; }
    @Override public String getReportDir() { return reportDir; }
    @DataBoundSetter public void setReportDir(String reportDir) { this.reportDir = reportDir; }
    @Override public boolean isUnstableOnBlock() { return unstableOnBlock; }
    @DataBoundSetter public void setUnstableOnBlock(boolean unstableOnBlock) { this.unstableOnBlock = unstableOnBlock; }
}
