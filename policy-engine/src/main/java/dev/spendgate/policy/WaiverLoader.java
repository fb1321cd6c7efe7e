package dev.spendgate.policy;

import dev.spendgate.error.InvalidInputException;
import dev.spendgate.input.Problem;
import dev.spendgate.input.SourceLocation;
import dev.spendgate.input.SourceMap;
import dev.spendgate.yaml.DidYouMean;
import dev.spendgate.yaml.Fields;
import dev.spendgate.yaml.YamlDocument;
import dev.spendgate.yaml.YamlFile;
import dev.spendgate.yaml.YamlFiles;
import dev.spendgate.yaml.YamlNode;
import dev.spendgate.yaml.YamlReader;
import dev.spendgate.yaml.YamlTrees;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Loads {@code Waiver} documents (DESIGN section 3) from a file or a folder of YAML files, checking
 * every one and reporting every problem at once: required keys, dates, rule ids that the loaded
 * packs define (with a did-you-mean), the 90-day limit from {@code metadata.created} and unique
 * names. Whether a waiver has expired is not a load problem: rule SG-WVR-001 reports it; a
 * {@code created} day after the run's clock is, but the clock is the run's, so
 * {@link #checkCreated} is called by the run.
 * Instances are immutable and thread-safe.
 */
public final class WaiverLoader {

    /** The longest a waiver may run, counted from {@code metadata.created}. */
    public static final int MAX_DAYS = 90;

    private final YamlReader reader;

    public WaiverLoader() {
        this(new YamlReader());
    }

    public WaiverLoader(YamlReader reader) {
        this.reader = Objects.requireNonNull(reader, "reader == null");
    }

    /**
     * The waivers in {@code fileOrFolder}, named {@code display} in messages.
     *
     * @param ruleIds the rule ids of the loaded packs; a waiver of any other rule is a problem
     * @throws InvalidInputException with every problem
     */
    public List<Waiver> load(Path fileOrFolder, String display, Collection<String> ruleIds) throws InvalidInputException {
        List<Problem> problems = new ArrayList<>();
        List<Waiver> waivers = read(fileOrFolder, display, null, "", ruleIds, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return waivers;
    }

    /**
     * The waivers in {@code nodes}, read elsewhere (inline in a policy body or a test case), each
     * a Waiver document; pointers of each waiver's source map are relative to its node.
     *
     * @throws InvalidInputException with every problem
     */
    public List<Waiver> load(List<YamlNode> nodes, String file, Collection<String> ruleIds) throws InvalidInputException {
        List<Problem> problems = new ArrayList<>();
        List<Waiver> waivers = readNodes(nodes, file, ruleIds, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return waivers;
    }

    /** Collects the waivers of a file or folder; {@code at}/{@code where}: the reference's place. */
    List<Waiver> read(Path fileOrFolder, String display, SourceLocation at, String where, Collection<String> ruleIds,
                      List<Problem> problems) {
        return read(fileOrFolder, display, at, where, ruleIds, null, problems);
    }

    /** As above, never reading {@code skip} (the policy file, when the waivers sit beside it). */
    List<Waiver> read(Path fileOrFolder, String display, SourceLocation at, String where, Collection<String> ruleIds,
                      Path skip, List<Problem> problems) {
        List<Waiver> waivers = new ArrayList<>();
        Map<String, SourceLocation> names = new HashMap<>();
        for (YamlFiles.Found f : YamlFiles.discover(fileOrFolder, display, at, where, problems)) {
            if (skip != null && f.path().equals(skip.toAbsolutePath().normalize())) {
                continue;
            }
            YamlFile file = reader.read(f.path(), f.display());
            problems.addAll(file.problems());
            for (YamlDocument doc : file.documents()) {
                if (doc.root() == null) {
                    continue;
                }
                Waiver w = parse(doc.root(), doc.locations(), ruleIds, problems);
                if (w != null && unique(w, names, problems)) {
                    waivers.add(w);
                }
            }
        }
        return waivers;
    }

    /** Collects the waivers of nodes read elsewhere. */
    List<Waiver> readNodes(List<YamlNode> nodes, String file, Collection<String> ruleIds, List<Problem> problems) {
        List<Waiver> waivers = new ArrayList<>();
        Map<String, SourceLocation> names = new HashMap<>();
        for (YamlNode node : nodes) {
            Waiver w = parse(node, YamlTrees.sourceMap(file, node), ruleIds, problems);
            if (w != null && unique(w, names, problems)) {
                waivers.add(w);
            }
        }
        return waivers;
    }

    /** One Waiver document, or null after adding its problems. */
    private static Waiver parse(YamlNode root, SourceMap locations, Collection<String> ruleIds, List<Problem> problems) {
        int before = problems.size();
        Fields doc = Fields.of(root, "", root.location(), problems);
        if (doc == null) {
            return null;
        }
        doc.require("apiVersion", "kind", "metadata", "spec");
        String apiVersion = doc.string("apiVersion");
        if (apiVersion != null && !apiVersion.equals(PolicySetLoader.API_VERSION)) {
            doc.problem("apiVersion", Fields.quote(apiVersion) + " is not supported (use " + PolicySetLoader.API_VERSION + ")");
        }
        String kind = doc.string("kind");
        if (kind != null && !kind.equals("Waiver")) {
            doc.problem("kind", Fields.quote(kind) + " is not a Waiver (a waivers file holds Waiver documents only)");
        }
        String name = null;
        LocalDate created = null;
        Fields meta = doc.mapping("metadata");
        if (meta != null) {
            meta.require("name");
            name = meta.text("name");
            created = meta.date("created");
            meta.rejectUnknown();
        }
        Fields spec = doc.mapping("spec");
        String rule = null;
        String manifest = null;
        String reason = null;
        String approver = null;
        String ticket = null;
        LocalDate expires = null;
        if (spec != null) {
            spec.require("rule", "manifest", "reason", "approver", "expires");
            rule = spec.text("rule");
            if (rule != null && ruleIds != null && !ruleIds.contains(rule)) {
                spec.problem("rule", "no loaded pack defines rule " + rule + DidYouMean.suggest(rule, ruleIds)
                        .map(r -> ", did you mean " + r + "?").orElse(""));
            }
            manifest = spec.text("manifest");
            reason = spec.text("reason");
            approver = spec.text("approver");
            ticket = spec.string("ticket");
            expires = spec.date("expires");
            if (expires != null && created != null) {
                if (expires.isBefore(created)) {
                    spec.problem("expires", expires + " is before metadata.created (" + created + ")");
                } else if (ChronoUnit.DAYS.between(created, expires) > MAX_DAYS) {
                    spec.problem("expires", expires + " is more than " + MAX_DAYS + " days after metadata.created ("
                            + created + "); the latest allowed is " + created.plusDays(MAX_DAYS));
                }
            }
            spec.rejectUnknown();
        }
        doc.rejectUnknown();
        if (problems.size() > before || name == null || rule == null || manifest == null || reason == null
                || approver == null || expires == null) {
            return null;
        }
        return new Waiver(name, rule, manifest, reason, approver, ticket, expires, created, locations);
    }

    /**
     * Fails when a waiver's {@code metadata.created} is after the day of {@code now} (UTC): dating a
     * waiver in the future would move its 90-day window past the clock.
     *
     * @throws InvalidInputException listing every such waiver at its {@code metadata.created}
     */
    public static void checkCreated(List<Waiver> waivers, java.time.Instant now) throws InvalidInputException {
        LocalDate today = LocalDate.ofInstant(now, java.time.ZoneOffset.UTC);
        List<Problem> problems = new ArrayList<>();
        for (Waiver w : waivers) {
            if (w.created() != null && w.created().isAfter(today)) {
                problems.add(new Problem(w.locations().locate("/metadata/created"), "metadata.created: " + w.created()
                        + " is after today (" + today + "): a waiver cannot be created in the future"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private static boolean unique(Waiver w, Map<String, SourceLocation> names, List<Problem> problems) {
        SourceLocation at = w.locations().locate("/metadata/name");
        SourceLocation first = names.putIfAbsent(w.name(), at);
        if (first == null) {
            return true;
        }
        problems.add(new Problem(at, "metadata.name: waiver name '" + w.name() + "' is already used by " + first));
        return false;
    }
}
