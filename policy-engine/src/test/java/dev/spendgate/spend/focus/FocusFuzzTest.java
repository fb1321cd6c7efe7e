package dev.spendgate.spend.focus;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.spendgate.spend.SpendException;
import dev.spendgate.spend.SpendQuery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzz tests of a FOCUS CSV export: its header line, and its rows read by DuckDB under a valid
 * header. Either ends in data (bad rows counted) or in a {@link SpendException}, never in another
 * exception or a hang. Corpus: {@code src/test/resources/dev/spendgate/spend/focus/FocusFuzzTestInputs/}.
 */
class FocusFuzzTest {

    static final String HEADER = "BillingAccountId,BillingCurrency,BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,"
            + "ChargePeriodEnd,ChargeCategory,ProviderName,ServiceName,ResourceId,SkuId,ConsumedQuantity,ConsumedUnit,"
            + "ListCost,BilledCost,EffectiveCost,Tags\n";

    private static Path write(byte[] data) throws IOException {
        Path file = Files.createTempFile("spendgate-fuzz-", ".csv");
        Files.write(file, data);
        return file;
    }

    @FuzzTest(maxDuration = "30s")
    void header(byte[] data) throws IOException {
        Path file = write(data);
        try {
            CsvHeader.read(file, "f.csv").forEach(String::length);
        } catch (SpendException expected) {
            expected.getMessage().length();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void rows(byte[] data) throws IOException {
        byte[] header = HEADER.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[header.length + data.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(data, 0, all, header.length, data.length);
        Path file = write(all);
        try {
            new FocusFileSource(file, "f.csv").read(SpendQuery.defaults()).badRows().forEach(Object::toString);
        } catch (SpendException expected) {
            expected.getMessage().length();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
