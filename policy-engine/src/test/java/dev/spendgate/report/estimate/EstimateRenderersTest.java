package dev.spendgate.report.estimate;

import dev.spendgate.cost.CatalogOrigin;
import dev.spendgate.cost.EstimateResult;
import dev.spendgate.cost.Estimator;
import dev.spendgate.cost.PriceCatalog;
import dev.spendgate.cost.PriceFiles;
import dev.spendgate.error.InvalidInputException;
import dev.spendgate.input.Diagnostic;
import dev.spendgate.input.SourceLocation;
import dev.spendgate.manifest.Manifest;
import dev.spendgate.manifest.ManifestLoader;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each estimate format over two manifests that between them take every branch of the renderers:
 * two catalogs (a "priced from" line, a catalog note), a budget and none, an incomplete estimate
 * with its note. Golden files: regenerate with {@code -Dgolden.update=true} and review the diff.
 */
class EstimateRenderersTest {

    private static final Path DIR = Path.of("src/test/resources/report/estimate");
    private static EstimateReport report;

    @BeforeAll
    static void estimate() throws InvalidInputException {
        PriceCatalog catalog = PriceFiles.overShipped(List.of(Path.of("../../cost/litellm-prices.json")), DIR);
        Estimator estimator = new Estimator(catalog);
        List<EstimateReport.ManifestEstimate> estimates = new ArrayList<>();
        for (Manifest m : new ManifestLoader().load(DIR, List.of("manifests"))) {
            EstimateResult r = estimator.estimate(m);
            estimates.add(new EstimateReport.ManifestEstimate(m, r.estimate(), r.diagnostics()));
        }
        // what the gate session says of the catalog: one note per file that left entries out
        List<Diagnostic> notes = new ArrayList<>();
        for (CatalogOrigin o : catalog.origins()) {
            o.notes().forEach(n -> notes.add(Diagnostic.info("prices_skipped", new SourceLocation(o.file(), 1, 1), n)));
        }
        report = new EstimateReport(catalog, notes, estimates);
    }

    private static String render(String format) throws IOException {
        StringBuilder out = new StringBuilder();
        EstimateRenderers.find(format).orElseThrow().render(report, out);
        return out.toString();
    }

    @Test
    void theRegistryHasTextAndJson() {
        assertEquals(List.of("json", "text"), EstimateRenderers.ids());
        assertEquals(EstimateTextRenderer.class, EstimateRenderers.find("text").orElseThrow().getClass());
        assertEquals(EstimateJsonRenderer.class, EstimateRenderers.find("json").orElseThrow().getClass());
        assertTrue(EstimateRenderers.find("sarif").isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "json"})
    void matchesItsGoldenFile(String format) throws IOException {
        String actual = render(format);
        Path golden = DIR.resolve("estimate." + format);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual,
                "differs from " + golden + " (run with -Dgolden.update=true and review the diff if intended)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "json"})
    void theSameReportGivesTheSameBytesToAnyAppendable(String format) throws IOException {
        StringWriter writer = new StringWriter();
        EstimateRenderers.find(format).orElseThrow().render(report, writer);
        assertEquals(render(format), writer.toString());
    }

    @Test
    void textPrintsTheArithmeticAndWhatIsMissing() throws IOException {
        String text = render("text");
        assertTrue(text.contains("""

                ticket-triage  manifests/a-triage.yaml
                  horizon: ttl 48h = 2 days
                  priced from: classpath:dev/spendgate/cost/prices.yaml (T4); ../../cost/litellm-prices.json (gpt-4o-mini)
                  1 × T4 spot                                3.20  1 GPU × 8 h/day × 2 days = 16 GPU-h × 0.20 USD/GPU-h spot
                """), text);
        assertTrue(text.contains("""
                  total                                      0.00 USD
                  per 1,000 requests: at least 0 USD (3000 requests)
                  incomplete: not priced acme-llm-7b
                  note: manifests/b-unpriced.yaml:13:7: warning: model 'acme-llm-7b' is not in the price catalog\
                """), text);
    }

    @Test
    void jsonNamesTheBudgetOrNullAndTheFileEachPriceCameFrom() throws IOException {
        JsonObject json = Json.createReader(new StringReader(render("json"))).readObject();
        assertEquals(1, json.getInt("schemaVersion"));
        JsonObject triage = json.getJsonArray("manifests").getJsonObject(0);
        assertEquals("ticket-triage", triage.getString("name"));
        assertEquals(250, triage.getJsonNumber("budget").intValue());
        assertEquals("3.90", triage.getJsonObject("estimate").getJsonNumber("total").bigDecimalValue().toPlainString());
        JsonObject model = triage.getJsonArray("prices").getJsonObject(0);
        assertEquals("gpt-4o-mini", model.getString("name"));
        assertEquals("../../cost/litellm-prices.json", model.getString("from"));
        assertEquals("litellm", model.getString("format"));
        JsonObject house = json.getJsonArray("manifests").getJsonObject(1);
        assertTrue(house.isNull("budget"));
        assertEquals(List.of(), house.getJsonArray("prices"));
        assertEquals(1, house.getJsonArray("diagnostics").size());
        assertEquals(1, json.getJsonArray("diagnostics").size());
    }
}
