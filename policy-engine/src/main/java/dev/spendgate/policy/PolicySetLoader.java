package dev.spendgate.policy;

import dev.spendgate.error.InvalidInputException;
import dev.spendgate.input.Problem;
import dev.spendgate.input.SourceLocation;
import dev.spendgate.yaml.DidYouMean;
import dev.spendgate.yaml.Fields;
import dev.spendgate.yaml.YamlDocument;
import dev.spendgate.yaml.YamlFile;
import dev.spendgate.yaml.YamlFiles;
import dev.spendgate.yaml.YamlNode;
import dev.spendgate.yaml.YamlReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Loads a policy set (DESIGN section 3) together with the packs it names and its waivers, checking
 * everything against everything and reporting every problem at once: unknown intents, parameters
 * and rule ids get a did-you-mean; pack folders and the waivers path are relative to the policy
 * file. Loading is one step because the packs decide which rule ids the enforcement overrides and
 * waivers may name. Instances are immutable and thread-safe.
 */
public final class PolicySetLoader {

    /** The apiVersion of policy sets and waivers. */
    public static final String API_VERSION = "spendgate.dev/v1";
    /** The policy set used when none is given, if present. */
    public static final String DEFAULT_FILE = ".spendgate/policy.yaml";

    private static final Set<String> HEADER_KEYS = Set.of("apiVersion", "kind", "metadata");

    private final PackLoader packLoader;
    private final WaiverLoader waiverLoader;
    private final YamlReader reader;

    public PolicySetLoader() {
        this(new PackLoader(), new YamlReader());
    }

    public PolicySetLoader(PackLoader packLoader, YamlReader reader) {
        this.packLoader = Objects.requireNonNull(packLoader, "packLoader == null");
        this.reader = Objects.requireNonNull(reader, "reader == null");
        this.waiverLoader = new WaiverLoader(reader);
    }

    /** The shipped defaults: {@link PolicySet#defaults()} with its packs loaded. */
    public LoadedPolicy defaults() throws InvalidInputException {
        PolicySet d = PolicySet.defaults();
        return new LoadedPolicy(d, packLoader.loadAll(d.packs(), Path.of("."), "."));
    }

