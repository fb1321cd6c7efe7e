// spendgate watch step: after the merge, on a schedule, judges the manifests against live spend and sends
// the alerts the policy set's alerts: routes name (Slack, Teams, PagerDuty, webhooks, GitHub issues,
// e-mail), remembering what was sent in a state file in the workspace. Help: vars/spendgateWatch.txt.

import groovy.transform.Field

@Field static final List<String> PARAMETERS = ['jar', 'java', 'paths', 'policy', 'prices', 'spend', 'spendTable',
        'state', 'engine', 'opaUrl', 'now', 'reportDir', 'dryRun', 'unstableOnUndelivered']

@Field static final Map<Integer, String> CAUSES = [
        2: 'usage error (exit 2): the command line was refused; see the message above',
        3: 'invalid input (exit 3): a manifest, the policy set (its alerts: section included), the state file or a channel\'s secret variable is wrong; the problems are listed above with file:line:column',
        4: 'spend-source or engine failure (exit 4): nothing was judged, nothing was sent; see the message above']

def call(Map args = [:]) {
    def unknown = args.keySet().findAll { !(it in PARAMETERS) }
    if (unknown) {
        error("spendgateWatch: unknown parameter ${unknown.join(', ')} (known: ${PARAMETERS.join(', ')})")
    }
    String jar = args.jar ?: env.SPENDGATE_JAR
    if (!jar) {
        error('spendgateWatch: jar: the path of spendgate.jar on the agent is required (or set SPENDGATE_JAR)')
    }
    if (!args.spend) {
        error('spendgateWatch: spend: a spend source is required (a FOCUS .csv or .parquet file, a jdbc: URL or an OpenCost URL)')
    }
    if (args.engine && !(args.engine in ['drools', 'opa'])) {
        error("spendgateWatch: engine: \"${args.engine}\" is not an engine (use drools or opa)")
    }
    String dir = (args.reportDir ?: 'spendgate-reports').replaceAll('/+$', '')
    String report = "${dir}/spendgate-watch.json"
    List<String> paths = args.paths instanceof CharSequence ? [args.paths.toString()] : (args.paths ?: []).collect { it.toString() }

    List<String> cmd = [args.java ?: 'java', '-jar', jar, 'watch'] + paths
    [policy: '--policy', prices: '--prices', spend: '--spend', spendTable: '--spend-table', engine: '--engine',
     opaUrl: '--opa-url', now: '--now'].each { key, flag ->
        if (args[key]) {
            cmd += [flag, args[key].toString()]
        }
    }
    // the state file stays in the workspace between builds: what was sent is not sent again
    cmd += ['--state', (args.state ?: 'spendgate-state/alerts.json').toString(), '--format', 'text', '--report', report]
    if (args.dryRun) {
        cmd += ['--dry-run']
    }
    // a run that fails before it reports leaves no report: never read last build's
    writeFile(file: report, text: '', encoding: 'UTF-8')
    int code = isUnix() ? sh(script: shell(cmd), returnStatus: true)
                        : bat(script: batch(cmd), returnStatus: true)
    String json = readFile(file: report, encoding: 'UTF-8')
    if (code != 0 && (code != 4 || json.trim().isEmpty())) {
        error('spendgateWatch: ' + (CAUSES[code] ?: "unexpected exit code ${code}: is 'java' a JDK 17 or newer and ${jar} a spendgate jar? See the log above"))
    }
    Map r = summary(json)
    String result = code == 0 ? 'SUCCESS' : (args.unstableOnUndelivered ? 'UNSTABLE' : 'FAILURE')
    String headline = "${r.alerts} alert${r.alerts == 1 ? '' : 's'} open, " +
            (r.dryRun ? 'dry run: nothing sent' : "${r.delivered} delivered, ${r.failed} failed") +
            (r.unrouted ? ", ${r.unrouted} unrouted" : '')
    if (code == 4) {
        String message = "spendgateWatch: ${headline}: the next run sends what was not delivered (exit 4)"
        if (result == 'UNSTABLE') {
            unstable(message)
        } else {
            error(message)
        }
    } else {
        echo "spendgateWatch: ${headline}"
    }
    return [exitCode: code, result: result] + r
}

/** The counts of a watch report's watch object (schemaVersion 1), as plain values CPS can keep. */
@NonCPS
private static Map summary(String json) {
    def report = new groovy.json.JsonSlurperClassic().parseText(json)
    if (report.schemaVersion != 1 || report.watch == null) {
        throw new IllegalArgumentException('spendgateWatch: the report is not a watch report of schemaVersion 1')
    }
    Map counts = [delivered: 0, failed: 0, notApplicable: 0]
    report.watch.channels.each { c ->
        c.deliveries.each { d ->
            String key = d.outcome == 'delivered' ? 'delivered' : d.outcome == 'failed' ? 'failed' : 'notApplicable'
            counts[key] = (counts[key] as int) + 1
        }
    }
    return [alerts: report.watch.alerts.size(), unrouted: report.watch.unrouted.size(), dryRun: report.watch.dryRun as boolean,
            verdict: report.verdict as String] + counts
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
