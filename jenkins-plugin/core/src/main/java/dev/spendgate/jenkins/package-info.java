/**
 * The plain-Java core of the Jenkins integration: the step's parameters as the CLI's argument
 * list, the exit code as a build result, and the JSON report as the model of the build page and
 * of the map the pipeline step returns. It uses only the JDK and {@code jakarta.json} (the
 * {@link dev.spendgate.error.ExitCodes} constants are inlined at compile time), so the Jenkins
 * plugin depends on this package without pulling in the engines; {@code JenkinsCoreDependenciesTest}
 * checks that.
 */
package dev.spendgate.jenkins;
