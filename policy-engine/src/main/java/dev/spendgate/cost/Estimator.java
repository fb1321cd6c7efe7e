package dev.spendgate.cost;

import dev.spendgate.input.Diagnostic;
import dev.spendgate.manifest.BudgetPeriod;
import dev.spendgate.manifest.Capacity;
import dev.spendgate.manifest.Compute;
import dev.spendgate.manifest.Manifest;
import dev.spendgate.manifest.ModelUse;
import dev.spendgate.manifest.Schedule;
import dev.spendgate.manifest.Spec;
import dev.spendgate.manifest.WorkloadKind;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pre-run cost estimate of a manifest, itemised so a report can show its arithmetic.
 * Stateless and thread-safe; the same manifest always gives an equal result.
 *
 * <h2>Horizon</h2>
 * The days the estimate covers ({@link Estimate#days()}, said in {@link Estimate#basis()}):
 * <ul>
 * <li>a {@code monthly} budget: 30 days ({@code monthly budget = 30 days});</li>
 * <li>otherwise, with {@code spec.ttl}: its hours / 24, fractional ({@code ttl 36h = 1.5 days});</li>
 * <li>otherwise 30 days ({@code no ttl: 30-day horizon}).</li>
 * </ul>
 *
 * <h2>GPU item</h2>
 * When {@code spec.compute.gpuType} is set, priced at the catalog's rate for
 * {@code compute.capacity} (absent: on-demand), for {@code gpuCount} GPUs (absent: 1):
 * <ol>
 * <li>{@code hours} set (a run): {@code gpuCount × hours × rate}; the horizon plays no part.</li>
 * <li>else {@code hoursPerDay} set, or the kind is {@code InferenceEndpoint}, or a
 *     {@code schedule} is set: hours per day = {@code hoursPerDay} (absent: 24), capped by the
 *     length of the schedule's {@code activeHours} window ({@code 08:00-20:00} = 12 h; a window
 *     that wraps midnight, {@code 22:00-06:00}, is 8 h; equal ends mean all day), times 5/7 with
 *     {@code weekdaysOnly: true}; cost = {@code gpuCount × hours/day × days × rate}. An
 *     {@code activeHours} that is not such a window caps nothing and gets a
 *     {@code unreadable_schedule} diagnostic.</li>
 * <li>else: the GPUs are assumed up around the clock, {@code gpuCount × days × 24 h × rate}, and
 *     the formula says so.</li>
 * </ol>
 *
 * <h2>Token items</h2>
 * For each model with {@code requestsPerDay} (without it the model adds no cost and no item),
 * priced by what the catalog says the model is ({@link ModelPrice.Mode}):
 * <ul>
 * <li>A text model: requests = {@code requestsPerDay × days}; input tokens per request =
 *     {@code avgInputTokens} (absent: 0) + {@code systemPromptTokens} (absent: 0); output tokens per
 *     request = {@code avgOutputTokens}, else {@code maxOutputTokens}, else 0. With
 *     {@code promptCaching: true} the system prompt is priced apart at the catalog's
 *     {@code cachedInput} price (at the input price when the catalog has none); with
 *     {@code cacheWritesPerDay} as well, that many requests a day (at most all of them) pay the
 *     catalog's {@code cacheWrite} price for it instead (the input price when the catalog has
 *     none); without it cache writes are not modelled. Items, each {@code tokens / 10^6 × price}:
 *     {@code <model> input}, {@code <model> cached input} (only with caching and a system prompt),
 *     {@code <model> cache write} (only with cache writes), {@code <model> output}.</li>
 * <li>An embedding model: one {@code <model> input} item of {@code avgInputTokens} +
 *     {@code systemPromptTokens} per request; output tokens are not priced.</li>
 * <li>A reranker with a price per query: one {@code <model> queries} item of
 *     {@code requestsPerDay × days × searchUnitsPerRequest} (absent: 1) search units × the price
 *     per unit; a reranker priced by the token: an input item as for an embedding model.</li>
 * </ul>
 * With {@code batch: true} every price is the catalog's batch price; where the catalog has none,
 * the standard price, and the formula says so.
 *
 * <h2>Amounts and formulas</h2>
 * Every amount is computed exactly and rounded once, to cents ({@code HALF_UP}); the total is the
 * sum of the rounded items. Quantities ({@code GPU-h}, {@code M tokens}) are rounded to 6
 * decimals. Formulas show the numbers, formatted without locale or exponent, e.g.
 * {@code 8 GPUs × 12 h = 96 GPU-h × 2.10 USD/GPU-h spot} or
 * {@code 20000 req/day × 30 days × 1200 tokens = 720.0M tokens × 0.15 USD/M}; the amount itself
 * is not part of the formula. A GPU formula ends in its GPU-hours and the rate of its capacity; a
 * token formula in its millions of tokens and the price per million.
 *
 * <h2>Unknown prices</h2>
 * A model or GPU type the catalog does not know is never a silent zero: its name goes into
 * {@link Estimate#unpriced()}, the estimate is not {@link Estimate#complete() complete}, and a
 * warning ({@code unpriced_model} at {@code /spec/models/<i>/name}, {@code unpriced_gpu} at
 * {@code /spec/compute/gpuType}) says so. A model is reported even when it has no traffic.
 */
public final class Estimator {

    /** The horizon of a monthly budget, and of a total budget without ttl. */
    public static final int DEFAULT_DAYS = 30;

    private static final BigDecimal SECONDS_PER_DAY = BigDecimal.valueOf(86_400);
    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3_600);
    private static final BigDecimal MINUTES_PER_DAY = BigDecimal.valueOf(1_440);
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    private static final BigDecimal SIXTY = BigDecimal.valueOf(60);
    private static final BigDecimal SEVEN = BigDecimal.valueOf(7);
    private static final BigDecimal FIVE = BigDecimal.valueOf(5);
    private static final Pattern WINDOW = Pattern.compile("\\s*(\\d{1,2}):(\\d{2})\\s*-\\s*(\\d{1,2}):(\\d{2})\\s*");

    private final PriceCatalog catalog;

    public Estimator(PriceCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog == null");
    }

    public PriceCatalog catalog() {
        return catalog;
    }

    /** The estimate of {@code manifest}, with a diagnostic for everything it could not price. */
    public EstimateResult estimate(Manifest manifest) {
        Objects.requireNonNull(manifest, "manifest == null");
        return estimate(manifest, horizon(manifest.spec()));
    }

    /**
     * The monthly run-rate of {@code manifest}: its estimate over a 30-day month whatever its own
     * horizon ({@code 30-day month}). What scales with time scales (tokens per day, GPUs by the
     * hour of the day or around the clock); a run of {@code compute.hours} counts once.
     */
    public EstimateResult monthly(Manifest manifest) {
        Objects.requireNonNull(manifest, "manifest == null");
        return estimate(manifest, new Horizon(SECONDS_PER_DAY.multiply(BigDecimal.valueOf(DEFAULT_DAYS)),
                DEFAULT_DAYS + "-day month"));
    }

    private EstimateResult estimate(Manifest manifest, Horizon horizon) {
        Work work = new Work(manifest);
        gpu(work, horizon);
        tokens(work, horizon);
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        for (EstimateItem item : work.items) {
            total = total.add(item.amount());
        }
        Estimate estimate = new Estimate(total, PriceCatalog.CURRENCY, horizon.days(), horizon.basis(),
                work.items, work.unpriced.isEmpty(), List.copyOf(work.unpriced));
        return new EstimateResult(estimate, work.diagnostics);
    }

    /** The days covered, as whole seconds so that every amount can be computed exactly. */
    private record Horizon(BigDecimal seconds, String basis) {
        BigDecimal days() {
            return norm(seconds.divide(SECONDS_PER_DAY, 6, RoundingMode.HALF_UP));
        }

        String daysText() {
            BigDecimal d = days();
            return num(d) + (d.compareTo(BigDecimal.ONE) == 0 ? " day" : " days");
        }
    }

    private static Horizon horizon(Spec spec) {
        BigDecimal month = SECONDS_PER_DAY.multiply(BigDecimal.valueOf(DEFAULT_DAYS));
        if (spec.budget() != null && spec.budget().period() == BudgetPeriod.monthly) {
            return new Horizon(month, "monthly budget = " + DEFAULT_DAYS + " days");
        }
        if (spec.ttl() != null) {
            Horizon h = new Horizon(BigDecimal.valueOf(spec.ttl().duration().getSeconds()), "");
            return new Horizon(h.seconds(), "ttl " + spec.ttl().text() + " = " + h.daysText());
        }
        return new Horizon(month, "no ttl: " + DEFAULT_DAYS + "-day horizon");
    }

    private void gpu(Work work, Horizon horizon) {
        Compute c = work.manifest.spec().compute();
        if (c == null || c.gpuType() == null) {
            return;
        }
        Optional<GpuPrice> found = catalog.gpu(c.gpuType());
        if (found.isEmpty()) {
            work.unpriced(c.gpuType(), "unpriced_gpu", "/spec/compute/gpuType", "GPU type '" + c.gpuType() + "'",
                    catalog.closestGpu(c.gpuType()));
            return;
        }
        GpuPrice price = found.get();
        Capacity capacity = c.capacity() == null ? Capacity.ON_DEMAND : c.capacity();
        BigDecimal rate = price.rate(capacity);
        int count = c.gpuCount() == null ? 1 : c.gpuCount();
        String gpus = count + (count == 1 ? " GPU" : " GPUs");
        String perHour = money(rate) + " USD/GPU-h";
        BigDecimal numerator;
        BigDecimal denominator;
        String formula;
        if (c.hours() != null) {
            numerator = BigDecimal.valueOf(count).multiply(c.hours());
            denominator = BigDecimal.ONE;
            formula = gpus + " × " + num(c.hours()) + " h";
        } else if (c.hoursPerDay() != null || work.manifest.kind() == WorkloadKind.InferenceEndpoint
                || c.schedule() != null) {
            Daily daily = daily(work, c);
            boolean weekdaysOnly = c.schedule() != null && Boolean.TRUE.equals(c.schedule().weekdaysOnly());
            numerator = BigDecimal.valueOf(count).multiply(daily.minutes)
                    .multiply(weekdaysOnly ? FIVE : SEVEN).multiply(horizon.seconds());
            denominator = SIXTY.multiply(SEVEN).multiply(SECONDS_PER_DAY);
            formula = gpus + " × " + daily.text + (weekdaysOnly ? " × 5/7 weekdays" : "") + " × "
                    + horizon.daysText();
        } else {
            numerator = BigDecimal.valueOf(count).multiply(horizon.seconds());
            denominator = SECONDS_PER_HOUR;
            formula = gpus + " × " + num(ratio(horizon.seconds(), SECONDS_PER_HOUR)) + " h (" + horizon.daysText()
                    + " × 24 h: no hours or hoursPerDay, assumed up around the clock)";
        }
        BigDecimal gpuHours = ratio(numerator, denominator);
        formula += " = " + num(gpuHours) + " GPU-h × " + perHour + " " + capacity.wireName();
        work.items.add(new EstimateItem("gpu", count + " × " + price.type() + " " + capacity.wireName(), formula,
                gpuHours, "GPU-h", rate, cents(numerator.multiply(rate), denominator), "/spec/compute"));
    }

    /** GPU minutes per day, and how they were found, e.g. {@code 12 h/day (capped by activeHours 08:00-20:00)}. */
    private record Daily(BigDecimal minutes, String text) {
    }

    private static Daily daily(Work work, Compute c) {
        List<String> notes = new ArrayList<>();
        BigDecimal minutes;
        if (c.hoursPerDay() != null) {
            minutes = c.hoursPerDay().multiply(SIXTY);
        } else {
            minutes = MINUTES_PER_DAY;
            notes.add("hoursPerDay not set: 24");
        }
        Schedule schedule = c.schedule();
        if (schedule != null && schedule.activeHours() != null) {
            Optional<BigDecimal> window = windowMinutes(schedule.activeHours());
            if (window.isEmpty()) {
                work.diagnostics.add(Diagnostic.warning("unreadable_schedule",
                        work.manifest.locations().locate("/spec/compute/schedule/activeHours"),
                        "activeHours '" + schedule.activeHours() + "' is not a window like 08:00-20:00; "
                                + "the estimate does not cap GPU hours per day by it"));
            } else if (window.get().compareTo(minutes) < 0) {
                minutes = window.get();
                notes.add("capped by activeHours " + schedule.activeHours().strip());
            }
        }
        String text = num(ratio(minutes, SIXTY)) + " h/day" + (notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")");
        return new Daily(minutes, text);
    }

    /** The length of a window {@code HH:MM-HH:MM} in minutes; wraps midnight; equal ends mean all day. */
    static Optional<BigDecimal> windowMinutes(String activeHours) {
        Matcher m = WINDOW.matcher(activeHours);
        if (!m.matches()) {
            return Optional.empty();
        }
        int start = minuteOfDay(m.group(1), m.group(2));
        int end = minuteOfDay(m.group(3), m.group(4));
        if (start < 0 || end < 0) {
            return Optional.empty();
        }
        int length = Math.floorMod(end - start, 1440);
        return Optional.of(BigDecimal.valueOf(length == 0 ? 1440 : length));
    }

    private static int minuteOfDay(String hh, String mm) {
        int h = Integer.parseInt(hh);
        int m = Integer.parseInt(mm);
        if (m > 59 || h > 24 || h == 24 && m != 0) {
            return -1;
        }
        return h * 60 + m;
    }

    private void tokens(Work work, Horizon horizon) {
        List<ModelUse> models = work.manifest.spec().models();
        for (int i = 0; i < models.size(); i++) {
            ModelUse use = models.get(i);
            String pointer = "/spec/models/" + i;
            Optional<ModelPrice> found = catalog.model(use.name());
            if (found.isEmpty()) {
                work.unpriced(use.name(), "unpriced_model", pointer + "/name", "model '" + use.name() + "'",
                        catalog.closestModel(use.name()));
                continue;
            }
            if (use.requestsPerDay() == null) {
                continue;
            }
            ModelPrice price = found.get();
            Rates rates = Rates.of(price, Boolean.TRUE.equals(use.batch()));
            switch (price.mode()) {
                case TEXT -> text(work, use, pointer, horizon, price, rates);
                case EMBEDDING -> inputOnly(work, use, pointer, horizon, rates, "embedding");
                case RERANK -> {
                    if (price.perQuery() != null) {
                        work.items.add(queryItem(use, pointer, horizon, price.perQuery()));
                    } else {
                        inputOnly(work, use, pointer, horizon, rates, "rerank");
                    }
                }
            }
        }
    }

    private static void text(Work work, ModelUse use, String pointer, Horizon horizon, ModelPrice price, Rates rates) {
        long requests = use.requestsPerDay();
        String perDay = requests + " req/day";
        long avgInput = orZero(use.avgInputTokens());
        long system = orZero(use.systemPromptTokens());
        boolean cached = Boolean.TRUE.equals(use.promptCaching()) && system > 0;
        String inputNote = !cached && system > 0
                ? " (" + avgInput + " avg input + " + system + " system prompt)" : "";
        work.items.add(tokenItem(use, pointer, horizon, "input", requests, perDay, avgInput + (cached ? 0 : system),
                inputNote, rates.input, rates.inputNote));
        if (cached) {
            long writes = Math.min(orZero(use.cacheWritesPerDay()), requests);
            String readsPerDay = writes == 0 ? perDay : "(" + requests + " − " + writes + " cache writes) req/day";
            work.items.add(tokenItem(use, pointer, horizon, "cached input", requests - writes, readsPerDay, system,
                    " (system prompt)", rates.cached, rates.cachedNote));
            if (writes > 0) {
                work.items.add(tokenItem(use, pointer, horizon, "cache write", writes, writes + " cache writes/day",
                        system, " (system prompt)", rates.cacheWrite, rates.cacheWriteNote));
            }
        }
        long output;
        String outputNote;
        if (use.avgOutputTokens() != null) {
            output = use.avgOutputTokens();
            outputNote = "";
        } else if (use.maxOutputTokens() != null) {
            output = use.maxOutputTokens();
            outputNote = " (maxOutputTokens; no avgOutputTokens)";
        } else {
            output = 0;
            outputNote = " (no avgOutputTokens or maxOutputTokens)";
        }
        work.items.add(tokenItem(use, pointer, horizon, "output", requests, perDay, output, outputNote, rates.output,
                rates.outputNote));
    }

    /** An embedding model, or a reranker priced by the token: one item of input tokens, no output. */
    private static void inputOnly(Work work, ModelUse use, String pointer, Horizon horizon, Rates rates, String mode) {
        long avgInput = orZero(use.avgInputTokens());
        long system = orZero(use.systemPromptTokens());
        String note = system > 0 ? " (" + avgInput + " avg input + " + system + " system prompt; " + mode
                + ": input tokens only)" : " (" + mode + ": input tokens only)";
        work.items.add(tokenItem(use, pointer, horizon, "input", use.requestsPerDay(), use.requestsPerDay() + " req/day",
                avgInput + system, note, rates.input, rates.inputNote));
    }

    private static EstimateItem tokenItem(ModelUse use, String pointer, Horizon horizon, String what, long perDay,
                                          String perDayText, long perRequest, String perRequestNote, BigDecimal price,
                                          String priceNote) {
        BigDecimal tokens = BigDecimal.valueOf(perDay).multiply(BigDecimal.valueOf(perRequest))
                .multiply(horizon.seconds());
        BigDecimal denominator = SECONDS_PER_DAY.multiply(MILLION);
        BigDecimal millions = ratio(tokens, denominator);
        String formula = perDayText + " × " + horizon.daysText() + " × " + perRequest + " tokens"
                + perRequestNote + " = " + atLeastOneDecimal(millions) + "M tokens × " + money(price) + " USD/M"
                + priceNote;
        return new EstimateItem("tokens", use.name() + " " + what, formula, millions, "M tokens", price,
                cents(tokens.multiply(price), denominator), pointer);
    }

    /** A reranker priced per query: requests × search units per request × the price of a unit. */
    private static EstimateItem queryItem(ModelUse use, String pointer, Horizon horizon, BigDecimal price) {
        long units = use.searchUnitsPerRequest() == null ? 1 : use.searchUnitsPerRequest();
        BigDecimal numerator = BigDecimal.valueOf(use.requestsPerDay()).multiply(BigDecimal.valueOf(units))
                .multiply(horizon.seconds());
        BigDecimal quantity = ratio(numerator, SECONDS_PER_DAY);
        String formula = use.requestsPerDay() + " req/day × " + horizon.daysText() + " × " + units
                + (units == 1 ? " search unit" : " search units")
                + (use.searchUnitsPerRequest() == null ? " (no searchUnitsPerRequest: 1)" : "")
                + " = " + num(quantity) + " search units × " + money(price) + " USD/unit";
        return new EstimateItem("queries", use.name() + " queries", formula, quantity, "search units", price,
                cents(numerator.multiply(price), SECONDS_PER_DAY), pointer);
    }

    /**
     * The prices one model use pays, each with what the formula says about it: the standard ones, or
     * with {@code batch: true} the batch tier's where the catalog gives them (the standard price,
     * said, where it does not).
     */
    private record Rates(BigDecimal input, String inputNote, BigDecimal output, String outputNote,
                         BigDecimal cached, String cachedNote, BigDecimal cacheWrite, String cacheWriteNote) {

        static Rates of(ModelPrice p, boolean batch) {
            BigDecimal cached = p.cachedInputOrInput();
            String cachedNote = p.cachedInput() == null ? " (no cachedInput price in the catalog: input price)" : "";
            BigDecimal write = p.cacheWrite() == null ? p.input() : p.cacheWrite();
            String writeNote = p.cacheWrite() == null ? " (no cacheWrite price in the catalog: input price)" : "";
            if (!batch) {
                return new Rates(p.input(), "", p.output(), "", cached, cachedNote, write, writeNote);
            }
            ModelPrice.Batch b = p.batch() == null ? new ModelPrice.Batch(null, null, null, null) : p.batch();
            return new Rates(
                    b.input() == null ? p.input() : b.input(), batchNote(b.input(), "input"),
                    b.output() == null ? p.output() : b.output(), batchNote(b.output(), "output"),
                    b.cachedInput() == null ? cached : b.cachedInput(),
                    b.cachedInput() == null ? batchNote(null, "cachedInput") + cachedNote : " batch",
                    b.cacheWrite() == null ? write : b.cacheWrite(),
                    b.cacheWrite() == null ? batchNote(null, "cacheWrite") + writeNote : " batch");
        }

        private static String batchNote(BigDecimal batchPrice, String what) {
            return batchPrice != null ? " batch" : " (batch: no batch " + what + " price in the catalog, standard price)";
        }
    }

    /** What one estimate is collecting. */
    private final class Work {
        final Manifest manifest;
        final List<EstimateItem> items = new ArrayList<>();
        final List<Diagnostic> diagnostics = new ArrayList<>();
        final Set<String> unpriced = new LinkedHashSet<>();

        Work(Manifest manifest) {
            this.manifest = manifest;
        }

        void unpriced(String name, String code, String pointer, String what, Optional<String> closest) {
            unpriced.add(name);
            diagnostics.add(Diagnostic.warning(code, manifest.locations().locate(pointer),
                    what + " is not in the price catalog (asOf " + catalog.asOf() + "); its cost is not in the "
                            + "estimate and budget rules cannot vouch for it"
                            + closest.map(s -> "; did you mean '" + s + "'?").orElse("")));
        }
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static BigDecimal cents(BigDecimal numerator, BigDecimal denominator) {
        return numerator.divide(denominator, 2, RoundingMode.HALF_UP);
    }

    private static BigDecimal ratio(BigDecimal numerator, BigDecimal denominator) {
        return norm(numerator.divide(denominator, 6, RoundingMode.HALF_UP));
    }

    /** Without trailing zeros, and never with a negative scale (which would print as 7.2E+3). */
    private static BigDecimal norm(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    /** A number as written in formulas: plain digits, no locale, no exponent, no trailing zeros. */
    private static String num(BigDecimal d) {
        return norm(d).toPlainString();
    }

    /** A price: at least two decimals ({@code 2.10}, {@code 0.075}). */
    private static String money(BigDecimal d) {
        BigDecimal n = norm(d);
        return (n.scale() < 2 ? n.setScale(2) : n).toPlainString();
    }

    private static String atLeastOneDecimal(BigDecimal d) {
        BigDecimal n = norm(d);
        return (n.scale() < 1 ? n.setScale(1) : n).toPlainString();
    }
}
