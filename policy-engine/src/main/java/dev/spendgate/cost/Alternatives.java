package dev.spendgate.cost;

import dev.spendgate.manifest.Capacity;
import dev.spendgate.manifest.Compute;
import dev.spendgate.manifest.Manifest;
import dev.spendgate.manifest.ModelTier;
import dev.spendgate.manifest.ModelUse;
import dev.spendgate.manifest.Schedule;
import dev.spendgate.manifest.Spec;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The compliant alternatives of one manifest the catalog can price, each a {@link Saving}: the
 * manifest's spec with one thing changed, estimated by the same {@link Estimator} over the same
 * horizon. An alternative that would not cost less, or that the catalog cannot price as fully as
 * the declared manifest, is no saving and is not offered.
 *
 * <ul>
 * <li>{@link #spot()}: the GPUs on spot capacity;</li>
 * <li>{@link #schedule()}: the GPUs up only in the window {@value #WINDOW} on weekdays (UTC);</li>
 * <li>{@link #smallerModels()}: each model whose catalog tier is frontier replaced by the catalog
 *     model of a lower tier (small or mid) that generates text (a positive output price: not an
 *     embedding model) and costs least for the same traffic, once from the same provider and
 *     once from any provider;</li>
 * <li>{@link #promptCaching(int)}: prompt caching on one model;</li>
 * <li>{@link #shorterPrompt(int, long)}: one model's system prompt trimmed to a limit;</li>
 * <li>{@link #rightSized(BigDecimal)}: as many GPUs as the expected utilization needs at a target
 *     utilization ({@code ceil(gpuCount × expected / target)}).</li>
 * </ul>
 * {@link #combined(Collection)} prices several of the savings this instance offered at once, for
 * a manifest's potential savings. Not thread-safe; one instance per manifest and run.
 */
public final class Alternatives {

    /** The schedule window {@link #schedule()} prices, on weekdays. */
    public static final String WINDOW = "08:00-20:00";

    private final Estimator estimator;
    private final Manifest manifest;
    private final Estimate current;
    private final Map<Saving, UnaryOperator<Spec>> changes = new IdentityHashMap<>();

    public Alternatives(Estimator estimator, Manifest manifest) {
        this(estimator, manifest, estimator.estimate(manifest).estimate());
    }

    /** With {@code current}, the estimate {@code estimator} already gave for {@code manifest}. */
    public Alternatives(Estimator estimator, Manifest manifest, Estimate current) {
        this.estimator = Objects.requireNonNull(estimator, "estimator == null");
        this.manifest = Objects.requireNonNull(manifest, "manifest == null");
        this.current = Objects.requireNonNull(current, "current == null");
    }

    /** The manifest's estimate as declared. */
    public Estimate current() {
        return current;
    }

    /** The GPUs on spot capacity instead of on-demand or reserved. */
    public Optional<Saving> spot() {
        Compute c = manifest.spec().compute();
        if (c == null || c.gpuType() == null || c.capacity() == Capacity.SPOT) {
            return Optional.empty();
        }
        return offer("spot capacity", spec -> spec.withCompute(spec.compute().withCapacity(Capacity.SPOT)));
    }

    /** The GPUs up only from 08:00 to 20:00 on weekdays, instead of the hours they are up now. */
    public Optional<Saving> schedule() {
        Compute c = manifest.spec().compute();
        if (c == null || c.gpuType() == null || c.hours() != null) {
            return Optional.empty();
        }
        Schedule window = new Schedule(WINDOW, "UTC", true);
        return offer("a schedule of " + WINDOW + " on weekdays",
                spec -> spec.withCompute(spec.compute().withSchedule(window)));
    }

    /**
     * Each model whose catalog tier is frontier replaced by the lower-tier catalog model that costs
     * least for its traffic: first from the model's own provider, then from any provider (only when
     * that is another, cheaper choice).
     */
    public List<Saving> smallerModels() {
        List<Integer> frontier = new ArrayList<>();
        List<ModelUse> models = manifest.spec().models();
        for (int i = 0; i < models.size(); i++) {
            if (estimator.catalog().tierOf(models.get(i).name()).orElse(null) == ModelTier.frontier) {
                frontier.add(i);
            }
        }
        if (frontier.isEmpty()) {
            return List.of();
        }
        List<ModelPrice> candidates = estimator.catalog().models().values().stream()
                .filter(p -> p.tier() != null && p.tier() != ModelTier.frontier && p.mode() == ModelPrice.Mode.TEXT
                        && p.output().signum() > 0)
                .sorted(Comparator.comparing(ModelPrice::name)).toList();
        List<Saving> out = new ArrayList<>();
        Optional<Saving> same = replaced(frontier, candidates, true);
        same.ifPresent(out::add);
        replaced(frontier, candidates, false)
                .filter(any -> same.isEmpty() || any.cost().compareTo(same.get().cost()) < 0)
                .ifPresent(out::add);
        return out;
    }

    private Optional<Saving> replaced(List<Integer> frontier, List<ModelPrice> candidates, boolean sameProvider) {
        List<ModelUse> models = new ArrayList<>(manifest.spec().models());
        List<String> words = new ArrayList<>();
        Map<Integer, ModelPrice> replacements = new TreeMap<>();
        for (int i : frontier) {
            ModelUse use = models.get(i);
            String provider = provider(use);
            ModelPrice best = null;
            BigDecimal bestCost = null;
            for (ModelPrice p : shortlist(i, use, candidates, sameProvider ? provider : null)) {
                List<ModelUse> trial = new ArrayList<>(models);
                trial.set(i, use.withModel(p.name(), p.provider()));
                BigDecimal cost = estimate(manifest.spec().withModels(trial)).total();
                if (bestCost == null || cost.compareTo(bestCost) < 0) {
                    best = p;
                    bestCost = cost;
                }
            }
            if (best == null) {
                continue;
            }
            models.set(i, use.withModel(best.name(), best.provider()));
            replacements.put(i, best);
            words.add(best.name() + " (" + best.provider() + ", " + best.tier() + ") instead of " + use.name());
        }
        if (words.isEmpty()) {
            return Optional.empty();
        }
        return offer((sameProvider ? "" : "from any provider, ") + String.join(" and ", words), spec -> {
            List<ModelUse> changed = new ArrayList<>(spec.models());
            replacements.forEach((i, p) -> changed.set(i, changed.get(i).withModel(p.name(), p.provider())));
            return spec.withModels(changed);
        });
    }

    /** How many of the cheapest candidates by price alone are priced exactly. */
    private static final int SHORTLIST = 8;

    /**
     * The candidates (of {@code provider} when given) most likely to cost least for the model at
     * {@code index}: ranked by the declared estimate's token quantities of that model (input, cached
     * input, output) times each candidate's prices, the first {@value #SHORTLIST} kept; the caller
     * prices those exactly. A catalog of thousands of models (a LiteLLM file) then costs thousands of
     * multiplications, not thousands of estimates. Empty when the model has no traffic.
     */
    private List<ModelPrice> shortlist(int index, ModelUse use, List<ModelPrice> candidates, String provider) {
        BigDecimal input = BigDecimal.ZERO;
        BigDecimal cached = BigDecimal.ZERO;
        BigDecimal output = BigDecimal.ZERO;
        boolean traffic = false;
        for (EstimateItem item : current.items()) {
            if (!item.path().equals("/spec/models/" + index) || !item.label().startsWith(use.name() + " ")) {
                continue;
            }
            traffic = true;
            switch (item.label().substring(use.name().length() + 1)) {
                case "input" -> input = input.add(item.quantity());
                case "cached input" -> cached = cached.add(item.quantity());
                case "output" -> output = output.add(item.quantity());
                default -> { }
            }
        }
        if (!traffic) {
            return List.of();
        }
        BigDecimal in = input;
        BigDecimal cache = cached;
        BigDecimal out = output;
        return candidates.stream()
                .filter(p -> provider == null || p.provider().equalsIgnoreCase(provider))
                .sorted(Comparator.comparing((ModelPrice p) -> in.multiply(p.input())
                        .add(cache.multiply(p.cachedInputOrInput())).add(out.multiply(p.output()))))
                .limit(SHORTLIST).toList();
    }

    private String provider(ModelUse use) {
        return use.provider() != null ? use.provider()
                : estimator.catalog().model(use.name()).map(ModelPrice::provider).orElse("");
    }

    /** Prompt caching on the model at {@code index} of {@code spec.models}. */
    public Optional<Saving> promptCaching(int index) {
        List<ModelUse> models = manifest.spec().models();
        if (index < 0 || index >= models.size() || Boolean.TRUE.equals(models.get(index).promptCaching())) {
            return Optional.empty();
        }
        return offer("prompt caching on " + models.get(index).name(),
                spec -> spec.withModels(set(spec.models(), index, spec.models().get(index).withPromptCaching(true))));
    }

    /** The system prompt of the model at {@code index} trimmed to {@code limit} tokens. */
    public Optional<Saving> shorterPrompt(int index, long limit) {
        List<ModelUse> models = manifest.spec().models();
        if (index < 0 || index >= models.size() || limit < 0 || models.get(index).systemPromptTokens() == null
                || models.get(index).systemPromptTokens() <= limit) {
            return Optional.empty();
        }
        ModelUse use = models.get(index);
        return offer("a system prompt of " + limit + " tokens on " + use.name() + " (instead of "
                        + use.systemPromptTokens() + ")",
                spec -> spec.withModels(set(spec.models(), index, spec.models().get(index).withSystemPromptTokens(limit))));
    }

    /** As many GPUs as the expected utilization needs at {@code target}: {@code ceil(gpuCount × expected / target)}. */
    public Optional<Saving> rightSized(BigDecimal target) {
        Compute c = manifest.spec().compute();
        if (c == null || c.gpuType() == null || c.expectedUtilization() == null || target == null
                || target.signum() <= 0) {
            return Optional.empty();
        }
        int count = c.gpuCount() == null ? 1 : c.gpuCount();
        BigDecimal needed = BigDecimal.valueOf(count).multiply(c.expectedUtilization());
        int sized = Math.max(1, needed.divide(target, 0, RoundingMode.CEILING).intValueExact());
        if (sized >= count) {
            return Optional.empty();
        }
        BigDecimal utilization = needed.divide(BigDecimal.valueOf(sized), 2, RoundingMode.HALF_UP);
        return offer(sized + (sized == 1 ? " GPU" : " GPUs") + " instead of " + count + " (" + count + " × "
                        + c.expectedUtilization().stripTrailingZeros().toPlainString() + " expected utilization / "
                        + target.stripTrailingZeros().toPlainString() + " target, rounded up)",
                spec -> spec.withCompute(spec.compute().withGpuCount(sized, utilization)));
    }

    /**
     * Every alternative that would save something, whatever the rules say: spot, the schedule,
     * smaller models, then for each model prompt caching and its system prompt trimmed to
     * {@code maxSystemPromptTokens}, then the GPUs sized to {@code targetUtilization}.
     */
    public List<Saving> all(long maxSystemPromptTokens, BigDecimal targetUtilization) {
        List<Saving> out = new ArrayList<>();
        spot().ifPresent(out::add);
        schedule().ifPresent(out::add);
        out.addAll(smallerModels());
        for (int i = 0; i < manifest.spec().models().size(); i++) {
            promptCaching(i).ifPresent(out::add);
            shorterPrompt(i, maxSystemPromptTokens).ifPresent(out::add);
        }
        rightSized(targetUtilization).ifPresent(out::add);
        return out;
    }

    /**
     * {@code savings} (offered by this instance) taken together, each change applied in turn:
     * {@code combined: spot capacity; prompt caching on gpt-4o}. Empty when none of them is this
     * instance's or together they save nothing.
     */
    public Optional<Saving> combined(Collection<Saving> savings) {
        List<Saving> mine = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Saving s : savings) {
            if (changes.containsKey(s) && seen.add(s.alternative())) {
                mine.add(s);
            }
        }
        if (mine.isEmpty()) {
            return Optional.empty();
        }
        if (mine.size() == 1) {
            return Optional.of(mine.get(0));
        }
        Spec spec = manifest.spec();
        List<String> words = new ArrayList<>();
        for (Saving s : mine) {
            spec = changes.get(s).apply(spec);
            words.add(s.alternative());
        }
        return saving(String.join("; ", words), spec);
    }

    private Optional<Saving> offer(String alternative, UnaryOperator<Spec> change) {
        Optional<Saving> s = saving(alternative, change.apply(manifest.spec()));
        s.ifPresent(saving -> changes.put(saving, change));
        return s;
    }

    private Optional<Saving> saving(String alternative, Spec spec) {
        Estimate alt = estimate(spec);
        if (alt.total().compareTo(current.total()) >= 0 || !current.unpriced().containsAll(alt.unpriced())) {
            return Optional.empty();
        }
        return Optional.of(new Saving(alternative, current.total(), alt.total(), current.currency(), arithmetic(alt)));
    }

    /** The items of {@code alt} that the declared estimate does not have, with their formulas and amounts. */
    private String arithmetic(Estimate alt) {
        Set<String> declared = new HashSet<>();
        for (EstimateItem item : current.items()) {
            declared.add(item.label() + "\n" + item.formula() + "\n" + item.amount());
        }
        List<String> parts = new ArrayList<>();
        for (EstimateItem item : alt.items()) {
            if (!declared.contains(item.label() + "\n" + item.formula() + "\n" + item.amount())) {
                parts.add(item.label() + ": " + item.formula() + " = " + item.amount().toPlainString() + " "
                        + alt.currency());
            }
        }
        parts.add("total " + alt.total().toPlainString() + " " + alt.currency() + " instead of "
                + current.total().toPlainString() + " " + current.currency());
        return String.join("; ", parts);
    }

    private Estimate estimate(Spec spec) {
        return estimator.estimate(manifest.withSpec(spec)).estimate();
    }

    private static List<ModelUse> set(List<ModelUse> models, int index, ModelUse use) {
        List<ModelUse> out = new ArrayList<>(models);
        out.set(index, use);
        return out;
    }
}
