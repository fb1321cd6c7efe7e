package dev.spendgate.report;

import dev.spendgate.gate.Finding;
import dev.spendgate.gate.GateReport;
import dev.spendgate.input.Skipped;
import dev.spendgate.policy.Enforcement;
import jakarta.json.stream.JsonGenerator;

import java.io.IOException;

/**
 * GitLab Code Quality: a JSON array of issues, each with its check name, a fingerprint stable across
 * moves, a severity and a repository-relative location.
 */
public final class GitlabRenderer implements Renderer {

    @Override
    public String id() {
        return "gitlab";
    }

    @Override
    public String description() {
        return "GitLab Code Quality report";
    }

    @Override
    public void render(GateReport report, Appendable out) throws IOException {
        try (JsonGenerator g = Json.generator(Json.writer(out))) {
            g.writeStartArray();
            for (Located l : Located.all(report)) {
                Finding f = l.finding();
                g.writeStartObject()
                        .write("description", l.owner() + ": " + f.message())
                        .write("check_name", "spendgate/" + f.rule())
                        .write("fingerprint", l.fingerprint())
                        .write("severity", severity(f))
                        .writeStartObject("location")
                        .write("path", l.path(report))
                        .writeStartObject("lines").write("begin", f.location().line()).writeEnd()
                        .writeEnd()
                        .writeEnd();
            }
            for (Skipped sk : report.skipped()) {
                g.writeStartObject()
                        .write("description", "skipped: " + sk.reason())
                        .write("check_name", "spendgate/" + GateReport.FILE_SKIPPED)
                        .write("fingerprint", Fingerprints.of(sk.file(), GateReport.FILE_SKIPPED, ""))
                        .write("severity", "minor")
                        .writeStartObject("location")
                        .write("path", report.sourceRoot().display(sk.file()))
                        .writeStartObject("lines").write("begin", 1).writeEnd()
                        .writeEnd()
                        .writeEnd();
            }
            g.writeEnd();
        }
        out.append('\n');
    }

    /** blocker for what always blocks, critical for what blocks unless waived, minor for advice, info when waived. */
    static String severity(Finding f) {
        return switch (f.outcome()) {
            case FAIL -> f.enforcement() == Enforcement.HARD_MANDATORY ? "blocker" : "critical";
            case WARN -> "minor";
            case WAIVED -> "info";
        };
    }
}
