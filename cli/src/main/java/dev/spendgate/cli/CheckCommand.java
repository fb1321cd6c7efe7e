package dev.spendgate.cli;

import dev.spendgate.engine.EngineSettings;
import dev.spendgate.gate.FailOn;
import dev.spendgate.gate.GateConfig;
import dev.spendgate.gate.GateReport;
import dev.spendgate.gate.GateRunner;
import dev.spendgate.gate.RunInput;
import dev.spendgate.git.BaseRevision;
import dev.spendgate.git.PolicyRepository;
import dev.spendgate.report.CommentCondition;
import dev.spendgate.input.UserCache;
import dev.spendgate.report.Renderer;
import dev.spendgate.report.Renderers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code spendgate check}: the gate. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check manifests against the policy set; exit 1 when a guardrail blocks.")
final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ManifestPaths input;

    @Mixin
    InputOptions inputs;

    @Mixin
    SpendInput spendInput;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "drools", completionCandidates = Engines.class,
            description = "Rule engine: drools (embedded, default) or opa (an OPA server, see --opa-url).")
    String engine;

    @Mixin
    OpaOptions opa;

    @Option(names = "--dump-input", paramLabel = "FILE",
            description = "With --engine opa: also write the input document sent to OPA to FILE (for opa eval --input).")
    Path dumpInput;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Report format: ${COMPLETION-CANDIDATES}.", completionCandidates = Formats.class)
    String format;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path output;

    @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "fail",
            description = "Exit 1 on: fail (default) or warn.")
    FailOn failOn;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the JSON report to FILE.")
    Path jsonReport;

    @Option(names = "--sarif", paramLabel = "FILE", description = "Also write a SARIF report to FILE (code scanning, Warnings NG).")
    Path sarif;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write a JUnit XML report to FILE (Jenkins junit step).")
    Path junit;

    @Option(names = "--comment", description = "In a GitHub Actions pull-request run: keep one spendgate comment on "
            + "the pull request up to date (token from GITHUB_TOKEN or the github-token input).")
    boolean comment;

    @Mixin
    GitlabOptions gitlab;

    @Option(names = "--comment-when", paramLabel = "WHEN", defaultValue = "always",
            description = "With --comment: post or update the comment always (default), or only on findings, cost-change, "
                    + "or findings,cost-change; otherwise an existing comment is updated to say there is nothing to report.")
    String commentWhen;

    @Option(names = "--comment-cost-threshold", paramLabel = "AMOUNT|PERCENT%",
            description = "With --comment-when cost-change: the smallest move of the change's estimated total worth a "
                    + "comment, an amount in the catalog's currency (100) or a per cent of the base total (10%%); default 0: any move.")
    String commentCostThreshold;

    @ParentCommand
    SpendgateCommand root;

    @Option(names = {"-C", "--directory"}, paramLabel = "DIR",
            description = "Run as if started in DIR: manifest paths, --policy, --prices and the git repository are found from there.")
    Path directory;

    @Option(names = "--source-root", paramLabel = "DIR",
            description = "Name files in SARIF, GitLab Code Quality, GitHub annotations and pull-request links relative to "
                    + "DIR (default: the top folder of the git repository, else the working folder).")
    Path sourceRoot;

    @Option(names = "--base", paramLabel = "REV",
            description = "Judge the change against base revision REV (branch, tag or commit): gate only the manifests added or "
                    + "changed since the merge base of REV and HEAD, compare each with its base version (SG-CHG-*), and read "
                    + "the policy set, packs and waivers from REV, never from the change. Detected on pull requests when absent "
                    + "(GitHub Actions, Jenkins CHANGE_TARGET, GitLab CI_MERGE_REQUEST_DIFF_BASE_SHA).")
    String base;

    @Option(names = "--all", description = "With a base revision: gate every manifest, changed or not (still compared with its base version).")
    boolean all;

    @Option(names = "--new-only", description = "With a base revision: block only on findings that did not exist at the merge base "
            + "(same manifest name, rule and JSON pointer); older ones are reported as warnings.")
    boolean newOnly;

    @Option(names = "--policy-repo", paramLabel = "URL@REF:PATH",
            description = "Read the policy set, packs and waivers from PATH in the git repository URL at REF (cloned into a "
                    + "local cache and pinned by commit) instead of the base revision or the work tree.")
    String policyRepo;

    @Option(names = "--allow-pr-waivers", description = "With a base revision: let waivers that the change itself adds or "
            + "modifies apply before they are merged (for pipelines where waivers are approved otherwise). Off by default.")
    boolean allowPrWaivers;

    @Option(names = "--discovery-strict", description = "Make every file skipped while looking for manifests (not text in a "
            + "YAML encoding, not YAML, a dangling link or a loop of links, too large) an input error (exit 3); the policy "
            + "set's discovery.strict does the same.")
    boolean discoveryStrict;

    @Option(names = "--require-manifests", description = "Finding no manifest at all is an input error (exit 3); the "
            + "policy set's discovery.requireManifests does the same.")
    boolean requireManifests;

    @Option(names = "--now", paramLabel = "INSTANT",
            description = "The time to judge expiry against, e.g. 2026-11-22T12:00:00Z (default: now). Fixes the clock for reproducible reports.")
    String now;

    @Override
    public Integer call() throws Exception {
        spendInput.prepare();
        CommentCondition when;
        try {
            when = CommentCondition.parse(commentWhen, commentCostThreshold);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Map<String, String> env = root == null ? Map.of() : root.env;
        GithubActions actions = ActionInputs.active(env) ? new GithubActions(env, spec.commandLine().getOut(), root.rawOut, root.redactor) : null;
        if (actions != null) {
            actions.maskSecrets();
        }
        Renderer renderer = Formats.renderer(format);
        Engines.require(engine);
        EngineSettings settings = opa.settings(engine,
                dumpInput == null ? Map.of() : Map.of(OpaOptions.DUMP_INPUT, dumpInput.toString()), env);
        Instant instant = Clock.parse(now);
        List<Path> paths = input.paths;
        if (paths.isEmpty() && actions != null) {
            paths = new ActionInputs(env).paths().stream().map(Path::of).toList();
        }
        Path workDir = directory == null ? Path.of("") : directory;
        GateConfig.Builder config = inputs.config(workDir).engine(engine).engineSettings(settings)
                .base(base != null ? BaseRevision.given(base) : root == null ? null : BaseRevision.detect(env).orElse(null))
                .allowPrWaivers(allowPrWaivers).sourceRoot(sourceRoot);
        if (policyRepo != null) {
            // git-aware: JGit is loaded only when a run reads git, never on a plain run's cold start
            config.policyRepo(policyRepository(), UserCache.folder(env, "policy-repos"));
        }
        GateReport report;
        try (GateRunner runner = GateRunner.prepare(config.build())) {
            if (spendInput.explain) {
                return explainSpend(runner, workDir, env, instant, paths);
            }
            report = runner.run(RunInput.builder(instant).paths(paths).all(all).newOnly(newOnly).failOn(failOn)
                    .strictDiscovery(discoveryStrict).requireManifests(requireManifests)
                    .spend(spendInput.open(workDir, env, instant)).build());
        }
        try (Output.Target target = Output.open(output, spec.commandLine().getOut(), redactor())) {
            renderer.render(report, target.appendable());
        }
        if (output != null) {
            spec.commandLine().getErr().println("spendgate: " + report.verdict().wireName() + ", report written to " + output);
        }
        also(report, jsonReport, "json");
        also(report, sarif, "sarif");
        also(report, junit, "junit");
        if (actions != null) {
            actions.publish(report, jsonReport, comment, when, Version.VERSION);
        }
        if (gitlab.note) {
            GitlabNote.publish(report, gitlab, when, env, spec.commandLine().getErr());
        }
        return report.exitCode();
    }

    /** {@code --explain-spend}: what the run's spend source would be sent for the manifests under {@code paths}. */
    private int explainSpend(GateRunner runner, Path workDir, Map<String, String> env, Instant instant, List<Path> paths)
            throws Exception {
        var source = spendInput.open(workDir, env, instant);
        if (source == null) {
            throw new UsageException("--explain-spend: there is no spend source to explain (give --spend SOURCE)");
        }
        spec.commandLine().getOut().print(source.explain(runner.spendQuery(runner.loadManifests(paths), instant)));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private PolicyRepository.Location policyRepository() throws UsageException {
        try {
            return PolicyRepository.Location.parse(policyRepo);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--policy-repo: " + e.getMessage());
        }
    }

    /** Writes {@code report} in {@code format} to {@code file} as well, when asked to. */
    private void also(GateReport report, Path file, String format) throws java.io.IOException, UsageException {
        if (file == null) {
            return;
        }
        try (Output.Target target = Output.open(file, spec.commandLine().getOut(), redactor())) {
            Formats.renderer(format).render(report, target.appendable());
        }
    }

    private dev.spendgate.input.Redactor redactor() {
        return root == null ? dev.spendgate.input.Redactor.none() : root.redactor;
    }
}
