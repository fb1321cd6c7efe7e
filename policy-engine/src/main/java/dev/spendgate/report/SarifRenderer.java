package dev.spendgate.report;

import dev.spendgate.cost.Saving;
import dev.spendgate.gate.EnforcedRule;
import dev.spendgate.gate.Finding;
import dev.spendgate.gate.GateReport;
import dev.spendgate.input.Skipped;
import dev.spendgate.gate.Outcome;
import dev.spendgate.input.SourceRoot;
import dev.spendgate.policy.Enforcement;
import dev.spendgate.policy.RuleInfo;
import jakarta.json.stream.JsonGenerator;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0 for GitHub code scanning and Jenkins Warnings NG: one run, every rule checked (with
 * short and full description and help), one result per finding with an explicit level, its region
 * and a {@code primaryLocationLineHash} that survives moving the manifest. Files are named relative
 * to the report's source root ({@code uriBaseId} {@code %SRCROOT%}, whose absolute URI is in
 * {@code originalUriBaseIds}); a file outside it by its absolute {@code file:} URI. Waived findings are
 * reported as suppressed, with the waiver as justification.
 */
public final class SarifRenderer implements Renderer {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    /** Where the tool is documented ({@code tool.driver.informationUri}): its repository, as the Action is used. */
    static final String INFORMATION_URI = "https://github.com/spendgate/spendgate";

    /**
     * Where a rule's {@code docs} of its pack ({@code baseline#sg-own-001}: page and anchor) is found
     * when it is not a URL itself: {@code docs/rules/<page>.md}, the rule reference made from the packs.
     */
    static final String RULE_DOCS = INFORMATION_URI + "/blob/main/docs/rules/";

    /** Semantic Versioning 2.0.0, for {@code semanticVersion}; any other version string goes in {@code version}. */
    private static final java.util.regex.Pattern SEMVER = java.util.regex.Pattern.compile(
            "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?");

    /** The base of repository-relative URIs, as code scanning and the SARIF tools name it. */
    static final String SRCROOT = "%SRCROOT%";

    @Override
    public String id() {
        return "sarif";
    }

    @Override
    public String description() {
        return "SARIF 2.1.0 (GitHub code scanning, Jenkins Warnings NG)";
    }

