package dev.spendgate.report;

import dev.spendgate.gate.EnforcedRule;
import dev.spendgate.gate.Finding;
import dev.spendgate.gate.GateReport;
import dev.spendgate.input.Skipped;
import dev.spendgate.gate.ManifestReport;
import dev.spendgate.gate.Outcome;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * JUnit XML for Jenkins' {@code junit} step (and xunit's stricter schema): one test suite per
 * manifest, one test case per rule checked. A blocking finding is a failure carrying the
 * explanation; a waived one is skipped with its waiver; an advisory one passes and says so in its
 * output. Waiver findings that belong to no manifest form one more suite. No timestamps, so the
 * same report gives the same bytes.
 */
public final class JunitRenderer implements Renderer {

    @Override
    public String id() {
        return "junit";
    }

    @Override
    public String description() {
        return "JUnit XML, one test case per manifest and rule (Jenkins junit step)";
    }

    @Override
    public void render(GateReport report, Appendable out) throws IOException {
        List<Suite> suites = new ArrayList<>();
        for (ManifestReport m : report.manifests()) {
            List<Case> cases = new ArrayList<>();
            for (EnforcedRule r : report.rules()) {
                String id = r.rule().id();
                cases.add(new Case(id + " " + r.rule().title(),
                        m.findings().stream().filter(f -> f.rule().equals(id)).toList()));
            }
            suites.add(new Suite("spendgate." + m.name(), m.file(), cases));
        }
        if (!report.policyFindings().isEmpty()) {
            List<Case> cases = new ArrayList<>();
            for (Finding f : report.policyFindings()) {
                cases.add(new Case(f.rule() + " " + f.evidence().getOrDefault("waiver", ""), List.of(f)));
            }
            suites.add(new Suite("spendgate.waivers", "", cases));
        }
        if (!report.skipped().isEmpty()) {
            List<Case> cases = new ArrayList<>();
            for (Skipped sk : report.skipped()) {
                cases.add(new Case(sk.file(), List.of(), sk.reason()));
            }
            suites.add(new Suite("spendgate.skipped", "", cases));
        }
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(Json.writer(out));
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            x.writeAttribute("name", "spendgate");
            x.writeAttribute("tests", String.valueOf(suites.stream().mapToInt(s -> s.cases.size()).sum()));
            x.writeAttribute("failures", String.valueOf(suites.stream().mapToLong(Suite::failures).sum()));
            x.writeAttribute("errors", "0");
            x.writeAttribute("time", "0");
            for (Suite s : suites) {
                writeSuite(x, s, PriceDates.line(report));
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.flush();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
        }
    }

    /** One test case; {@code skippedBecause}: why discovery skipped the file it is about, else null. */
    private record Case(String name, List<Finding> findings, String skippedBecause) {
        Case(String name, List<Finding> findings) {
            this(name, findings, null);
        }

        boolean failed() {
            return findings.stream().anyMatch(f -> f.outcome() == Outcome.FAIL);
        }

        boolean skipped() {
            return skippedBecause != null
                    || !failed() && !findings.isEmpty() && findings.stream().allMatch(f -> f.outcome() == Outcome.WAIVED);
        }
    }

    private record Suite(String name, String file, List<Case> cases) {
        long failures() {
            return cases.stream().filter(Case::failed).count();
        }

        long skipped() {
            return cases.stream().filter(Case::skipped).count();
        }
    }

    private static void writeSuite(XMLStreamWriter x, Suite s, String prices) throws XMLStreamException {
        x.writeCharacters("\n  ");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", s.name);
        x.writeAttribute("tests", String.valueOf(s.cases.size()));
        x.writeAttribute("failures", String.valueOf(s.failures()));
        x.writeAttribute("errors", "0");
        x.writeAttribute("skipped", String.valueOf(s.skipped()));
        x.writeAttribute("time", "0");
        if (!s.file.isEmpty()) {
            x.writeAttribute("file", s.file);
        }
        if (!prices.isEmpty()) {
            x.writeCharacters("\n    ");
            x.writeStartElement("properties");
            x.writeCharacters("\n      ");
            x.writeEmptyElement("property");
            x.writeAttribute("name", "spendgate.prices");
            x.writeAttribute("value", prices);
            x.writeCharacters("\n    ");
            x.writeEndElement();
        }
        for (Case c : s.cases) {
            x.writeCharacters("\n    ");
            x.writeStartElement("testcase");
            x.writeAttribute("classname", s.name);
            x.writeAttribute("name", c.name);
            x.writeAttribute("time", "0");
            if (c.failed()) {
                List<Finding> failing = c.findings.stream().filter(f -> f.outcome() == Outcome.FAIL).toList();
                x.writeStartElement("failure");
                x.writeAttribute("message", failing.stream().map(Finding::message).collect(Collectors.joining("; ")));
                x.writeAttribute("type", failing.get(0).rule() + " " + failing.get(0).enforcement().wireName());
                x.writeCharacters(explain(c.findings));
                x.writeEndElement();
            } else if (c.skipped()) {
                x.writeStartElement("skipped");
                x.writeAttribute("message", c.skippedBecause != null ? "skipped: " + c.skippedBecause
                        : "waived by " + c.findings.stream().map(Finding::waiver).distinct().collect(Collectors.joining(", ")));
                x.writeEndElement();
            } else if (!c.findings.isEmpty()) {
                x.writeStartElement("system-out");
                x.writeCharacters(explain(c.findings));
                x.writeEndElement();
            }
            x.writeEndElement();
        }
        x.writeCharacters("\n  ");
        x.writeEndElement();
    }

    private static String explain(List<Finding> findings) {
        StringBuilder b = new StringBuilder();
        for (Finding f : findings) {
            b.append(f.location()).append(": ").append(f.outcome().wireName()).append(" [")
                    .append(f.enforcement().wireName()).append("] ").append(f.message()).append('\n')
                    .append("Fix: ").append(f.remediation()).append('\n');
        }
        return b.toString();
    }
}
