package dev.spendgate.policy;

import dev.spendgate.error.InvalidInputException;
import dev.spendgate.input.Problem;
import dev.spendgate.input.SourceLocation;
import dev.spendgate.yaml.DidYouMean;
import dev.spendgate.yaml.Fields;
import dev.spendgate.yaml.Utf8;
import dev.spendgate.yaml.YamlDocument;
import dev.spendgate.yaml.YamlFile;
import dev.spendgate.yaml.YamlFiles;
import dev.spendgate.yaml.YamlReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Loads rule packs: a shipped pack by id from the classpath ({@code dev/spendgate/packs/<id>/pack.yaml},
 * the ids listed in {@code dev/spendgate/packs/index}), or a pack folder: {@code pack.yaml}, the
 * Drools sources {@code drools/*.drl} (engine id {@code drools}) and the Rego sources
 * {@code rego/*.rego} without the {@code *_test.rego} files (engine id {@code opa}).
 *
 * <p>Loading a shipped pack parses its {@code pack.yaml} only: the engines find its compiled or
 * packaged sources themselves. Every problem of every pack is reported at once, with file, line and
 * column. Instances are immutable and thread-safe.
 */
public final class PackLoader {

    /** Where shipped packs are on the classpath. */
    public static final String RESOURCE_ROOT = "dev/spendgate/packs/";

    static final Pattern PACK_ID = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    static final Pattern RULE_ID = Pattern.compile("[A-Z][A-Z0-9]*(-[A-Z0-9]+)+");
    static final Pattern INTENT = Pattern.compile("[a-z][A-Za-z0-9]*");
    static final Map<String, Enforcement> LEVELS = Fields.names(Enforcement.class, Enforcement::wireName);
    /** What a rule may need beyond the manifest ({@link RuleInfo#needs()}), in the order to list them. */
    static final Map<String, String> NEEDS = orderedNeeds();
    /** The alternatives a rule may name ({@link RuleInfo#alternative()}). */
    static final Map<String, String> ALTERNATIVES = alternatives();

    private static Map<String, String> alternatives() {
        Map<String, String> m = new LinkedHashMap<>();
        RuleInfo.ALTERNATIVES.forEach(a -> m.put(a, a));
        return m;
    }

    private static Map<String, String> orderedNeeds() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(RuleInfo.NEEDS_ESTIMATE, RuleInfo.NEEDS_ESTIMATE);
        m.put(RuleInfo.NEEDS_BUDGET, RuleInfo.NEEDS_BUDGET);
        m.put(RuleInfo.NEEDS_BASE, RuleInfo.NEEDS_BASE);
        return m;
    }

    private final ClassLoader classLoader;
    private final String resourceRoot;
    private final YamlReader reader;

    /** Shipped packs from the classpath that loaded spendgate. */
    public PackLoader() {
        this(PackLoader.class.getClassLoader(), RESOURCE_ROOT, new YamlReader());
    }

    /**
     * @param resourceRoot the classpath folder of the shipped packs, ending in {@code /}
     */
    public PackLoader(ClassLoader classLoader, String resourceRoot, YamlReader reader) {
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader == null");
        this.resourceRoot = Objects.requireNonNull(resourceRoot, "resourceRoot == null");
        this.reader = Objects.requireNonNull(reader, "reader == null");
    }

    /** The ids of the shipped packs, as listed in the index; empty when none is on the classpath. */
    public List<String> shippedIds() {
        try (InputStream in = classLoader.getResourceAsStream(resourceRoot + "index")) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * The pack {@code reference} names: a shipped pack id ({@code baseline}), or a folder when it
     * contains a slash or starts with a dot ({@code ./packs/acme}), resolved against {@code baseDir}.
     *
     * @param baseDisplay how {@code baseDir} is named in messages ({@code .spendgate})
     * @throws InvalidInputException with every problem of the pack
     */
    public Pack load(String reference, Path baseDir, String baseDisplay) throws InvalidInputException {
        List<Problem> problems = new ArrayList<>();
        Loaded l = read(reference, baseDir, baseDisplay, null, "", problems);
        if (l == null || !problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return l.pack;
    }

    /**
     * The packs {@code references} name, in order; two packs that define the same rule id, or a
     * pack listed twice, are problems.
     *
     * @throws InvalidInputException with every problem of every pack
     */
    public List<Pack> loadAll(List<String> references, Path baseDir, String baseDisplay) throws InvalidInputException {
        List<Problem> problems = new ArrayList<>();
        List<Ref> refs = references.stream().map(r -> new Ref(r, null, "")).toList();
        List<Pack> packs = readAll(refs, baseDir, baseDisplay, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return packs;
    }

    /** The shipped pack {@code id}. */
    public Pack loadShipped(String id) throws InvalidInputException {
        List<Problem> problems = new ArrayList<>();
        Loaded l = shipped(id, null, "", problems);
        if (l == null || !problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return l.pack;
    }

    /** The pack in folder {@code dir}, named {@code display} in messages. */
    public Pack loadFolder(Path dir, String display) throws InvalidInputException {
        List<Problem> problems = new ArrayList<>();
        Loaded l = folder(dir, display, null, "", problems);
        if (l == null || !problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return l.pack;
    }

    // ---- for the policy set loader: problems are collected, references carry their place

    /** A pack reference as written, where it was written (null: not in a file) and its dotted path. */
    record Ref(String text, SourceLocation at, String path) {
    }

    /** A pack and where each of its rule ids is defined. */
    record Loaded(Pack pack, Map<String, SourceLocation> ruleLocations) {
    }

    List<Pack> readAll(List<Ref> refs, Path baseDir, String baseDisplay, List<Problem> problems) {
        List<Pack> packs = new ArrayList<>();
        Map<String, String> seenRefs = new HashMap<>();
        Map<String, SourceLocation> ruleAt = new HashMap<>();
        Map<String, String> ruleIn = new HashMap<>();
        for (Ref ref : refs) {
            if (seenRefs.putIfAbsent(ref.text, ref.text) != null) {
                problems.add(new Problem(where(ref), prefix(ref) + "pack " + ref.text + " is listed twice"));
                continue;
            }
            Loaded l = read(ref.text, baseDir, baseDisplay, ref.at, ref.path, problems);
            if (l == null) {
                continue;
            }
            for (RuleInfo rule : l.pack.rules()) {
                SourceLocation at = l.ruleLocations.get(rule.id());
                SourceLocation first = ruleAt.putIfAbsent(rule.id(), at);
                if (first != null) {
                    problems.add(new Problem(at, "rule " + rule.id() + " is already defined by pack "
                            + ruleIn.get(rule.id()) + " (" + first + ")"));
                } else {
                    ruleIn.put(rule.id(), l.pack.id());
                }
            }
            packs.add(l.pack);
        }
        return packs;
    }

    Loaded read(String reference, Path baseDir, String baseDisplay, SourceLocation at, String path,
                List<Problem> problems) {
        if (reference.contains("/") || reference.contains("\\") || reference.startsWith(".")) {
            return folder(baseDir.resolve(reference).normalize(), YamlFiles.child(baseDisplay, reference), at, path,
                    problems);
        }
        return shipped(reference, at, path, problems);
    }

    /** Shipped packs are resources of the jar, so one parse per JVM and class loader is enough. */
    private static final Map<List<Object>, Loaded> SHIPPED = new java.util.concurrent.ConcurrentHashMap<>();

    private Loaded shipped(String id, SourceLocation at, String path, List<Problem> problems) {
        List<Object> key = List.of(classLoader, resourceRoot, id);
        Loaded cached = SHIPPED.get(key);
        if (cached != null) {
            return cached;
        }
        int before = problems.size();
        Loaded loaded = parseShipped(id, at, path, problems);
        if (loaded != null && problems.size() == before) {
            SHIPPED.putIfAbsent(key, loaded);
        }
        return loaded;
    }

    private Loaded parseShipped(String id, SourceLocation at, String path, List<Problem> problems) {
        List<String> ids = shippedIds();
        String resource = resourceRoot + id + "/pack.yaml";
        byte[] bytes = ids.contains(id) ? resource(resource) : null;
        if (bytes == null) {
            String near = DidYouMean.suggest(id, ids).map(n -> ", did you mean " + n + "?").orElse(
                    " (shipped packs: " + (ids.isEmpty() ? "none" : String.join(", ", ids))
                            + "; a pack folder is written as ./" + id + ")");
            problems.add(new Problem(at == null ? new SourceLocation(id, 1, 1) : at,
                    (path.isEmpty() ? "" : path + ": ") + "unknown pack " + id + near));
            return null;
        }
        String display = "shipped:" + id + "/pack.yaml";
        return parse(reader.read(display, bytes), id, "shipped", Map.of(), problems);
    }

    private byte[] resource(String name) {
        try (InputStream in = classLoader.getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    private Loaded folder(Path dir, String display, SourceLocation at, String path, List<Problem> problems) {
        Path yaml = dir.resolve("pack.yaml");
        String yamlDisplay = YamlFiles.child(display, "pack.yaml");
        if (!Files.isRegularFile(yaml)) {
            String what = Files.isDirectory(dir) ? "no pack.yaml in " + display : "no pack folder " + display;
            problems.add(new Problem(at == null ? new SourceLocation(yamlDisplay, 1, 1) : at,
                    (path.isEmpty() ? "" : path + ": ") + what));
            return null;
        }
        Map<String, Map<String, String>> sources = new TreeMap<>();
        Map<String, String> drools = sources(dir.resolve("drools"), YamlFiles.child(display, "drools"), ".drl", problems);
        if (!drools.isEmpty()) {
            sources.put("drools", drools);
        }
        Map<String, String> rego = sources(dir.resolve("rego"), YamlFiles.child(display, "rego"), ".rego", problems);
        if (!rego.isEmpty()) {
            sources.put("opa", rego);
        }
        return parse(reader.read(yaml, yamlDisplay), null, display, sources, problems);
    }

    /** The source files directly in {@code dir} ending in {@code suffix}, by name; tests excluded. */
    private Map<String, String> sources(Path dir, String display, String suffix, List<Problem> problems) {
        Map<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(suffix) && !n.endsWith("_test" + suffix) && Files.isRegularFile(p);
            }).sorted().toList();
        } catch (IOException e) {
            problems.add(new Problem(new SourceLocation(display, 1, 1), "cannot list folder: " + e.getClass().getSimpleName()));
            return out;
        }
        for (Path f : files) {
            String name = f.getFileName().toString();
            SourceLocation at = new SourceLocation(YamlFiles.child(display, name), 1, 1);
            try {
                if (Files.size(f) > reader.limits().maxBytes()) {
                    problems.add(new Problem(at, "file is " + Files.size(f) + " bytes, more than the limit of "
                            + reader.limits().maxBytes()));
                    continue;
                }
                Optional<String> text = Utf8.decode(Files.readAllBytes(f));
                if (text.isPresent()) {
                    out.put(name, text.get());
                } else {
                    problems.add(new Problem(at, "not UTF-8 text"));
                }
            } catch (IOException e) {
                problems.add(new Problem(at, "cannot read file: " + e.getClass().getSimpleName()));
            }
        }
        return out;
    }

    /** Validates a pack.yaml; {@code expectedId} is the id a shipped pack must have. */
    private static Loaded parse(YamlFile file, String expectedId, String origin, Map<String, Map<String, String>> sources,
                                List<Problem> problems) {
        problems.addAll(file.problems());
        if (!file.ok()) {
            return null;
        }
        List<YamlDocument> docs = file.documents().stream().filter(d -> d.root() != null).toList();
        if (docs.size() != 1) {
            problems.add(new Problem(new SourceLocation(file.file(), 1, 1),
                    "expected one YAML document (the pack), found " + docs.size()));
            return null;
        }
        int before = problems.size();
        YamlDocument doc = docs.get(0);
        Fields root = Fields.of(doc.root(), "", doc.root().location(), problems);
        if (root == null) {
            return null;
        }
        root.require("id", "version", "rules");
        String id = root.string("id", PACK_ID, "a pack id (lowercase letters, digits and '-')");
        if (id != null && expectedId != null && !id.equals(expectedId)) {
            root.problem("id", "the shipped pack " + expectedId + " says its id is " + id);
        }
        String version = root.string("version");
        root.string("description");
        List<RuleInfo> rules = new ArrayList<>();
        Map<String, SourceLocation> ruleLocations = new LinkedHashMap<>();
        List<Fields> ruleFields = root.mappings("rules");
        if (ruleFields != null) {
            for (Fields r : ruleFields) {
                RuleInfo rule = rule(r);
                if (rule == null) {
                    continue;
                }
                SourceLocation at = r.location("id");
                SourceLocation first = ruleLocations.putIfAbsent(rule.id(), at);
                if (first != null) {
                    problems.add(new Problem(at, r.path("id") + ": rule " + rule.id() + " is already defined at " + first));
                } else {
                    rules.add(rule);
                }
            }
        }
        root.rejectUnknown();
        if (problems.size() > before || id == null || version == null) {
            return null;
        }
        return new Loaded(new Pack(id, version, origin, rules, sources), ruleLocations);
    }

    private static RuleInfo rule(Fields r) {
        int before = r.problems().size();
        r.require("id", "title", "intent", "level", "message", "remediation");
        String id = r.string("id", RULE_ID, "a rule id like SG-OWN-001 (capitals and digits, parts joined by '-')");
        String title = r.text("title");
        String intent = r.string("intent", INTENT, "an intent name like ownership");
        Enforcement level = r.oneOf("level", LEVELS);
        String description = r.string("description");
        String message = r.text("message");
        String remediation = r.text("remediation");
        String docs = r.string("docs");
        r.oneOf("engine", Map.of("gate", "gate"));
        List<String> needs = r.listOf("needs", NEEDS);
        String alternative = r.oneOf("alternative", ALTERNATIVES);
        r.rejectUnknown();
        if (r.problems().size() > before || id == null || title == null || intent == null || level == null
                || message == null || remediation == null) {
            return null;
        }
        return new RuleInfo(id, title, intent, level, description, message, remediation, docs,
                needs == null ? List.of() : needs.stream().distinct().toList(), alternative);
    }

    private static SourceLocation where(Ref ref) {
        return ref.at != null ? ref.at : new SourceLocation(ref.text, 1, 1);
    }

    private static String prefix(Ref ref) {
        return ref.path.isEmpty() ? "" : ref.path + ": ";
    }
}
