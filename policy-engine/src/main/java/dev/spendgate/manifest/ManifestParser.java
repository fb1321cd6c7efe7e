package dev.spendgate.manifest;

import dev.spendgate.input.Problem;
import dev.spendgate.input.SourceMap;
import dev.spendgate.yaml.DidYouMean;
import dev.spendgate.yaml.Fields;
import dev.spendgate.yaml.Ttl;
import dev.spendgate.yaml.YamlNode;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns one manifest document into a {@link Manifest}, or into every problem it has (DESIGN
 * section 2). The limits here are the ones {@code manifest.schema.json} publishes.
 */
final class ManifestParser {

    static final String API_VERSION = "spendgate.dev/v1";
    static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    static final Pattern ACTIVE_HOURS = Pattern.compile(
            "([01][0-9]|2[0-3]):[0-5][0-9]-(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)");
    static final BigDecimal MAX_AMOUNT = new BigDecimal("1e12");
    static final long MAX_TOKENS = 1_000_000_000L;
    static final long MAX_GPUS = 100_000L;
    static final long MAX_RETRIES = 100L;
    static final BigDecimal MAX_HOURS = new BigDecimal("1000000");

    /** The kinds of document that share the apiVersion but are not manifests. */
    static final Set<String> POLICY_KINDS = Set.of("PolicySet", "Waiver", "PriceCatalog");

    /** Metadata keys that are not tags. */
    private static final List<String> METADATA_KEYS = List.of("name", "team", "owner", "environment", "labels");

    private static final Map<String, WorkloadKind> KINDS = Fields.names(WorkloadKind.class);
    private static final Map<String, Environment> ENVIRONMENTS = Fields.names(Environment.class);
    private static final Map<String, TaskType> TASK_TYPES = Fields.names(TaskType.class);
    private static final Map<String, ModelTier> TIERS = Fields.names(ModelTier.class);
    private static final Map<String, BudgetPeriod> PERIODS = Fields.names(BudgetPeriod.class);
    private static final Map<String, Capacity> CAPACITIES = Fields.names(Capacity.class, Capacity::wireName);

    private ManifestParser() {
    }

