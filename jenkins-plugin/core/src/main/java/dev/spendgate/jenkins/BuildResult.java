package dev.spendgate.jenkins;

/** The Jenkins build results a gate run can lead to, named as {@code hudson.model.Result} names them. */
public enum BuildResult {
    SUCCESS, UNSTABLE, FAILURE
}
