package dev.spendgate.spend.opencost;

import dev.spendgate.spend.SpendOptions;
import dev.spendgate.spend.SpendSourceProvider;
import dev.spendgate.spend.SpendSources;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenCostSourceProviderTest {

    private final OpenCostSourceProvider provider = new OpenCostSourceProvider();

    @Test
    void isRegisteredAsOpencost() {
        assertEquals(1, SpendSources.providers().stream()
                .filter(p -> p instanceof OpenCostSourceProvider && p.id().equals("opencost")).count());
    }

    @Test
    void acceptsHttpAndHttpsUrlsOnly() {
        assertTrue(provider.accepts("http://opencost.kubecost:9003"));
        assertTrue(provider.accepts("HTTPS://cost.example.com/opencost"));
        assertFalse(provider.accepts("jdbc:postgresql://db/finops"));
        assertFalse(provider.accepts("spend.csv"));
        assertFalse(provider.accepts("ftp://example.com/spend.csv"));
        assertFalse(provider.accepts("httpfile.parquet"));
    }

    @Test
    void openingParsesTheUrlWithoutCredentials() throws Exception {
        SpendSourceProvider p = provider;
        assertEquals("http://127.0.0.1:9/x", p.open("http://u:p@127.0.0.1:9/x", SpendOptions.defaults(Map.of())).display());
    }
}
