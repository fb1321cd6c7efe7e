package dev.spendgate.yaml;

import dev.spendgate.input.Problem;
import dev.spendgate.input.SourceLocation;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed reading of the keys of one YAML mapping that collects problems instead of throwing.
 *
 * <p>Every getter returns null when the key is absent or its value is unusable; in the second case
 * it has added a {@link Problem} that says where, then what:
 * {@code spec.ttl: "36" is not a duration (use 36h)}, located at the key. Every key a getter asks
 * for (or {@link #known} names) is a known key; {@link #rejectUnknown()} then reports every other
 * key of the mapping with a did-you-mean. Not thread-safe; one instance per mapping and pass.
 */
public final class Fields {

    /** {@code <n>h}, {@code <n>d} or {@code <n>w}: the duration syntax of ttl and its parameters. */
    public static final Pattern DURATION = Pattern.compile("[1-9][0-9]{0,5}[hdw]");
    /** An instant in ISO-8601 with a zone: {@code 2026-11-20T09:00:00Z} or {@code ...+01:00}. */
    public static final Pattern INSTANT = Pattern.compile("[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
            + "T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,9})?)?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])");
    /** A calendar date, {@code YYYY-MM-DD}. */
    public static final Pattern DATE = Pattern.compile("[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])");

    private static final Pattern BARE_NUMBER = Pattern.compile("[0-9]+");
    private static final Pattern WORDY_DURATION = Pattern.compile(
            "([0-9]+) *(h|hr|hrs|hours?|d|days?|w|wk|wks|weeks?)", Pattern.CASE_INSENSITIVE);
    private static final int QUOTE_LIMIT = 40;

    private final YamlNode.Mapping mapping;
    private final String path;
    private final List<Problem> problems;
    private final Set<String> known = new LinkedHashSet<>();

    private Fields(YamlNode.Mapping mapping, String path, List<Problem> problems) {
        this.mapping = mapping;
        this.path = path;
        this.problems = problems;
    }

    /**
     * The fields of {@code node} at dotted path {@code path} ({@code ""} for a document root), or
     * null after adding a problem at {@code at} when it is not a mapping.
     */
    public static Fields of(YamlNode node, String path, SourceLocation at, List<Problem> problems) {
        if (node instanceof YamlNode.Mapping m) {
            return new Fields(m, path, problems);
        }
        // of a whole document only the kind is said: its text may be a file that is not ours (waivers: /etc/passwd)
        problems.add(new Problem(at, prefix(path) + "expected a mapping, got "
                + (path.isEmpty() ? (node == null ? "nothing" : node.describe()) : got(node))));
        return null;
    }

    /** The fields of {@code mapping}, the root of a document or a mapping read elsewhere. */
    public static Fields of(YamlNode.Mapping mapping, String path, List<Problem> problems) {
        return new Fields(mapping, path, problems);
    }

    /** Name to constant of an enum whose constants are spelled as in YAML, in declaration order. */
    public static <E extends Enum<E>> Map<String, E> names(Class<E> type) {
        return names(type, Enum::name);
    }

    /** Wire name to constant of an enum, in declaration order. */
    public static <E extends Enum<E>> Map<String, E> names(Class<E> type, Function<E, String> wireName) {
        Map<String, E> out = new LinkedHashMap<>();
        for (E e : type.getEnumConstants()) {
            out.put(wireName.apply(e), e);
        }
        return Collections.unmodifiableMap(out);
    }

    // ---- where

    public YamlNode.Mapping node() {
        return mapping;
    }

    /** Dotted path of this mapping, {@code ""} at a document root. */
    public String path() {
        return path;
    }

    /** Dotted path of {@code key} in this mapping: {@code spec.budget.amount}. */
    public String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public SourceLocation location() {
        return mapping.location();
    }

    /** Where {@code key} stands, or where this mapping does when the key is absent. */
    public SourceLocation location(String key) {
        YamlNode.Entry e = mapping.entries().get(key);
        return e == null ? mapping.location() : e.keyLocation();
    }

    public List<Problem> problems() {
        return problems;
    }

    /** Adds a problem about {@code key}: at the key, the message prefixed with its dotted path. */
    public void problem(String key, String message) {
        problems.add(new Problem(location(key), path(key) + ": " + message));
    }

    // ---- which keys

    /** The keys present, in document order. */
    public List<String> keys() {
        return List.copyOf(mapping.entries().keySet());
    }

    /** True when {@code key} is present; makes it a known key. */
    public boolean has(String key) {
        known.add(key);
        return mapping.entries().containsKey(key);
    }

    /** The entry of {@code key}, or null; makes it a known key. */
    public YamlNode.Entry entry(String key) {
        known.add(key);
        return mapping.entries().get(key);
    }

    /** The value node of {@code key}, or null; makes it a known key. */
    public YamlNode node(String key) {
        YamlNode.Entry e = entry(key);
        return e == null ? null : e.value();
    }

    /** Makes {@code keys} known without reading them. */
    public Fields known(String... keys) {
        Collections.addAll(known, keys);
        return this;
    }

    /** Reports each of {@code keys} that is absent: {@code metadata.name: required key is missing}. */
    public Fields require(String... keys) {
        for (String key : keys) {
            if (!has(key)) {
                problems.add(new Problem(mapping.location(), path(key) + ": required key is missing"));
            }
        }
        return this;
    }

    /** The entries whose keys are not known (yet), in document order. */
    public List<YamlNode.Entry> unknown() {
        List<YamlNode.Entry> out = new ArrayList<>();
        mapping.entries().forEach((k, e) -> {
            if (!known.contains(k)) {
                out.add(e);
            }
        });
        return out;
    }

    /** Reports every key that is not known: {@code spec.bugdet: unknown key, did you mean budget?}. */
    public void rejectUnknown() {
        for (YamlNode.Entry e : unknown()) {
            problems.add(new Problem(e.keyLocation(), path(e.key()) + ": " + unknownKey(e.key(), known)));
        }
    }

    /** {@code unknown key, did you mean budget?}, or the list of known keys when none is close. */
    public static String unknownKey(String key, Set<String> known) {
        Optional<String> near = DidYouMean.suggest(key, known);
        if (near.isPresent()) {
            return "unknown key, did you mean " + near.get() + "?";
        }
        return known.isEmpty() ? "unknown key (no keys are allowed here)"
                : "unknown key (expected one of " + String.join(", ", known) + ")";
    }

    // ---- typed values of keys

    /** A string. Numbers and booleans are not strings: they must be quoted. */
    public String string(String key) {
        YamlNode.Entry e = entry(key);
        return e == null ? null : string(e.value(), path(key), e.keyLocation());
    }

    /** A string matching {@code pattern} entirely; else {@code "x" is not <expected>}. */
    public String string(String key, Pattern pattern, String expected) {
        String s = string(key);
        if (s != null && !pattern.matcher(s).matches()) {
            problem(key, quote(s) + " is not " + expected);
            return null;
        }
        return s;
    }

    /** A string with at least one non-blank character. */
    public String text(String key) {
        String s = string(key);
        if (s != null && s.isBlank()) {
            problem(key, "must not be empty");
            return null;
        }
        return s;
    }

    /** An integer in {@code min..max}; integral decimals like {@code 8.0} count as integers. */
    public Long integer(String key, long min, long max) {
        YamlNode.Entry e = entry(key);
        return e == null ? null : integer(e.value(), path(key), e.keyLocation(), min, max);
    }

    /** A number in {@code min..max}. */
    public BigDecimal number(String key, BigDecimal min, BigDecimal max) {
        YamlNode.Entry e = entry(key);
        return e == null ? null : number(e.value(), path(key), e.keyLocation(), min, max);
    }

    /** {@code true} or {@code false}. */
    public Boolean bool(String key) {
        YamlNode.Entry e = entry(key);
        if (e == null) {
            return null;
        }
        if (e.value() instanceof YamlNode.Scalar s && s.value() instanceof Boolean b) {
            return b;
        }
        String hint = e.value() instanceof YamlNode.Scalar s && s.value() instanceof String t
                && Set.of("yes", "no", "on", "off", "y", "n").contains(t.toLowerCase(Locale.ROOT))
                ? " (YAML 1.2: write true or false)" : "";
        mismatch(path(key), e.keyLocation(), "a boolean", e.value(), hint);
        return null;
    }

    /**
     * A list of distinct strings. A repeated entry is a problem: in a set of names (teams, tags,
     * models) it is a slip, and engines that treat the list as a set must not count it twice.
     */
    public List<String> strings(String key) {
        List<String> values = list(key, "a list of strings", (node, p, at) -> string(node, p, at));
        if (values == null) {
            return null;
        }
        YamlNode.Sequence seq = (YamlNode.Sequence) entry(key).value();
        java.util.Set<String> seen = new java.util.HashSet<>();
        boolean ok = true;
        for (int i = 0; i < values.size(); i++) {
            if (!seen.add(values.get(i))) {
                problems.add(new Problem(seq.items().get(i).location(),
                        path(key) + "[" + i + "]: " + quote(values.get(i)) + " is listed twice"));
                ok = false;
            }
        }
        return ok ? values : null;
    }

    /** One of {@code allowed} (spelling to value, in the order to list them), with a did-you-mean. */
    public <T> T oneOf(String key, Map<String, T> allowed) {
        YamlNode.Entry e = entry(key);
        return e == null ? null : oneOf(e.value(), path(key), e.keyLocation(), allowed);
    }

    /** A list whose items are each one of {@code allowed}. */
    public <T> List<T> listOf(String key, Map<String, T> allowed) {
        return list(key, "a list", (node, p, at) -> oneOf(node, p, at, allowed));
    }

    /** A mapping of string keys to string values, in document order. */
    public Map<String, String> stringMap(String key) {
        YamlNode.Entry e = entry(key);
        if (e == null) {
            return null;
        }
        if (!(e.value() instanceof YamlNode.Mapping m)) {
            mismatch(path(key), e.keyLocation(), "a mapping of strings", e.value(), "");
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        boolean ok = true;
        for (YamlNode.Entry item : m.entries().values()) {
            String s = string(item.value(), path(key) + "." + item.key(), item.keyLocation());
            ok &= s != null;
            out.put(item.key(), s);
        }
        return ok ? out : null;
    }

    /** A duration {@code <n>h}, {@code <n>d} or {@code <n>w}. */
    public Ttl duration(String key) {
        YamlNode.Entry e = entry(key);
        return e == null ? null : duration(e.value(), path(key), e.keyLocation());
    }

    /** An instant in ISO-8601 with a zone. */
    public Instant instant(String key) {
        YamlNode.Entry e = entry(key);
        if (e == null) {
            return null;
        }
        String s = scalarText(e.value(), path(key), e.keyLocation(), "an instant like 2026-11-20T09:00:00Z");
        if (s == null) {
            return null;
        }
        if (INSTANT.matcher(s).matches()) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException ex) {
                // falls through to the message below
            }
        }
        String example = DATE.matcher(s).matches() ? s + "T00:00:00Z" : "2026-11-20T09:00:00Z";
        problem(key, quote(s) + " is not an instant (use ISO-8601 with a zone, e.g. " + example + ")");
        return null;
    }

    /** A calendar date {@code YYYY-MM-DD}. */
    public LocalDate date(String key) {
        YamlNode.Entry e = entry(key);
        if (e == null) {
            return null;
        }
        String s = scalarText(e.value(), path(key), e.keyLocation(), "a date like 2026-12-01");
        if (s == null) {
            return null;
        }
        if (DATE.matcher(s).matches()) {
            try {
                return LocalDate.parse(s);
            } catch (DateTimeParseException ex) {
                problem(key, quote(s) + " is not a valid date");
                return null;
            }
        }
        if (s.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
            problem(key, quote(s) + " is not a valid date");
            return null;
        }
        problem(key, quote(s) + " is not a date (use YYYY-MM-DD)");
        return null;
    }

    /** The nested mapping under {@code key}. */
    public Fields mapping(String key) {
        YamlNode.Entry e = entry(key);
        return e == null ? null : of(e.value(), path(key), e.keyLocation(), problems);
    }

    /**
     * The mappings listed under {@code key}, each with path {@code key[i]}; null when absent or not
     * a list. An item that is not a mapping adds a problem and is left out, so the others can still
     * be checked.
     */
    public List<Fields> mappings(String key) {
        YamlNode.Entry e = entry(key);
        if (e == null) {
            return null;
        }
        if (!(e.value() instanceof YamlNode.Sequence seq)) {
            mismatch(path(key), e.keyLocation(), "a list of mappings", e.value(), "");
            return null;
        }
        List<Fields> out = new ArrayList<>(seq.items().size());
        for (int i = 0; i < seq.items().size(); i++) {
            YamlNode n = seq.items().get(i);
            Fields f = of(n, path(key) + "[" + i + "]", n.location(), problems);
            if (f != null) {
                out.add(f);
            }
        }
        return out;
    }

    // ---- conversions of values

    /** Converts one value at dotted path {@code path}, adding a problem at {@code at} when unusable. */
    @FunctionalInterface
    public interface Conversion<T> {
        T convert(YamlNode node, String path, SourceLocation at);
    }

    /**
     * The items of the list under {@code key}, each converted; null when absent, not a list, or
     * when any item did not convert (each such item has added its problem).
     */
    public <T> List<T> list(String key, String expected, Conversion<T> item) {
        YamlNode.Entry e = entry(key);
        if (e == null) {
            return null;
        }
        if (!(e.value() instanceof YamlNode.Sequence seq)) {
            mismatch(path(key), e.keyLocation(), expected, e.value(), "");
            return null;
        }
        List<T> out = new ArrayList<>(seq.items().size());
        boolean ok = true;
        for (int i = 0; i < seq.items().size(); i++) {
            YamlNode n = seq.items().get(i);
            T value = item.convert(n, path(key) + "[" + i + "]", n.location());
            ok &= value != null;
            out.add(value);
        }
        return ok ? out : null;
    }

    /** A string value. */
    public String string(YamlNode node, String path, SourceLocation at) {
        if (node instanceof YamlNode.Scalar s && s.value() instanceof String text) {
            return text;
        }
        String hint = node instanceof YamlNode.Scalar s && s.value() != null
                ? " (quote it: \"" + s.text() + "\")" : "";
        mismatch(path, at, "a string", node, hint);
        return null;
    }

    /** An integer value in {@code min..max}. */
    public Long integer(YamlNode node, String path, SourceLocation at, long min, long max) {
        if (node instanceof YamlNode.Scalar s && (s.value() instanceof Long || s.value() instanceof BigDecimal)) {
            BigDecimal d = s.value() instanceof Long l ? BigDecimal.valueOf(l) : (BigDecimal) s.value();
            if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
                mismatch(path, at, "an integer", node, "");
                return null;
            }
            if (d.compareTo(BigDecimal.valueOf(min)) < 0 || d.compareTo(BigDecimal.valueOf(max)) > 0) {
                problems.add(new Problem(at, prefix(path) + s.text() + " is out of range (" + min + " to " + max + ")"));
                return null;
            }
            return d.longValueExact();
        }
        mismatch(path, at, "an integer", node, "");
        return null;
    }

    /** A number value in {@code min..max}. */
    public BigDecimal number(YamlNode node, String path, SourceLocation at, BigDecimal min, BigDecimal max) {
        if (node instanceof YamlNode.Scalar s && (s.value() instanceof Long || s.value() instanceof BigDecimal)) {
            BigDecimal d = s.value() instanceof Long l ? BigDecimal.valueOf(l) : (BigDecimal) s.value();
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                problems.add(new Problem(at, prefix(path) + s.text() + " is out of range ("
                        + min.toPlainString() + " to " + max.toPlainString() + ")"));
                return null;
            }
            return d;
        }
        mismatch(path, at, "a number", node, "");
        return null;
    }

    /** One of {@code allowed}: {@code "clasification" is not one of ... (did you mean classification?)}. */
    public <T> T oneOf(YamlNode node, String path, SourceLocation at, Map<String, T> allowed) {
        String s = scalarText(node, path, at, "one of " + String.join(", ", allowed.keySet()));
        if (s == null) {
            return null;
        }
        T value = allowed.get(s);
        if (value != null) {
            return value;
        }
        String near = DidYouMean.suggest(s, allowed.keySet()).map(n -> ", did you mean " + n + "?").orElse("");
        problems.add(new Problem(at, prefix(path) + quote(s) + " is not one of "
                + String.join(", ", allowed.keySet()) + near));
        return null;
    }

    /** A duration value: {@code "36" is not a duration (use 36h)}. */
    public Ttl duration(YamlNode node, String path, SourceLocation at) {
        String s = scalarText(node, path, at, "a duration like 24h, 3d or 2w");
        if (s == null) {
            return null;
        }
        boolean string = ((YamlNode.Scalar) node).value() instanceof String;
        if (string && DURATION.matcher(s).matches()) {
            long n = Long.parseLong(s.substring(0, s.length() - 1));
            Duration d = switch (s.charAt(s.length() - 1)) {
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
            return new Ttl(s, d);
        }
        String use = null;
        if (BARE_NUMBER.matcher(s).matches()) {
            use = s + "h";
        } else {
            Matcher m = WORDY_DURATION.matcher(s.strip());
            if (m.matches()) {
                use = m.group(1) + Character.toLowerCase(m.group(2).charAt(0));
            }
        }
        if (use != null && DURATION.matcher(use).matches()) {
            problems.add(new Problem(at, prefix(path) + quote(s) + " is not a duration (use " + use + ")"));
        } else {
            problems.add(new Problem(at, prefix(path) + quote(s)
                    + " is not a duration like 24h, 3d or 2w (1 to 999999 hours, days or weeks)"));
        }
        return null;
    }

    // ---- helpers

    /** The text of a non-null scalar as written; else a problem naming what was expected. */
    private String scalarText(YamlNode node, String path, SourceLocation at, String expected) {
        if (node instanceof YamlNode.Scalar s && s.value() != null) {
            return s.value() instanceof String text ? text : s.text();
        }
        mismatch(path, at, expected, node, "");
        return null;
    }

    private void mismatch(String path, SourceLocation at, String expected, YamlNode node, String hint) {
        problems.add(new Problem(at, prefix(path) + "expected " + expected + ", got " + got(node) + hint));
    }

    /** What a node is, for messages: {@code a mapping}, {@code a number (12)}, {@code nothing}. */
    public static String got(YamlNode node) {
        if (node == null) {
            return "nothing";
        }
        if (node instanceof YamlNode.Scalar s) {
            if (s.value() == null) {
                return s.text().isEmpty() ? "nothing" : "null";
            }
            return s.describe() + " (" + (s.value() instanceof String t ? quote(t) : s.text()) + ")";
        }
        return node.describe();
    }

    /** {@code "text"}, shortened when long. */
    public static String quote(String text) {
        String t = text.length() > QUOTE_LIMIT ? text.substring(0, QUOTE_LIMIT) + "..." : text;
        return "\"" + t.replace("\n", "\\n") + "\"";
    }

    private static String prefix(String path) {
        return path.isEmpty() ? "" : path + ": ";
    }
}
