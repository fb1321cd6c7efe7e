package dev.spendgate.jenkins.plugin;

import dev.spendgate.jenkins.StepParameters;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.BuildStepMonitor;
import hudson.tasks.Builder;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

import java.io.IOException;

/** The freestyle build step; also callable from Pipeline as {@code step([$class: 'SpendgateBuilder', ...])}. */
public final class SpendgateBuilder extends Builder implements SimpleBuildStep {

    private final StepParameters parameters = new StepParameters();

    @DataBoundConstructor
    public SpendgateBuilder() {
        // every parameter is optional, as in the pipeline step
    }

    @Override
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        GateRun.run(parameters, run, workspace, env, launcher, listener);
    }

    @Override
    public BuildStepMonitor getRequiredMonitorService() {
        return BuildStepMonitor.NONE;
    }

    // the pipeline step owns the name spendgate; this symbol names the build step inside step(...)
    @Extension
    @Symbol("spendgateBuildStep")
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {

        @Override
        @SuppressWarnings("rawtypes")
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @Override
        public String getDisplayName() {
            return "spendgate: policy gate for AI spend";
        }
    }

    // Jenkins (Pipeline's DescribableModel, the form's Stapler) looks for @DataBoundSetter on this
    // class and its superclasses only, never on a field's type or an interface's default methods:
    // so each parameter is bound here in one line and held by StepParameters, as in SpendgateStep.
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
