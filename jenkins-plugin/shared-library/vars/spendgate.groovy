// spendgate gate step for controllers without the spendgate plugin: runs the CLI jar on the agent,
// publishes the JUnit and SARIF reports, and sets the build result by the exit-code contract
// (0 pass, 1 blocked, 2 usage, 3 invalid input, 4 engine failure). Help: vars/spendgate.txt.

import groovy.transform.Field

@Field static final List<String> PARAMETERS = ['jar', 'java', 'paths', 'policy', 'prices', 'engine', 'opaUrl',
        'failOn', 'now', 'reportDir', 'unstableOnBlock', 'junit', 'recordIssues']

@Field static final Map<Integer, String> CAUSES = [
        2: 'usage error (exit 2): the command line was refused; see the message above',
        3: 'invalid input (exit 3): a manifest, policy set, waiver, price catalog or pack does not load; the problems are listed above with file:line:column',
        4: 'engine or data-source failure (exit 4); nothing was passed, see the message above']

def call(Map args = [:]) {
    def unknown = args.keySet().findAll { !(it in PARAMETERS) }
    if (unknown) {
        error("spendgate: unknown parameter ${unknown.join(', ')} (known: ${PARAMETERS.join(', ')})")
    }
    String jar = args.jar ?: env.SPENDGATE_JAR
    if (!jar) {
        error('spendgate: jar: the path of spendgate.jar on the agent is required (or set SPENDGATE_JAR)')
    }
    if (args.engine && !(args.engine in ['drools', 'opa'])) {
        error("spendgate: engine: \"${args.engine}\" is not an engine (use drools or opa)")
    }
    if (args.failOn && !(args.failOn in ['fail', 'warn'])) {
        error("spendgate: failOn: \"${args.failOn}\" is not a level (use fail or warn)")
    }
    String dir = (args.reportDir ?: 'spendgate-reports').replaceAll('/+$', '')
    List<String> paths = args.paths instanceof CharSequence ? [args.paths.toString()] : (args.paths ?: []).collect { it.toString() }

    List<String> cmd = [args.java ?: 'java', '-jar', jar, 'check'] + paths
    [policy: '--policy', prices: '--prices', engine: '--engine', opaUrl: '--opa-url', failOn: '--fail-on', now: '--now'].each { key, flag ->
        if (args[key]) {
            cmd += [flag, args[key].toString()]
        }
    }
    cmd += ['--format', 'text', '--report', "${dir}/spendgate.json", '--junit', "${dir}/spendgate-junit.xml",
            '--sarif', "${dir}/spendgate.sarif"]

    if (env.CHANGE_TARGET) {
        // the CLI reads CHANGE_TARGET itself: it gates the manifests the change adds or modifies, under the
        // policy of the target branch (the checkout needs origin/<target> fetched, with history to the merge base)
        echo "spendgate: pull request ${env.CHANGE_ID ?: ''} into ${env.CHANGE_TARGET}: gating the manifests it changes against origin/${env.CHANGE_TARGET}"
    }
    int code = isUnix() ? sh(script: shell(cmd), returnStatus: true)
                        : bat(script: batch(cmd), returnStatus: true)

    if (code != 0 && code != 1) {
        error('spendgate: ' + (CAUSES[code] ?: "unexpected exit code ${code}: is 'java' a JDK 17 or newer and ${jar} a spendgate jar? See the log above"))
    }
    if (args.junit != false) {
        // the exit code sets the result, not the failed test cases
        junit(testResults: "${dir}/spendgate-junit.xml", allowEmptyResults: true, skipMarkingBuildUnstable: true)
    }
    if (args.recordIssues != false) {
        recordIssues(tools: [sarif(pattern: "${dir}/spendgate.sarif", id: 'spendgate', name: 'spendgate')])
    }
    Map report = summary(readFile(file: "${dir}/spendgate.json", encoding: 'UTF-8'))
    String result = code == 0 ? 'SUCCESS' : (args.unstableOnBlock ? 'UNSTABLE' : 'FAILURE')
    Map verdict = [verdict: report.verdict, exitCode: code, result: result] + report.counts + report.costs +
            [changeTarget: env.CHANGE_TARGET ?: null]
    int manifests = report.counts.manifests
    String headline = "${report.verdict}: ${manifests} manifest${manifests == 1 ? '' : 's'}, ${report.counts.failed} failed, " +
            "${report.counts.warned} warned, ${report.counts.waived} waived"
    if (report.costs.costDelta != null) {
        String delta = report.costs.costDelta
        headline += ", estimated cost ${delta.startsWith('-') ? '' : '+'}${delta} ${report.currency}"
    }
    if (report.costs.potentialSavings != null) {
        headline += ", potential savings ${report.costs.potentialSavings} ${report.currency}"
    }
    if (result == 'FAILURE') {
        error("spendgate: blocked: ${headline} (exit 1)")
    }
    if (result == 'UNSTABLE') {
        unstable("spendgate: blocked: ${headline} (exit 1); build marked unstable (unstableOnBlock)")
    } else {
        echo "spendgate: ${headline}"
    }
    return verdict
}

/** The verdict, the counts and the cost figures of a JSON report (schemaVersion 1), as plain values CPS can keep. */
@NonCPS
private static Map summary(String json) {
    def report = new groovy.json.JsonSlurperClassic().parseText(json)
    if (report.schemaVersion != 1) {
        throw new IllegalArgumentException('spendgate: the report is not of schemaVersion 1')
    }
    Map counts = [:]
    ['manifests', 'passed', 'warned', 'failed', 'findings', 'waived'].each { counts[it] = report.summary[it] as int }
    // amounts as plain strings, as the plugin's step returns them; absent without a base revision or a priced alternative
    Map costs = [:]
    if (report.costDiff != null) {
        costs.costDelta = (report.costDiff.total.delta as BigDecimal).toPlainString()
    }
    if (report.summary.potentialSavings != null) {
        costs.potentialSavings = (report.summary.potentialSavings as BigDecimal).toPlainString()
    }
    return [verdict: report.verdict as String, counts: counts, costs: costs,
            currency: (report.costDiff?.currency ?: 'USD') as String]
}

/** One POSIX shell word per argument: single-quoted, with embedded quotes closed and escaped. */
@NonCPS
private static String shell(List<String> cmd) {
    cmd.collect { "'" + it.replace("'", "'\\''") + "'" }.join(' ')
}

/** Windows agents: double-quoted arguments (paths with spaces); a double quote cannot occur in a path. */
@NonCPS
private static String batch(List<String> cmd) {
    cmd.collect { '"' + it + '"' }.join(' ')
}
