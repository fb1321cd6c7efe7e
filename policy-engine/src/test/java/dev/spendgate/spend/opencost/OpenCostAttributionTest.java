package dev.spendgate.spend.opencost;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenCostAttributionTest {

    private final Attribution attribution = new Attribution("spendgate.dev/manifest", "team");

    @Test
    void aggregatesByBothLabels() {
        assertEquals("label:spendgate.dev/manifest,label:team", attribution.aggregate());
        assertEquals("label:app", new Attribution("app", "app").aggregate());
    }

    @Test
    void readsTheTagItsSanitisedFormAndThePrometheusLabel() {
        assertTrue(attribution.reads("spendgate.dev/manifest"));
        assertTrue(attribution.reads("spendgate_dev_manifest"));
        assertTrue(attribution.reads("label_spendgate_dev_manifest"));
        assertTrue(attribution.reads("label_team"));
        assertFalse(attribution.reads("app"));
        assertEquals("app_kubernetes_io_name", Attribution.sanitise("app.kubernetes.io/name"));
    }

    @Test
    void labelsWinOverTheAllocationName() {
        assertArrayEquals(new String[] {"chat-bot", "ml"},
                attribution.attribute("x/y", Map.of("spendgate_dev_manifest", "chat-bot", "label_team", "ml")));
        assertArrayEquals(new String[] {"chat-bot", "y"},
                attribution.attribute("x/y", Map.of("spendgate.dev/manifest", "chat-bot")));
    }

    @Test
    void theNameCarriesTheLabelValuesWhenLabelsAreAbsent() {
        assertArrayEquals(new String[] {"chat-bot", "ml"}, attribution.attribute("chat-bot/ml", Map.of()));
        assertArrayEquals(new String[] {"chat-bot", null}, attribution.attribute("chat-bot/__unallocated__", Map.of()));
        assertArrayEquals(new String[] {null, "ml"}, attribution.attribute("/ml", Map.of()));
        // merged unallocated cost has a single-part name: nobody's
        assertArrayEquals(new String[] {null, null}, attribution.attribute("__unallocated__", Map.of()));
    }

    @Test
    void idleCostBelongsToNoOne() {
        Map<String, String> labels = Map.of("spendgate_dev_manifest", "chat-bot", "team", "ml");
        assertArrayEquals(new String[] {null, null}, attribution.attribute("__idle__", labels));
        assertArrayEquals(new String[] {null, null}, attribution.attribute("cluster-one/__idle__", labels));
    }
}
