package dev.spendgate.jenkins;

import java.io.Serializable;
import java.util.Map;

/**
 * The parameters of the pipeline step and of the build step, as Jenkins binds them: one JavaBean
 * property per parameter, named as in {@code spendgate(...)}. Both steps hold one instance and
 * delegate their data-bound setters to it, because Jenkins finds {@code @DataBoundSetter} only on
 * the step's own class chain, and the two steps extend unrelated Jenkins classes.
 *
 * <p>Mutable, and serializable with plain fields, because Jenkins sets the parameters one by one
 * and saves the build step with the job (XStream) and the pipeline step with the program; the
 * values are validated once, by {@link #arguments}.
 */
public final class StepParameters implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The environment variable that names the jar when {@code jar} is not given. */
    public static final String JAR_VARIABLE = "SPENDGATE_JAR";

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

    /**
     * The validated command line; a blank {@code jar} falls back to {@code $SPENDGATE_JAR} of
     * {@code environment} (the build's, on the agent).
     *
     * @throws IllegalArgumentException naming every wrong parameter, one per line
     */
    public GateArguments arguments(Map<String, String> environment) {
        return GateArguments.builder()
                .java(java)
                .jar(jar == null || jar.isBlank() ? environment.get(JAR_VARIABLE) : jar)
                .paths(paths).policy(policy).prices(prices).engine(engine).opaUrl(opaUrl)
                .failOn(failOn).now(now).reportDir(reportDir)
                .build();
    }

    /** What the exit code means for the build, given {@code unstableOnBlock}. */
    public GateDecision decision(int exitCode) {
        return GateDecision.of(exitCode, unstableOnBlock);
    }

    /** spendgate.jar on the agent (default {@code $SPENDGATE_JAR}). */
    public String getJar() {
        return jar;
    }

    public void setJar(String jar) {
        this.jar = jar;
    }

    /** The java command on the agent (default {@code java}). */
    public String getJava() {
        return java;
    }

    public void setJava(String java) {
        this.java = java;
    }

    /** Manifest files or folders, separated by commas or white space. */
    public String getPaths() {
        return paths;
    }

    public void setPaths(String paths) {
        this.paths = paths;
    }

    public String getPolicy() {
        return policy;
    }

    public void setPolicy(String policy) {
        this.policy = policy;
    }

    public String getPrices() {
        return prices;
    }

    public void setPrices(String prices) {
        this.prices = prices;
    }

    public String getEngine() {
        return engine;
    }

    public void setEngine(String engine) {
        this.engine = engine;
    }

    public String getOpaUrl() {
        return opaUrl;
    }

    public void setOpaUrl(String opaUrl) {
        this.opaUrl = opaUrl;
    }

    public String getFailOn() {
        return failOn;
    }

    public void setFailOn(String failOn) {
        this.failOn = failOn;
    }

    public String getNow() {
        return now;
    }

    public void setNow(String now) {
        this.now = now;
    }

    public String getReportDir() {
        return reportDir;
    }

    public void setReportDir(String reportDir) {
        this.reportDir = reportDir;
    }

    /** Mark the build UNSTABLE instead of failing it when the gate blocks. */
    public boolean isUnstableOnBlock() {
        return unstableOnBlock;
    }

    public void setUnstableOnBlock(boolean unstableOnBlock) {
        this.unstableOnBlock = unstableOnBlock;
    }
}
