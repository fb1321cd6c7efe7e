package dev.spendgate.cli;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every report format over the examples: golden files (regenerate with {@code -Dgolden.update=true}
 * and review the diff), plus the formats' own schemas where the repository's shared data has them,
 * and structural checks that always run.
 */
class FormatsTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final Path SHARED = Path.of("../../shared/data");

    private static String render(String format) {
        CliRun r = CliRun.of("check", CliTest.EXAMPLES, "--policy", CliTest.POLICY, "--now", CliTest.NOW, "--format", format);
        assertEquals(1, r.exitCode(), r.err());
        return r.out();
    }

    /** The repository's top folder as SARIF's originalUriBaseIds names it: the one line of a report that depends on the machine. */
    static String repositoryUri() throws IOException {
        String uri = Path.of("..").toRealPath().toUri().toString();
        return uri.endsWith("/") ? uri : uri + "/";
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "json", "markdown", "sarif", "junit", "gitlab", "github"})
    void matchesItsGoldenFile(String format) throws IOException {
        String actual = render(format).replace("\"" + repositoryUri() + "\"", "\"file:///REPOSITORY/\"");
        Path golden = GOLDEN.resolve("examples." + format);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual,
                "differs from " + golden + " (run with -Dgolden.update=true and review the diff if intended)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "markdown", "sarif", "gitlab", "github"})
    void everyFormatListsTheSameFindingsInTheSameOrderAsJson(String format) {
        List<String> expected = sequence("\"rule\": \"(SG-[A-Z]+-\\d+)\"", render("json"));
        String pattern = switch (format) {
            case "text" -> "(?m)^  [x!~] (SG-[A-Z]+-\\d+) ";
            case "markdown" -> "(?:\\| |, |~~)(SG-[A-Z]+-\\d+)(?=~~|,| \\|$)";
            case "sarif" -> "\"ruleId\": \"(SG-[A-Z]+-\\d+)\"";
            case "github" -> "(?m)^  [x!~] (SG-[A-Z]+-\\d+) ";
            default -> "\"check_name\": \"spendgate/(SG-[A-Z]+-\\d+)\"";
        };
        String out = render(format);
        if (format.equals("markdown")) {
            out = out.substring(0, out.indexOf("### ")); // the table: one row per manifest, findings in order
        }
        assertEquals(expected, sequence(pattern, out), format);
        assertEquals(13, expected.size());
    }

    private static List<String> sequence(String regex, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void sarifHasWhatCodeScanningRequires() {
        JsonObject sarif = Json.createReader(new StringReader(render("sarif"))).readObject();
        assertEquals("2.1.0", sarif.getString("version"));
        JsonObject run = sarif.getJsonArray("runs").getJsonObject(0);
        JsonObject driver = run.getJsonObject("tool").getJsonObject("driver");
        assertEquals("spendgate", driver.getString("name"));
        Set<String> ruleIds = new HashSet<>();
        for (JsonValue v : driver.getJsonArray("rules")) {
            JsonObject rule = v.asJsonObject();
            assertTrue(ruleIds.add(rule.getString("id")), "duplicate rule " + rule.getString("id"));
            assertFalse(rule.getJsonObject("shortDescription").getString("text").isBlank());
            assertFalse(rule.getJsonObject("fullDescription").getString("text").isBlank());
            assertFalse(rule.getJsonObject("help").getString("text").isBlank());
            assertTrue(rule.getJsonObject("shortDescription").getString("text").length() <= 1024);
        }
        JsonArray results = run.getJsonArray("results");
        assertEquals(13, results.size(), "the 13 findings of the examples, the waived one included");
        Set<String> fingerprints = new HashSet<>();
        for (JsonValue v : results) {
            JsonObject r = v.asJsonObject();
            assertTrue(ruleIds.contains(r.getString("ruleId")));
            assertTrue(Set.of("error", "warning", "note").contains(r.getString("level")));
            assertFalse(r.getJsonObject("message").getString("text").isBlank());
            JsonObject loc = r.getJsonArray("locations").getJsonObject(0).getJsonObject("physicalLocation");
            assertFalse(loc.getJsonObject("artifactLocation").getString("uri").startsWith("/"));
            assertTrue(loc.getJsonObject("region").getInt("startLine") >= 1);
            assertTrue(fingerprints.add(r.getJsonObject("partialFingerprints").getString("primaryLocationLineHash")));
        }
    }

    /**
     * What the SARIF multitool's default rules ask of a driver and its rules (SARIF2005: the tool's
     * informationUri and version; SARIF2012: each rule's helpUri and a Pascal-case friendly name),
     * and what code scanning needs to place a relative URI (its base in originalUriBaseIds). Always
     * runs; the multitool itself runs below when it is installed.
     */
    @Test
    void sarifDriverAndRulesSayWhereToLearnMore() {
        JsonObject run = Json.createReader(new StringReader(render("sarif"))).readObject().getJsonArray("runs").getJsonObject(0);
        JsonObject driver = run.getJsonObject("tool").getJsonObject("driver");
        assertTrue(java.net.URI.create(driver.getString("informationUri")).isAbsolute(), driver.toString());
        assertTrue(driver.getString("informationUri").startsWith("https://"));
        assertTrue(driver.getString("semanticVersion").matches("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?"),
                driver.getString("semanticVersion"));
        Set<String> names = new HashSet<>();
        for (JsonValue v : driver.getJsonArray("rules")) {
            JsonObject rule = v.asJsonObject();
            java.net.URI help = java.net.URI.create(rule.getString("helpUri"));
            assertTrue(help.isAbsolute() && help.getScheme().equals("https"), rule.getString("helpUri"));
            assertTrue(rule.getString("name").matches("([A-Z][a-z0-9]+)+"), rule.getString("name"));
            assertTrue(names.add(rule.getString("name")), "duplicate name " + rule.getString("name"));
        }
        JsonObject bases = run.getJsonObject("originalUriBaseIds");
        assertTrue(bases.getJsonObject("%SRCROOT%").getString("uri").matches("file:///.*/"), bases.toString());
        for (JsonValue v : run.getJsonArray("results")) {
            JsonObject artifact = v.asJsonObject().getJsonArray("locations").getJsonObject(0)
                    .getJsonObject("physicalLocation").getJsonObject("artifactLocation");
            assertTrue(bases.containsKey(artifact.getString("uriBaseId")), artifact.toString());
            assertFalse(java.net.URI.create(artifact.getString("uri")).isAbsolute(), artifact.toString());
        }
    }

    /**
     * The SARIF multitool (npm {@code @microsoft/sarif-multitool}, {@code bin/ensure-sarif-multitool},
     * named by {@code SPENDGATE_SARIF_MULTITOOL}) validates the examples' SARIF with its default rule
     * set and reports no error and no warning. (Its notes, which the default set does not report,
     * are left: conventional rule ids, code snippets, reachable URLs, which need the network.)
     */
    @Test
    void theSarifMultitoolReportsNothingOnTheExamplesWhenItIsInstalled(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        String tool = System.getenv("SPENDGATE_SARIF_MULTITOOL");
        if (tool == null || tool.isBlank()) {
            fail("the SARIF multitool is needed: SPENDGATE_SARIF_MULTITOOL=\"$(bin/ensure-sarif-multitool)\" (the README's"
                    + " test command sets it)");
        }
        Path sarif = tmp.resolve("examples.sarif");
        Files.writeString(sarif, render("sarif"), StandardCharsets.UTF_8);
        Path log = tmp.resolve("validation.sarif");
        Process p = new ProcessBuilder(tool, "validate", sarif.toString(), "--output", log.toString(),
                "--log", "ForceOverwrite")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("console.txt").toFile()).start();
        assertTrue(p.waitFor(3, java.util.concurrent.TimeUnit.MINUTES), "the multitool did not finish");
        String console = Files.readString(tmp.resolve("console.txt"));
        assertEquals(0, p.exitValue(), console);
        JsonObject run = Json.createReader(new StringReader(Files.readString(log))).readObject()
                .getJsonArray("runs").getJsonObject(0);
        assertTrue(run.getJsonArray("invocations").getJsonObject(0).getBoolean("executionSuccessful"), console);
        // a result without a level is a warning (SARIF 3.27.10)
        assertEquals(List.of(), run.getJsonArray("results").stream().map(JsonValue::asJsonObject)
                .filter(r -> !r.getString("level", "warning").equals("note") && !r.getString("level", "warning").equals("none"))
                .map(JsonValue::toString).toList(), console);
        assertFalse(console.contains(": error SARIF") || console.contains(": warning SARIF"), console);
    }

    @Test
    void sarifValidatesAgainstTheOasisSchemaWhenItIsAvailable() throws IOException {
        Path schema = SHARED.resolve("sarif-schema-2.1.0.json");
        if (!Files.isRegularFile(schema)) {
            return; // the structural test above always runs; the schema is shared data outside the project
        }
        JsonSchema s = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
                .getSchema(Files.readString(schema));
        Set<ValidationMessage> errors = s.validate(new com.fasterxml.jackson.databind.ObjectMapper().readTree(render("sarif")));
        assertEquals(Set.of(), errors);
    }

    @Test
    void junitIsOneCasePerManifestAndRuleWithFailuresForBlockingFindings() throws Exception {
        String xml = render("junit");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        NodeList suites = doc.getElementsByTagName("testsuite");
        assertEquals(10, suites.getLength(), "one suite per manifest; the example waiver covers a finding, so no waiver suite");
        int rules = ((Element) suites.item(0)).getElementsByTagName("testcase").getLength();
        assertEquals(38, rules, "34 engine rules and 4 waiver rules");
        Element llama = null;
        for (int i = 0; i < suites.getLength(); i++) {
            Element s = (Element) suites.item(i);
            if (s.getAttribute("name").equals("spendgate.llama-finetune")) {
                llama = s;
            }
        }
        assertEquals("3", llama.getAttribute("failures"));
        assertEquals(3, llama.getElementsByTagName("failure").getLength());
        assertTrue(llama.getElementsByTagName("failure").item(0).getTextContent().contains("Fix: "));
        Element root = doc.getDocumentElement();
        assertEquals("380", root.getAttribute("tests"));
        assertEquals("9", root.getAttribute("failures"));
    }

    @Test
    void junitValidatesAgainstTheXunitSchemaWhenItIsAvailable() throws Exception {
        Path xsd = SHARED.resolve("junit-10.xsd");
        if (!Files.isRegularFile(xsd)) {
            return; // the structural test above always runs
        }
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.newSchema(xsd.toFile()).newValidator().validate(new StreamSource(new StringReader(render("junit"))));
    }

    @Test
    void gitlabIsAnArrayOfCodeQualityIssues() {
        JsonArray issues = Json.createReader(new StringReader(render("gitlab"))).readArray();
        assertEquals(13, issues.size());
        Set<String> fingerprints = new HashSet<>();
        for (JsonValue v : issues) {
            JsonObject i = v.asJsonObject();
            assertTrue(i.getString("check_name").startsWith("spendgate/SG-"));
            assertTrue(Set.of("info", "minor", "major", "critical", "blocker").contains(i.getString("severity")));
            assertTrue(fingerprints.add(i.getString("fingerprint")));
            assertTrue(i.getJsonObject("location").getJsonObject("lines").getInt("begin") >= 1);
            assertFalse(i.getJsonObject("location").getString("path").isBlank());
        }
    }
}
