package dev.spendgate.spend.opencost;

import dev.spendgate.spend.SpendException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenCostEndpointTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant END = Instant.parse("2026-03-03T10:15:30Z");

    @Test
    void requestGoesToTheAllocationApiUnderTheBaseUrl() throws Exception {
        OpenCostEndpoint e = OpenCostEndpoint.parse("  https://cost.example.com:8443/opencost//  ", Map.of());

        assertEquals("https://cost.example.com:8443/opencost//", e.display());
        assertEquals("https://cost.example.com:8443/opencost/allocation/compute", e.where());
        assertEquals("https://cost.example.com:8443/opencost/allocation/compute"
                        + "?window=2026-01-01T00%3A00%3A00Z%2C2026-03-03T10%3A15%3A30Z"
                        + "&aggregate=label%3Aspendgate-manifest%2Clabel%3Ateam&step=1d&accumulate=false&includeIdle=true",
                e.request(START, END, "label:spendgate-manifest,label:team").toString());
        assertEquals("USD", e.currency());
        assertTrue(e.authorization().isEmpty());
    }

    @Test
    void userInformationIsNeverShown() throws Exception {
        OpenCostEndpoint e = OpenCostEndpoint.parse("http://admin:hunter2@opencost.kubecost:9003?currency=EUR", Map.of());

        assertEquals("http://opencost.kubecost:9003?currency=EUR", e.display());
        assertEquals("http://opencost.kubecost:9003?currency=EUR", e.toString());
        assertEquals("http://opencost.kubecost:9003/allocation/compute", e.where());
        assertFalse(e.request(START, END, "label:a").toString().contains("hunter2"));
        assertEquals("EUR", e.currency());
    }

    @Test
    void theTokenWinsOverUserAndPasswordAndIsNotShown() throws Exception {
        OpenCostEndpoint e = OpenCostEndpoint.parse("http://admin:hunter2@opencost:9003",
                Map.of("SPENDGATE_SPEND_TOKEN", " tok-123 \n"));

        assertEquals("Bearer tok-123", e.authorization().orElseThrow());
        assertFalse(e.toString().contains("tok-123"));
    }

    @Test
    void aTokenAnHttpHeaderCannotCarryIsRefusedWithoutShowingIt() {
        SpendException x = assertThrows(SpendException.class, () -> OpenCostEndpoint.parse("http://opencost:9003",
                Map.of("SPENDGATE_SPEND_TOKEN", "abc def\r\nX-Evil: 1")));

        assertEquals("SPENDGATE_SPEND_TOKEN: has characters an HTTP header cannot carry "
                + "(spaces, line breaks, non-ASCII)", x.getMessage());
    }

    @Test
    void anInvalidUrlIsNamedWithoutItsCredentials() {
        SpendException x = assertThrows(SpendException.class,
                () -> OpenCostEndpoint.parse("http://bob:s3cret@open cost:9003/", Map.of()));

        assertEquals("spend_unreadable", x.code());
        assertTrue(x.getMessage().startsWith("http://open cost:9003/: not a valid URL ("), x.getMessage());
        assertFalse(x.getMessage().contains("s3cret"));
    }

    @Test
    void spendgatesOwnParametersCannotBeOverridden() {
        SpendException x = assertThrows(SpendException.class,
                () -> OpenCostEndpoint.parse("http://opencost:9003?window=7d", Map.of()));

        assertEquals("http://opencost:9003?window=7d: query parameter window is set by spendgate "
                + "(window, aggregate, step, accumulate); remove it", x.getMessage());
    }

    @Test
    void currencyMustBeAThreeLetterCode() throws Exception {
        assertEquals("JPY", OpenCostEndpoint.parse("http://opencost:9003", Map.of("SPENDGATE_SPEND_CURRENCY", "jpy"))
                .currency());
        assertEquals("CHF", OpenCostEndpoint.parse("http://opencost:9003?currency=chf",
                Map.of("SPENDGATE_SPEND_CURRENCY", "JPY")).currency());

        SpendException x = assertThrows(SpendException.class,
                () -> OpenCostEndpoint.parse("http://opencost:9003?currency=%24", Map.of()));
        assertEquals("http://opencost:9003?currency=%24: currency \"$\" is not a three-letter ISO 4217 code "
                + "(USD, EUR, ...)", x.getMessage());
    }

    @Test
    void aUrlWithoutHostIsRefused() {
        SpendException x = assertThrows(SpendException.class, () -> OpenCostEndpoint.parse("http:///allocation", Map.of()));

        assertEquals("http:///allocation: the URL has no host", x.getMessage());
    }

    @Test
    void withoutUserInfoCopesWithMalformedUrls() {
        assertEquals("http://host/x@y", OpenCostEndpoint.withoutUserInfo("http://u:p@ss@host/x@y"));
        assertEquals("https://host?a=b@c", OpenCostEndpoint.withoutUserInfo("https://host?a=b@c"));
        assertEquals("not a url", OpenCostEndpoint.withoutUserInfo("not a url"));
    }
}
