package dev.spendgate.watch;

import dev.spendgate.alert.AlertChannel;
import dev.spendgate.alert.ChannelOptions;
import dev.spendgate.alert.Channels;
import dev.spendgate.error.InvalidInputException;
import dev.spendgate.input.Problem;
import dev.spendgate.policy.Alerts;
import dev.spendgate.policy.ChannelConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The channels of a policy set's {@code alerts.channels}, opened together before anything is sent. */
public final class WatchChannels {

    private WatchChannels() {
    }

    /**
     * Every channel of {@code alerts}, by name in the order written.
     *
     * @throws InvalidInputException with every channel's problem (an unset secret variable, an
     *                               invalid setting) at once: nothing is sent when one is wrong
     */
    public static Map<String, AlertChannel> open(Alerts alerts, Map<String, String> env, ChannelOptions options)
            throws InvalidInputException {
        Map<String, AlertChannel> out = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (ChannelConfig c : alerts.channels().values()) {
            try {
                out.put(c.name(), Channels.open(c, env, options));
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return out;
    }

    /** The secret values the channels of {@code alerts} read from {@code env}, for the run's redactor. */
    public static List<String> secrets(Alerts alerts, Map<String, String> env) {
        List<String> out = new ArrayList<>();
        for (ChannelConfig c : alerts.channels().values()) {
            out.addAll(Channels.secrets(c, env));
        }
        return out;
    }

    /**
     * A link to the run from the CI's environment: a GitHub Actions run, a GitLab CI job, a
     * Jenkins build; null outside CI.
     */
    public static String runUrl(Map<String, String> env) {
        String server = env.get("GITHUB_SERVER_URL");
        if (server != null && env.get("GITHUB_REPOSITORY") != null && env.get("GITHUB_RUN_ID") != null) {
            return server + "/" + env.get("GITHUB_REPOSITORY") + "/actions/runs/" + env.get("GITHUB_RUN_ID");
        }
        if (env.get("CI_JOB_URL") != null) {
            return env.get("CI_JOB_URL");
        }
        return env.get("BUILD_URL");
    }
}