    /**
     * The manifest in {@code root}, or null after adding at least one problem.
     *
     * @param root      the document's root, a mapping
     * @param locations the source map of the document, pointers relative to {@code root}
     */
    static Manifest parse(String file, int index, YamlNode.Mapping root, SourceMap locations, List<Problem> problems) {
        int before = problems.size();
        Fields doc = Fields.of(root, "", problems);
        doc.require("apiVersion", "kind", "metadata", "spec");
        YamlNode apiNode = root.get("apiVersion");
        String apiVersion = null;
        if (apiNode != null && !(apiNode instanceof YamlNode.Scalar a && a.value() instanceof String)) {
            // null, a list, a number: the manifest's own apiVersion written wrong
            doc.known("apiVersion").problem("apiVersion", "expected a string, got " + Fields.got(apiNode)
                    + ", did you mean " + API_VERSION + "?");
        } else {
            apiVersion = doc.string("apiVersion");
        }
        if (apiVersion != null && !apiVersion.equals(API_VERSION)) {
            doc.problem("apiVersion", Fields.quote(apiVersion) + (apiVersion.startsWith("spendgate.dev/")
                    ? " is not supported (use " + API_VERSION + ")"
                    : " is not spendgate's apiVersion, did you mean " + API_VERSION + "?"));
        }
        WorkloadKind kind = doc.oneOf("kind", KINDS);
        Fields meta = doc.mapping("metadata");
        Metadata metadata = meta == null ? null : metadata(meta);
        Fields specFields = doc.mapping("spec");
        Spec spec = specFields == null ? null : spec(specFields);
        doc.rejectUnknown();
        if (problems.size() > before || kind == null || metadata == null || spec == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> document = (Map<String, Object>) root.toPlain();
        return new Manifest(file, index, kind, metadata, spec, document, locations);
    }

    private static Metadata metadata(Fields meta) {
        int before = meta.problems().size();
        meta.require("name", "environment");
        String name = meta.string("name", DNS_LABEL,
                "a lowercase DNS label (a-z, 0-9 and '-', starting and ending with a letter or digit, at most 63 characters)");
        String team = meta.string("team");
        String owner = meta.string("owner");
        Environment environment = meta.oneOf("environment", ENVIRONMENTS);
        Map<String, String> labels = meta.stringMap("labels");
        Map<String, String> tags = new LinkedHashMap<>();
        for (YamlNode.Entry e : meta.unknown()) {
            String near = DidYouMean.suggest(e.key(), METADATA_KEYS).filter(k -> !meta.node().entries().containsKey(k))
                    .orElse(null);
            if (near != null) {
                // a typo of a reserved key would otherwise become a tag, and the key go missing
                meta.problem(e.key(), "unknown key, did you mean " + near + "?");
                continue;
            }
            if (e.value() instanceof YamlNode.Scalar s && s.value() instanceof String v) {
                tags.put(e.key(), v);
            } else {
                String hint = e.value() instanceof YamlNode.Scalar s && s.value() != null
                        ? " (quote it: \"" + s.text() + "\")" : " (other metadata keys are tags with string values)";
                meta.problem(e.key(), "expected a string, got " + Fields.got(e.value()) + hint);
            }
        }
        if (labels != null) {
            labels.forEach((k, v) -> {
                String tag = tags.get(k);
                if (tag != null && !tag.equals(v)) {
                    meta.problem("labels", "label " + k + " is \"" + v + "\" but metadata." + k + " is \"" + tag
                            + "\": a tag has one value");
                } else {
                    tags.put(k, v);
                }
            });
        }
        if (meta.problems().size() > before || name == null || environment == null) {
            return null;
        }
        return new Metadata(name, team, owner, environment, tags);
    }

    private static Spec spec(Fields spec) {
        int before = spec.problems().size();
        String purpose = spec.string("purpose");
        TaskType taskType = spec.oneOf("taskType", TASK_TYPES);
        ModelTier modelTier = spec.oneOf("modelTier", TIERS);
        String justification = spec.string("justification");
        Fields budgetFields = spec.mapping("budget");
        Budget budget = budgetFields == null ? null : budget(budgetFields);
        Ttl ttl = spec.duration("ttl");
        Instant startsAt = spec.instant("startsAt");
        List<ModelUse> models = new ArrayList<>();
        List<Fields> modelFields = spec.mappings("models");
        if (modelFields != null) {
            for (Fields m : modelFields) {
                ModelUse use = model(m);
                if (use != null) {
                    models.add(use);
                }
            }
        }
        Fields computeFields = spec.mapping("compute");
        Compute compute = computeFields == null ? null : compute(computeFields);
        spec.rejectUnknown();
        if (spec.problems().size() > before) {
            return null;
        }
        return new Spec(purpose, taskType, modelTier, justification, budget, ttl, startsAt, models, compute);
    }

    private static Budget budget(Fields b) {
        BigDecimal amount = b.number("amount", MAX_AMOUNT.negate(), MAX_AMOUNT);
        String currency = b.string("currency");
        if (currency != null && !currency.equals("USD")) {
            b.problem("currency", Fields.quote(currency) + " is not supported (budgets are in USD for now)");
        }
        BudgetPeriod period = b.oneOf("period", PERIODS);
        b.rejectUnknown();
        return new Budget(amount, currency, period);
    }

    private static ModelUse model(Fields m) {
        int before = m.problems().size();
        m.require("name");
        String name = m.string("name");
        String provider = m.string("provider");
        Long maxOutputTokens = m.integer("maxOutputTokens", 1, MAX_TOKENS);
        Long maxInputTokens = m.integer("maxInputTokens", 1, MAX_TOKENS);
        Long systemPromptTokens = m.integer("systemPromptTokens", 0, MAX_TOKENS);
        Long requestsPerDay = m.integer("requestsPerDay", 0, MAX_TOKENS);
        Long avgInputTokens = m.integer("avgInputTokens", 0, MAX_TOKENS);
        Long avgOutputTokens = m.integer("avgOutputTokens", 0, MAX_TOKENS);
        Boolean promptCaching = m.bool("promptCaching");
        Long maxRetries = m.integer("maxRetries", 0, MAX_RETRIES);
        Boolean batch = m.bool("batch");
        Long cacheWritesPerDay = m.integer("cacheWritesPerDay", 0, MAX_TOKENS);
        Long searchUnitsPerRequest = m.integer("searchUnitsPerRequest", 1, MAX_TOKENS);
        if (cacheWritesPerDay != null && !Boolean.TRUE.equals(promptCaching)) {
            m.problem("cacheWritesPerDay", "needs promptCaching: true (cache writes are of the cached system prompt)");
        }
        m.rejectUnknown();
        if (m.problems().size() > before || name == null) {
            return null;
        }
        return new ModelUse(name, provider, maxOutputTokens, maxInputTokens, systemPromptTokens, requestsPerDay,
                avgInputTokens, avgOutputTokens, promptCaching, maxRetries == null ? null : maxRetries.intValue(),
                batch, cacheWritesPerDay, searchUnitsPerRequest);
    }

    private static Compute compute(Fields c) {
        String gpuType = c.string("gpuType");
        Long gpuCount = c.integer("gpuCount", 1, MAX_GPUS);
        BigDecimal hours = c.number("hours", BigDecimal.ZERO, MAX_HOURS);
        BigDecimal hoursPerDay = c.number("hoursPerDay", BigDecimal.ZERO, new BigDecimal(24));
        Capacity capacity = c.oneOf("capacity", CAPACITIES);
        Fields s = c.mapping("schedule");
        Schedule schedule = null;
        if (s != null) {
            String activeHours = s.string("activeHours", ACTIVE_HOURS, "a time range like 08:00-20:00");
            String timezone = s.string("timezone");
            if (timezone != null) {
                try {
                    ZoneId.of(timezone);
                } catch (DateTimeException e) {
                    String near = DidYouMean.suggest(timezone, ZoneId.getAvailableZoneIds().stream().sorted().toList())
                            .map(z -> ", did you mean " + z + "?").orElse(" (use an IANA name like Europe/Berlin or UTC)");
                    s.problem("timezone", Fields.quote(timezone) + " is not a time zone" + near);
                }
            }
            Boolean weekdaysOnly = s.bool("weekdaysOnly");
            s.rejectUnknown();
            schedule = new Schedule(activeHours, timezone, weekdaysOnly);
        }
        BigDecimal utilization = c.number("expectedUtilization", BigDecimal.ZERO, BigDecimal.ONE);
        c.rejectUnknown();
        return new Compute(gpuType, gpuCount == null ? null : gpuCount.intValue(), hours, hoursPerDay, capacity,
                schedule, utilization);
    }

    /** True for the kinds of workload a manifest declares. */
    static boolean isWorkloadKind(String kind) {
        return KINDS.containsKey(kind);
    }
}