    /**
     * The policy set in {@code file} (one {@code kind: PolicySet} document), named {@code display}
     * in messages, with its packs and waivers.
     *
     * @throws InvalidInputException with every problem of the file, its packs and its waivers
     */
    public LoadedPolicy load(Path file, String display) throws InvalidInputException {
        List<Problem> problems = new ArrayList<>();
        YamlFile yaml = reader.read(file, display);
        problems.addAll(yaml.problems());
        LoadedPolicy loaded = null;
        if (yaml.ok()) {
            List<YamlDocument> docs = yaml.documents().stream().filter(d -> d.root() != null).toList();
            if (docs.size() != 1) {
                problems.add(new Problem(new SourceLocation(display, 1, 1),
                        "expected one PolicySet document, found " + docs.size()));
            } else {
                Path dir = file.toAbsolutePath().normalize().getParent();
                loaded = parse(docs.get(0).root(), true, display, dir, YamlFiles.parent(display), null, file, problems);
            }
        }
        if (loaded == null || !problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return loaded;
    }

    /**
     * A policy set read elsewhere, such as the {@code policy:} of a pack's test case: either a whole
     * PolicySet document, or just its body ({@code packs}, {@code intents}, {@code enforcement},
     * {@code waivers}). {@code waivers} may be a path or a list of inline Waiver documents.
     *
     * @param body            the node; null means an empty body
     * @param file            the file the node is in, as named in messages
     * @param baseDir         the folder relative paths are resolved against (the file's folder)
     * @param packsWhenAbsent the packs when the body names none (the pack under test); null for
     *                        the shipped defaults
     * @throws InvalidInputException with every problem
     */
    public LoadedPolicy loadBody(YamlNode body, String file, Path baseDir, List<Pack> packsWhenAbsent)
            throws InvalidInputException {
        List<Problem> problems = new ArrayList<>();
        LoadedPolicy loaded;
        if (body == null) {
            List<Pack> packs = packsWhenAbsent != null ? packsWhenAbsent
                    : packLoader.loadAll(PolicySet.defaults().packs(), baseDir, YamlFiles.parent(file));
            loaded = new LoadedPolicy(new PolicySet("inline", "0", file, references(packs), Parameters.defaults(),
                    Map.of(), List.of(), PolicySet.Discovery.DEFAULT, Alerts.NONE), packs);
        } else {
            boolean full = body instanceof YamlNode.Mapping m
                    && HEADER_KEYS.stream().anyMatch(m.entries()::containsKey);
            loaded = parse(body, full, file, baseDir, YamlFiles.parent(file), packsWhenAbsent, null, problems);
        }
        if (loaded == null || !problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return loaded;
    }

    private LoadedPolicy parse(YamlNode node, boolean full, String display, Path baseDir, String baseDisplay,
                               List<Pack> packsWhenAbsent, Path self, List<Problem> problems) {
        int before = problems.size();
        Fields root = Fields.of(node, "", node.location(), problems);
        if (root == null) {
            return null;
        }
        String name = "inline";
        String version = "0";
        if (full) {
            root.require("apiVersion", "kind", "metadata");
            String apiVersion = root.string("apiVersion");
            if (apiVersion != null && !apiVersion.equals(API_VERSION)) {
                root.problem("apiVersion", Fields.quote(apiVersion) + " is not supported (use " + API_VERSION + ")");
            }
            String kind = root.string("kind");
            if (kind != null && !kind.equals("PolicySet")) {
                root.problem("kind", Fields.quote(kind) + " is not a PolicySet");
            }
            Fields meta = root.mapping("metadata");
            if (meta != null) {
                meta.require("name");
                name = meta.text("name");
                String v = meta.string("version");
                version = v != null ? v : version;
                meta.rejectUnknown();
            }
        }

        // packs first: they decide which rule ids exist
        int beforePacks = problems.size();
        List<Pack> packs;
        List<String> references;
        YamlNode.Entry packsEntry = root.entry("packs");
        if (packsEntry == null) {
            if (packsWhenAbsent != null) {
                packs = packsWhenAbsent;
                references = references(packs);
            } else {
                references = PolicySet.defaults().packs();
                packs = packLoader.readAll(references.stream().map(r -> new PackLoader.Ref(r, root.location(), "packs"))
                        .toList(), baseDir, baseDisplay, problems);
            }
        } else {
            List<String> texts = root.strings("packs");
            references = texts == null ? List.of() : texts;
            List<PackLoader.Ref> refs = new ArrayList<>();
            if (texts != null) {
                List<YamlNode> items = ((YamlNode.Sequence) packsEntry.value()).items();
                for (int i = 0; i < texts.size(); i++) {
                    refs.add(new PackLoader.Ref(texts.get(i), items.get(i).location(), "packs[" + i + "]"));
                }
            }
            packs = packLoader.readAll(refs, baseDir, baseDisplay, problems);
        }
        boolean packsOk = problems.size() == beforePacks;
        Set<String> ruleIds = packsOk ? new LoadedPolicy(PolicySet.defaults(), packs).rules().keySet() : null;

        Parameters parameters = IntentsParser.parse(root.mapping("intents"));
        Map<String, Enforcement> enforcement = enforcement(root.mapping("enforcement"), ruleIds);
        List<Waiver> waivers = waivers(root, baseDir, baseDisplay, display, ruleIds, self, problems);
        PolicySet.Discovery discovery = discovery(root.mapping("discovery"));
        Alerts alerts = AlertsParser.parse(root.mapping("alerts"), ruleIds, parameters.ownership().teams());
        root.rejectUnknown();
        if (problems.size() > before || name == null) {
            return null;
        }
        PolicySet set = new PolicySet(name, version, display, references, parameters, enforcement, waivers, discovery,
                alerts);
        return new LoadedPolicy(set, packs);
    }

    /** {@code discovery: {strict: true, requireManifests: true}}; both false by default. */
    private static PolicySet.Discovery discovery(Fields f) {
        if (f == null) {
            return PolicySet.Discovery.DEFAULT;
        }
        Boolean strict = f.bool("strict");
        Boolean require = f.bool("requireManifests");
        f.rejectUnknown();
        return new PolicySet.Discovery(Boolean.TRUE.equals(strict), Boolean.TRUE.equals(require));
    }

    private static Map<String, Enforcement> enforcement(Fields f, Set<String> ruleIds) {
        Map<String, Enforcement> out = new LinkedHashMap<>();
        if (f == null) {
            return out;
        }
        for (String rule : f.keys()) {
            Enforcement level = f.oneOf(rule, PackLoader.LEVELS);
            if (ruleIds != null && !ruleIds.contains(rule)) {
                f.problem(rule, "no loaded pack defines rule " + rule
                        + DidYouMean.suggest(rule, ruleIds).map(r -> ", did you mean " + r + "?").orElse(""));
            } else if (level != null) {
                out.put(rule, level);
            }
        }
        return out;
    }

    private List<Waiver> waivers(Fields root, Path baseDir, String baseDisplay, String display, Set<String> ruleIds,
                                 Path self, List<Problem> problems) {
        YamlNode.Entry e = root.entry("waivers");
        if (e == null) {
            return List.of();
        }
        if (e.value() instanceof YamlNode.Sequence seq) {
            return waiverLoader.readNodes(seq.items(), display, ruleIds, problems);
        }
        String path = root.string("waivers");
        if (path == null) {
            return List.of();
        }
        return waiverLoader.read(baseDir.resolve(path).normalize(), YamlFiles.child(baseDisplay, path),
                e.keyLocation(), "waivers", ruleIds, self, problems);
    }

    /** How packs already loaded are referred to: shipped by id, folders by where they are. */
    private static List<String> references(List<Pack> packs) {
        return packs.stream().map(p -> p.shipped() ? p.id() : p.origin()).toList();
    }
}
