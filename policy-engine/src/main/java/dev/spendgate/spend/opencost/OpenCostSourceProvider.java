package dev.spendgate.spend.opencost;

import dev.spendgate.spend.SpendException;
import dev.spendgate.spend.SpendOptions;
import dev.spendgate.spend.SpendSource;
import dev.spendgate.spend.SpendSourceProvider;

import java.util.Locale;

/**
 * Opens OpenCost's allocation API for an {@code http://} or {@code https://} {@code --spend} value:
 * the base URL of the OpenCost API ({@code http://opencost.opencost:9003}, or behind a path prefix),
 * optionally with {@code ?currency=EUR} (else {@code SPENDGATE_SPEND_CURRENCY}, else USD) and further
 * query parameters passed on to OpenCost ({@code includeIdle}, {@code shareIdle}, ...). A bearer token
 * comes from {@code SPENDGATE_SPEND_TOKEN}. Reading asks for the last 62 days up to the options'
 * clock; both cost columns are OpenCost's {@code totalCost}.
 */
public final class OpenCostSourceProvider implements SpendSourceProvider {

    @Override
    public String id() {
        return "opencost";
    }

    @Override
    public boolean accepts(String spec) {
        String s = spec.strip().toLowerCase(Locale.ROOT);
        return s.startsWith("http://") || s.startsWith("https://");
    }

    @Override
    public SpendSource open(String spec, SpendOptions options) throws SpendException {
        OpenCostEndpoint endpoint = OpenCostEndpoint.parse(spec, options.env());
        return new OpenCostSource(endpoint, options.timeout(), options.clock(), OpenCostSource.MAX_BYTES);
    }
}