    @Override
    public void render(GateReport report, Appendable out) throws IOException {
        List<EnforcedRule> rules = report.rules();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            index.put(rules.get(i).rule().id(), i);
        }
        try (JsonGenerator g = Json.generator(Json.writer(out))) {
            g.writeStartObject();
            g.write("$schema", SCHEMA);
            g.write("version", "2.1.0");
            g.writeStartArray("runs").writeStartObject();
            g.writeStartObject("tool").writeStartObject("driver");
            g.write("name", "spendgate");
            g.write("informationUri", INFORMATION_URI);
            g.write(SEMVER.matcher(report.toolVersion()).matches() ? "semanticVersion" : "version", report.toolVersion());
            g.writeStartArray("rules");
            for (EnforcedRule r : rules) {
                writeRule(g, r);
            }
            g.writeEnd().writeEnd().writeEnd();
            g.writeStartObject("originalUriBaseIds").writeStartObject(SRCROOT)
                    .write("uri", report.sourceRoot().rootUri()).writeEnd().writeEnd();
            g.writeStartObject("automationDetails").write("id", "spendgate/").writeEnd();
            if (!report.skipped().isEmpty() || report.manifests().isEmpty() && report.changes() == null) {
                writeInvocation(g, report);
            }
            g.writeStartArray("results");
            for (Located l : Located.all(report)) {
                writeResult(g, l, index, report.sourceRoot());
            }
            g.writeEnd();
            g.writeStartObject("properties"); // the price files the estimates were made with
            PriceDates.write(g, report);
            if (report.potentialSavings() != null) {
                // what the priced alternatives of all findings would save, each manifest's taken together
                g.write("potentialSavings", report.potentialSavings());
            }
            g.writeEnd();
            g.writeEnd().writeEnd();
            g.writeEnd();
        }
        out.append('\n');
    }

    private static void writeRule(JsonGenerator g, EnforcedRule r) {
        RuleInfo rule = r.rule();
        g.writeStartObject();
        g.write("id", rule.id());
        g.write("name", friendlyName(rule.title()));
        helpUri(rule).ifPresent(uri -> g.write("helpUri", uri));
        g.writeStartObject("shortDescription").write("text", clip(rule.title())).writeEnd();
        g.writeStartObject("fullDescription").write("text", clip(rule.description().isEmpty() ? rule.title() : rule.description())).writeEnd();
        g.writeStartObject("help")
                .write("text", rule.remediation())
                .write("markdown", "**" + rule.id() + "** (" + r.enforcement().wireName() + "): " + rule.remediation())
                .writeEnd();
        g.writeStartObject("defaultConfiguration").write("level", level(r.enforcement())).writeEnd();
        g.writeStartObject("properties");
        g.writeStartArray("tags").write("finops").write("ai-spend").write(rule.intent()).writeEnd();
        g.write("precision", "high");
        g.write("problem.severity", r.enforcement() == Enforcement.ADVISORY ? "recommendation" : "error");
        g.write("enforcement", r.enforcement().wireName());
        g.writeEnd();
        g.writeEnd();
    }

    private static void writeResult(JsonGenerator g, Located l, Map<String, Integer> index, SourceRoot root) {
        Finding f = l.finding();
        g.writeStartObject();
        g.write("ruleId", f.rule());
        Integer i = index.get(f.rule());
        if (i != null) {
            g.write("ruleIndex", i);
        }
        g.write("level", f.outcome() == Outcome.FAIL ? "error" : f.outcome() == Outcome.WARN ? "warning" : "note");
        g.writeStartObject("message").write("text", f.message() + ". Fix: " + f.remediation()).writeEnd();
        g.writeStartArray("locations").writeStartObject().writeStartObject("physicalLocation");
        String file = f.location().file();
        g.writeStartObject("artifactLocation").write("uri", root.uri(file).orElse(file));
        if (root.relative(file).isPresent()) {
            g.write("uriBaseId", SRCROOT);
        }
        g.writeEnd();
        g.writeStartObject("region")
                .write("startLine", f.location().line())
                .write("startColumn", f.location().column())
                .writeEnd();
        g.writeEnd().writeEnd().writeEnd();
        g.writeStartObject("partialFingerprints").write("primaryLocationLineHash", l.fingerprint() + ":1").writeEnd();
        if (f.outcome() == Outcome.WAIVED) {
            g.writeStartArray("suppressions").writeStartObject()
                    .write("kind", "external")
                    .write("justification", "waived by " + f.waiver())
                    .writeEnd().writeEnd();
        }
        g.writeStartObject("properties");
        g.write("manifest", l.owner());
        g.write("path", f.path());
        g.write("enforcement", f.enforcement().wireName());
        g.write("outcome", f.outcome().wireName());
        f.savings().stream().max(java.util.Comparator.comparing(Saving::saves))
                .ifPresent(best -> g.write("saves", best.saves()).write("currency", best.currency()));
        g.writeEnd();
        g.writeEnd();
    }

    /**
     * The rule's title as one Pascal-case identifier ({@code OwnerMustBeReachablePersonOrTeam}), the
     * friendly name SARIF asks for: each word capitalised, the rest of it in lower case, so that no
     * two capitals meet ({@code GPUs} becomes {@code Gpus}; one-letter words such as "a" are left
     * out). The title itself is the short description.
     */
    static String friendlyName(String title) {
        StringBuilder name = new StringBuilder();
        for (String word : title.replace("'", "").replace("\u2019", "").split("[^\\p{L}\\p{N}]+")) {
            if (word.codePointCount(0, word.length()) > 1) {
                int first = word.offsetByCodePoints(0, 1);
                name.append(word.substring(0, first).toUpperCase(java.util.Locale.ROOT))
                        .append(word.substring(first).toLowerCase(java.util.Locale.ROOT));
            }
        }
        return name.isEmpty() ? "Rule" : name.toString();
    }

    /** The rule's {@code docs}: a URL as it is, else {@code page#anchor} under {@link #RULE_DOCS}; empty without docs. */
    static java.util.Optional<String> helpUri(RuleInfo rule) {
        String docs = rule.docs().strip();
        if (docs.isEmpty()) {
            return java.util.Optional.empty();
        }
        if (docs.startsWith("https://") || docs.startsWith("http://")) {
            return java.util.Optional.of(docs);
        }
        int hash = docs.indexOf('#');
        return java.util.Optional.of(hash < 0 ? RULE_DOCS + docs + ".md" : RULE_DOCS + docs.substring(0, hash) + ".md" + docs.substring(hash));
    }

    /** The files discovery skipped, and a run that found no manifest, as notifications of the run. */
    private static void writeInvocation(JsonGenerator g, GateReport report) {
        g.writeStartArray("invocations").writeStartObject().write("executionSuccessful", true);
        g.writeStartArray("toolExecutionNotifications");
        if (report.manifests().isEmpty() && report.changes() == null) {
            g.writeStartObject().write("level", "warning")
                    .writeStartObject("descriptor").write("id", GateReport.NO_MANIFESTS).writeEnd()
                    .writeStartObject("message").write("text", "no manifests found: nothing was gated").writeEnd()
                    .writeEnd();
        }
        for (Skipped sk : report.skipped()) {
            g.writeStartObject().write("level", "warning")
                    .writeStartObject("descriptor").write("id", GateReport.FILE_SKIPPED).writeEnd()
                    .writeStartObject("message").write("text", "skipped: " + sk.reason()).writeEnd()
                    .writeStartArray("locations").writeStartObject().writeStartObject("physicalLocation")
                    .writeStartObject("artifactLocation").write("uri", report.sourceRoot().display(sk.file())).writeEnd()
                    .writeEnd().writeEnd().writeEnd()
                    .writeEnd();
        }
        g.writeEnd().writeEnd().writeEnd();
    }

    private static String level(Enforcement e) {
        return e == Enforcement.ADVISORY ? "warning" : "error";
    }

    /** GitHub cuts rule descriptions at 1024 characters. */
    private static String clip(String text) {
        return text.length() <= 1024 ? text : text.substring(0, 1021) + "...";
    }
}
