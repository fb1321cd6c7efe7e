package dev.spendgate.jenkins.plugin;

import dev.spendgate.jenkins.GateSummary;
import hudson.model.Run;
import jenkins.model.RunAction2;

/** The report page of a build: the verdict, the counts and the findings table (index.jelly). */
public final class SpendgateReportAction implements RunAction2 {

    private final GateSummary summary;
    private transient Run<?, ?> run;

    SpendgateReportAction(GateSummary summary) {
        this.summary = summary;
    }

    public GateSummary getSummary() {
        return summary;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public String getIconFileName() {
        return "symbol-shield-checkmark-outline plugin-ionicons-api";
    }

    @Override
    public String getDisplayName() {
        return "spendgate: " + summary.getVerdict();
    }

    @Override
    public String getUrlName() {
        return "spendgate";
    }
}
