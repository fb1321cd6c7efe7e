package dev.spendgate.cases;

import dev.spendgate.error.InvalidInputException;
import dev.spendgate.input.Problem;
import dev.spendgate.yaml.Fields;
import dev.spendgate.yaml.YamlDocument;
import dev.spendgate.yaml.YamlFile;
import dev.spendgate.yaml.YamlNode;
import dev.spendgate.yaml.YamlReader;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads a pack's case files: one case per YAML document, every problem reported at once. */
public final class CaseReader {

    private static final Set<String> OUTCOMES = Set.of("fail", "warn", "waived");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final BigDecimal MAX_COST = new BigDecimal("1000000000000");
    /** A case's spend source ends an hour before its clock unless it says otherwise. */
    private static final Duration DEFAULT_STALENESS = Duration.ofHours(1);

    private final YamlReader reader = new YamlReader();

    /** The cases of one file, given as bytes and named {@code display} in messages. */
    public List<PackCase> read(String display, byte[] bytes) throws InvalidInputException {
        YamlFile file = reader.read(display, bytes);
        List<Problem> problems = new ArrayList<>(file.problems());
        List<PackCase> cases = new ArrayList<>();
        Map<String, PackCase> ids = new HashMap<>();
        for (YamlDocument doc : file.documents()) {
            if (doc.root() == null) {
                continue;
            }
            PackCase c = parse(doc.root(), problems);
            if (c == null) {
                continue;
            }
            PackCase before = ids.putIfAbsent(c.id(), c);
            if (before != null) {
                problems.add(new Problem(c.location(), "case '" + c.id() + "' is already defined at line "
                        + before.location().line()));
            } else {
                cases.add(c);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return cases;
    }

    private PackCase parse(YamlNode root, List<Problem> problems) {
        Fields f = Fields.of(root, "", root.location(), problems);
        if (f == null) {
            return null;
        }
        int before = problems.size();
        f.known("case", "description", "now", "policy", "manifest", "manifests", "base", "spend", "expect", "absent")
                .rejectUnknown();
        f.require("case");
        if (!f.has("expect") && !f.has("absent")) {
            problems.add(new Problem(root.location(), "case: needs 'expect' or 'absent' (or both)"));
        }
        String id = f.string("case");
        String description = f.string("description");
        Instant now = f.has("now") ? f.instant("now") : PackCase.DEFAULT_NOW;
        List<YamlNode> manifests = new ArrayList<>();
        if (f.has("manifest")) {
            manifests.add(f.node("manifest"));
        }
        if (f.has("manifests")) {
            YamlNode list = f.node("manifests");
            if (list instanceof YamlNode.Sequence s) {
                manifests.addAll(s.items());
            } else {
                f.problem("manifests", "manifests: expected a list of manifests, got " + Fields.got(list));
            }
        }
        List<YamlNode> bases = new ArrayList<>();
        if (f.has("base")) {
            YamlNode list = f.node("base");
            if (list instanceof YamlNode.Sequence s) {
                bases.addAll(s.items());
            } else {
                f.problem("base", "base: expected a list of manifests (the base versions, matched by name), got "
                        + Fields.got(list));
            }
        }
        PackCase.Spend spend = f.has("spend") ? spend(f.mapping("spend"), now) : null;
        if (manifests.isEmpty() && problems.size() == before) {
            problems.add(new Problem(root.location(), "case: needs 'manifest' or 'manifests'"));
        }
        List<PackCase.Expectation> expect = new ArrayList<>();
        List<Fields> expected = f.mappings("expect");
        for (Fields e : expected == null ? List.<Fields>of() : expected) {
            e.known("rule", "manifest", "outcome", "path").rejectUnknown();
            e.require("rule");
            String outcome = e.string("outcome");
            if (outcome != null && !OUTCOMES.contains(outcome)) {
                e.problem("outcome", e.path("outcome") + ": '" + outcome + "' is not one of fail, warn, waived");
            }
            String rule = e.string("rule");
            if (rule != null) {
                expect.add(new PackCase.Expectation(rule, e.string("manifest"), outcome, e.string("path")));
            }
        }
        List<String> absent = f.has("absent") ? f.strings("absent") : List.of();
        if (problems.size() > before || id == null) {
            return null;
        }
        return new PackCase(id, description, root.location(), now, f.node("policy"), manifests, bases, spend, expect,
                absent == null ? List.of() : absent);
    }

    /**
     * The {@code spend:} block: {@code source} (default {@code case}), {@code newestRow} (default an
     * hour before the case's clock when there are rows, else none), {@code rows} and {@code badRows}.
     * Null after adding problems when it is unusable.
     */
    private static PackCase.Spend spend(Fields f, Instant now) {
        if (f == null) {
            return null;
        }
        int before = f.problems().size();
        String source = f.has("source") ? f.text("source") : "case";
        Instant newestRow = f.instant("newestRow");
        List<PackCase.Row> rows = new ArrayList<>();
        List<Fields> listed = f.mappings("rows");
        for (Fields r : listed == null ? List.<Fields>of() : listed) {
            r.require("day", "cost");
            String manifest = r.has("manifest") ? r.text("manifest") : null;
            String team = r.has("team") ? r.text("team") : null;
            LocalDate day = r.date("day");
            BigDecimal cost = r.number("cost", MAX_COST.negate(), MAX_COST);
            String currency = r.has("currency") ? r.string("currency", CURRENCY, "a currency code like USD") : "USD";
            r.rejectUnknown();
            if (day != null && cost != null && currency != null) {
                rows.add(new PackCase.Row(manifest, team, day, cost, currency));
                Instant newest = newestRow != null ? newestRow : now.minus(DEFAULT_STALENESS);
                if (!day.atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(newest)) {
                    r.problem("day", day + " does not start before the source's newest row (" + newest
                            + (f.has("newestRow") ? "" : ", an hour before the case's now") + ")");
                }
            }
        }
        Long badRows = f.has("badRows") ? f.integer("badRows", 0, 1_000_000) : Long.valueOf(0);
        f.rejectUnknown();
        if (f.problems().size() > before) {
            return null;
        }
        if (newestRow == null && !rows.isEmpty()) {
            newestRow = now.minus(DEFAULT_STALENESS);
        }
        return new PackCase.Spend(source, newestRow, rows, badRows);
    }
}
