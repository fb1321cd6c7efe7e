package dev.spendgate.jenkins;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of the JSON report (DESIGN section 9) that Jenkins shows and returns: the verdict, the
 * counts and one row per finding. A plain serializable bean with JavaBean getters and
 * {@link ArrayList} fields, because the build action that holds it is saved with the build by
 * XStream and read by Jelly views, which look for {@code getX()}.
 */
public final class GateSummary implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String verdict;
    private final int exitCode;
    private final String engine;
    private final int manifests;
    private final int passed;
    private final int warned;
    private final int failed;
    private final int findings;
    private final int waived;
    private final ArrayList<Row> rows;
    private final String currency;
    private final String costDelta;
    private final String potentialSavings;

    private GateSummary(JsonObject report) {
        verdict = report.getString("verdict");
        exitCode = report.getInt("exitCode");
        engine = report.getString("engine", "");
        JsonObject s = report.getJsonObject("summary");
        manifests = s.getInt("manifests");
        passed = s.getInt("passed");
        warned = s.getInt("warned");
        failed = s.getInt("failed");
        findings = s.getInt("findings");
        waived = s.getInt("waived");
        JsonObject costs = report.getJsonObject("costDiff");
        costDelta = costs == null ? null : costs.getJsonObject("total").getJsonNumber("delta").bigDecimalValue().toPlainString();
        currency = costs == null ? "USD" : costs.getString("currency");
        potentialSavings = s.containsKey("potentialSavings")
                ? s.getJsonNumber("potentialSavings").bigDecimalValue().toPlainString() : null;
        rows = new ArrayList<>();
        for (JsonValue m : report.getJsonArray("manifests")) {
            JsonObject manifest = m.asJsonObject();
            for (JsonValue f : manifest.getJsonArray("findings")) {
                rows.add(new Row(manifest.getString("name"), f.asJsonObject()));
            }
        }
        for (JsonValue f : report.getJsonArray("policyFindings")) {
            rows.add(new Row("(policy set)", f.asJsonObject()));
        }
    }

    /**
     * Reads a report written by {@code spendgate check --report} (schemaVersion 1).
     *
     * @throws IOException when the stream is not such a report; the message says what is wrong
     */
    public static GateSummary read(InputStream in) throws IOException {
        try (JsonReader reader = Json.createReader(in)) {
            JsonObject report = reader.readObject();
            if (!report.containsKey("schemaVersion") || report.getInt("schemaVersion") != 1) {
                throw new IOException("not a spendgate report of schemaVersion 1");
            }
            return new GateSummary(report);
        } catch (JsonException | ClassCastException | NullPointerException e) {
            throw new IOException("not a spendgate JSON report: " + e.getMessage(), e);
        }
    }

    public String getVerdict() {
        return verdict;
    }

    public int getExitCode() {
        return exitCode;
    }

    public String getEngine() {
        return engine;
    }

    public int getManifests() {
        return manifests;
    }

    public int getPassed() {
        return passed;
    }

    public int getWarned() {
        return warned;
    }

    public int getFailed() {
        return failed;
    }

    public int getFindings() {
        return findings;
    }

    public int getWaived() {
        return waived;
    }

    /** What the change does to the estimated cost ({@code 20.20}, {@code -12.50}), or null without a base revision. */
    public String getCostDelta() {
        return costDelta;
    }

    /** What the priced alternatives of the findings would save ({@code 2643.20}), or null when none is priced. */
    public String getPotentialSavings() {
        return potentialSavings;
    }

    /**
     * The cost line of the build page: {@code estimated cost +20.20 USD against the base revision;
     * potential savings 2643.20 USD}, or "" when the report has neither.
     */
    public String costLine() {
        StringBuilder b = new StringBuilder();
        if (costDelta != null) {
            b.append("estimated cost ").append(costDelta.startsWith("-") ? "" : "+").append(costDelta).append(' ')
                    .append(currency).append(" against the base revision");
        }
        if (potentialSavings != null) {
            b.append(b.length() == 0 ? "" : "; ").append("potential savings ").append(potentialSavings).append(' ')
                    .append(currency);
        }
        return b.toString();
    }

    /** Every finding, in the report's order: by manifest, then as the gate sorted them. */
    public List<Row> getRows() {
        return Collections.unmodifiableList(rows);
    }

    /** One line for the log and the build page: {@code fail: 10 manifests, 3 passed, 2 warned, 5 failed, 13 findings, 1 waived}. */
    public String headline() {
        return verdict + ": " + manifests + " manifest" + (manifests == 1 ? "" : "s") + ", " + passed + " passed, "
                + warned + " warned, " + failed + " failed, " + findings + " finding" + (findings == 1 ? "" : "s")
                + ", " + waived + " waived";
    }

    /**
     * What the pipeline step returns: {@code verdict}, {@code exitCode}, {@code result} and the counts,
     * as plain strings and integers that CPS can keep; with a base revision {@code costDelta}, and
     * {@code potentialSavings} when a finding has a priced alternative (amounts as plain strings).
     */
    public Map<String, Object> toMap(BuildResult result) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("verdict", verdict);
        map.put("exitCode", exitCode);
        map.put("result", result.name());
        map.put("manifests", manifests);
        map.put("passed", passed);
        map.put("warned", warned);
        map.put("failed", failed);
        map.put("findings", findings);
        map.put("waived", waived);
        if (costDelta != null) {
            map.put("costDelta", costDelta);
        }
        if (potentialSavings != null) {
            map.put("potentialSavings", potentialSavings);
        }
        return map;
    }

    /** One finding as a row of the build page's table. */
    public static final class Row implements Serializable {

        private static final long serialVersionUID = 1L;

        private final String manifest;
        private final String rule;
        private final String title;
        private final String outcome;
        private final String enforcement;
        private final String file;
        private final int line;
        private final String message;
        private final String remediation;

        Row(String manifest, JsonObject finding) {
            this.manifest = manifest;
            this.rule = finding.getString("rule");
            this.title = finding.getString("title", "");
            this.outcome = finding.getString("outcome");
            this.enforcement = finding.getString("enforcement");
            this.file = finding.getString("file", "");
            JsonValue l = finding.get("line");
            this.line = l instanceof JsonNumber n ? n.intValue() : 0;
            this.message = finding.getString("message", "");
            this.remediation = finding.getString("remediation", "");
        }

        public String getManifest() {
            return manifest;
        }

        public String getRule() {
            return rule;
        }

        public String getTitle() {
            return title;
        }

        /** {@code fail}, {@code warn} or {@code waived}. */
        public String getOutcome() {
            return outcome;
        }

        /** {@code advisory}, {@code soft-mandatory} or {@code hard-mandatory}. */
        public String getEnforcement() {
            return enforcement;
        }

        public String getFile() {
            return file;
        }

        public int getLine() {
            return line;
        }

        /** {@code file:line}, or the file alone when the finding has no line. */
        public String getLocation() {
            return line > 0 ? file + ":" + line : file;
        }

        public String getMessage() {
            return message;
        }

        public String getRemediation() {
            return remediation;
        }
    }
}
