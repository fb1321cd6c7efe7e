package dev.spendgate.jenkins.plugin;

import dev.spendgate.jenkins.BuildResult;
import dev.spendgate.jenkins.GateArguments;
import dev.spendgate.jenkins.GateDecision;
import dev.spendgate.jenkins.GateSummary;
import dev.spendgate.jenkins.StepParameters;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * What the pipeline step and the build step share: start {@code java -jar spendgate.jar check} in
 * the agent's workspace, attach the report to the build and set its result. All decisions are
 * made by the plain-Java core ({@link StepParameters}, {@link GateArguments}, {@link GateDecision},
 * {@link GateSummary}).
 */
final class GateRun {

    private GateRun() {
    }

    /**
     * Runs the gate.
     *
     * @return the verdict map of {@link GateSummary#toMap}
     * @throws AbortException when the build must fail: the message says why
     */
    static Map<String, Object> run(StepParameters p, Run<?, ?> run, FilePath workspace, EnvVars env,
                                   Launcher launcher, TaskListener listener) throws IOException, InterruptedException {
        GateArguments args;
        try {
            args = p.arguments(env);
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
        if (env.get("CHANGE_TARGET") != null) {
            listener.getLogger().println("spendgate: pull request into " + env.get("CHANGE_TARGET") + ": gating every manifest");
        }
        int code = launcher.launch().cmds(args.command()).envs(env).pwd(workspace).stdout(listener).join();
        GateDecision decision = p.decision(code);
        listener.getLogger().println(decision.message());
        if (!decision.hasReport()) {
            throw new AbortException(decision.message());
        }
        GateSummary summary;
        try (InputStream in = workspace.child(args.jsonReport()).read()) {
            summary = GateSummary.read(in);
        }
        run.addOrReplaceAction(new SpendgateReportAction(summary));
        listener.getLogger().println("spendgate: " + summary.headline());
        if (decision.result() == BuildResult.FAILURE) {
            throw new AbortException(decision.message());
        }
        if (decision.result() == BuildResult.UNSTABLE) {
            run.setResult(Result.UNSTABLE);
        }
        return summary.toMap(decision.result());
    }
}
