/**
 * The plain-Java core of the Jenkins integration: the steps' parameters ({@link dev.spendgate.jenkins.StepParameters})
 * as the CLI's argument list, the exit code as a build result, and the JSON report as the model of
 * the build page and of the map the pipeline step returns. It uses only the JDK and
 * {@code jakarta.json}, and the {@link dev.spendgate.error.ExitCodes} constants, which javac
 * inlines, so the plugin bundles it without the engines; {@code JenkinsCoreDependenciesTest}
 * checks both the imports and the compiled classes.
 */
package dev.spendgate.jenkins;
