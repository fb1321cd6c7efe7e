package dev.spendgate.jenkins.plugin;

import dev.spendgate.jenkins.StepParameters;
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
public final class SpendgateStep extends Step implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final StepParameters parameters = new StepParameters();

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
            return GateRun.run(step.parameters, c.get(Run.class), c.get(FilePath.class), c.get(EnvVars.class),
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

    // Jenkins (Pipeline's DescribableModel, the form's Stapler) looks for @DataBoundSetter on this
    // class and its superclasses only, never on a field's type or an interface's default methods:
    // so each parameter is bound here in one line and held by StepParameters, as in SpendgateBuilder.
    // PluginSourcesTest (jenkins-plugin/core) holds both lists equal to StepParameters' properties.
    public String getJar() { return parameters.getJar(); }
    @DataBoundSetter public void setJar(String jar) { parameters.setJar(jar); }
    public String getJava() { return parameters.getJava(); }
    @DataBoundSetter public void setJava(String java) { parameters.setJava(java); }
    public String getPaths() { return parameters.getPaths(); }
    @DataBoundSetter public void setPaths(String paths) { parameters.setPaths(paths); }
    public String getPolicy() { return parameters.getPolicy(); }
    @DataBoundSetter public void setPolicy(String policy) { parameters.setPolicy(policy); }
    public String getPrices() { return parameters.getPrices(); }
    @DataBoundSetter public void setPrices(String prices) { parameters.setPrices(prices); }
    public String getEngine() { return parameters.getEngine(); }
    @DataBoundSetter public void setEngine(String engine) { parameters.setEngine(engine); }
    public String getOpaUrl() { return parameters.getOpaUrl(); }
    @DataBoundSetter public void setOpaUrl(String opaUrl) { parameters.setOpaUrl(opaUrl); }
    public String getFailOn() { return parameters.getFailOn(); }
    @DataBoundSetter public void setFailOn(String failOn) { parameters.setFailOn(failOn); }
    public String getNow() { return parameters.getNow(); }
    @DataBoundSetter public void setNow(String now) { parameters.setNow(now); }
    public String getReportDir() { return parameters.getReportDir(); }
    @DataBoundSetter public void setReportDir(String reportDir) { parameters.setReportDir(reportDir); }
    public boolean isUnstableOnBlock() { return parameters.isUnstableOnBlock(); }
    @DataBoundSetter public void setUnstableOnBlock(boolean unstableOnBlock) { parameters.setUnstableOnBlock(unstableOnBlock); }
}
