package dev.spendgate.jenkins.plugin;

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
public final class SpendgateBuilder extends Builder implements SimpleBuildStep, SpendgateParameters {

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
    public SpendgateBuilder() {
        // every parameter is optional, as in the pipeline step
    }

    @Override
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        GateRun.run(this, run, workspace, env, launcher, listener);
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

    @Override public String getJar() { return jar; }
    @DataBoundSetter public void setJar(String jar) { this.jar = jar; }
    @Override public String getJava() { return java; }
    @DataBoundSetter public void setJava(String java) { this.java = java; }
    @Override public String getPaths() { return paths; }
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
