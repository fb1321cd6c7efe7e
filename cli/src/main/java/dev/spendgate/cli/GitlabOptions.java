package dev.spendgate.cli;

import picocli.CommandLine.Option;

/** The options of {@code check} for GitLab merge request pipelines. */
final class GitlabOptions {

    /** Where the token is read from when {@code --gitlab-token-env} is not given. */
    static final String DEFAULT_TOKEN_ENV = "SPENDGATE_GITLAB_TOKEN";

    @Option(names = "--gitlab-note", description = "In a GitLab merge request pipeline: keep one spendgate note on the "
            + "merge request up to date through the REST API (token from the variable named by --gitlab-token-env).")
    boolean note;

    @Option(names = "--gitlab-token-env", paramLabel = "NAME", defaultValue = DEFAULT_TOKEN_ENV,
            description = "The CI/CD variable holding a project or personal access token with the api scope "
                    + "(default: ${DEFAULT-VALUE}); the token itself is never an option, so it stays out of logs.")
    String tokenEnv;
}
