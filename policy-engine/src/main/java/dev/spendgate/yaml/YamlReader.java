package dev.spendgate.yaml;

import dev.spendgate.input.Problem;
import dev.spendgate.input.SourceLocation;
import dev.spendgate.input.SourceMap;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.CoreScalarResolver;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads untrusted YAML safely into {@link YamlNode} trees with a location for every JSON pointer.
 *
 * <p>Only the YAML 1.2 core schema is constructed: no type tags beyond the standard ones, no
 * objects, no merge keys. The tree is built from the parser's events without recursion, so deep
 * nesting is a reported problem, never a {@link StackOverflowError}. Aliases are allowed within
 * {@link YamlLimits}. Every problem carries file, line and column.
 */
public final class YamlReader {

    private static final Set<String> STANDARD_TAGS = Set.of(
            Tag.STR.getValue(), Tag.INT.getValue(), Tag.FLOAT.getValue(), Tag.BOOL.getValue(),
            Tag.NULL.getValue(), Tag.MAP.getValue(), Tag.SEQ.getValue());

    /** Longer number literals are refused: nothing needs them, and parsing them is slow. */
    static final int MAX_NUMBER_LENGTH = 100;
    /** Larger exponents are refused too: no input needs them, and printing such a number takes gigabytes. */
    static final int MAX_SCALE = 1000;

    private final YamlLimits limits;
    private final ScalarResolver resolver = new CoreScalarResolver(false);

    public YamlReader(YamlLimits limits) {
        this.limits = limits;
    }

    public YamlReader() {
        this(YamlLimits.defaults());
    }

    public YamlLimits limits() {
        return limits;
    }

    /** Reads {@code path}, naming it {@code display} in locations and messages. */
    public YamlFile read(Path path, String display) {
        byte[] bytes;
        try {
            if (Files.isDirectory(path)) {
                return failed(display, 1, 1, "is a directory, expected a YAML file");
            }
            long size = Files.size(path);
            if (size > limits.maxBytes()) {
                return failed(display, 1, 1, "file is " + size + " bytes, more than the limit of " + limits.maxBytes());
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return failed(display, 1, 1, "no such file");
        } catch (AccessDeniedException e) {
            return failed(display, 1, 1, "cannot read file: permission denied");
        } catch (IOException e) {
            return failed(display, 1, 1, "cannot read file: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
        return read(display, bytes);
    }

    /**
     * Reads YAML given as bytes: UTF-8, UTF-16 or UTF-32 text, with or without a byte order mark
     * (see {@link YamlText}).
     */
    public YamlFile read(String display, byte[] bytes) {
        if (bytes.length > limits.maxBytes()) {
            return failed(display, 1, 1, "file is " + bytes.length + " bytes, more than the limit of " + limits.maxBytes());
        }
        YamlText.Decoded text = YamlText.decode(bytes);
        if (!text.ok()) {
            return failed(display, 1, 1, text.error());
        }
        return read(display, text.text());
    }

    /** Reads YAML given as text. */
    public YamlFile read(String display, String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        LoadSettings settings = LoadSettings.builder()
                .setLabel(display)
                .setAllowDuplicateKeys(true) // reported by us, with both places
                .setMaxAliasesForCollections(limits.maxAliases())
                .setCodePointLimit(limits.maxBytes())
                .build();
        Builder builder = new Builder(display);
        try {
            for (Event event : new Parse(settings).parseString(text)) {
                if (!builder.accept(event)) {
                    break;
                }
            }
        } catch (MarkedYamlEngineException e) {
            Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
            String what = e.getProblem() == null ? e.getClass().getSimpleName() : e.getProblem();
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            builder.problem(mark, "malformed YAML: " + what + context);
        } catch (YamlEngineException e) {
            builder.problem((Mark) null, "malformed YAML: " + e.getMessage());
        }
        return new YamlFile(display, builder.documents, builder.problems);
    }

    private static YamlFile failed(String display, int line, int column, String message) {
        return new YamlFile(display, List.of(), List.of(new Problem(new SourceLocation(display, line, column), message)));
    }

    /** Turns parser events into trees, one document at a time. */
    private final class Builder {
        private final String file;
        private final List<YamlDocument> documents = new ArrayList<>();
        private final List<Problem> problems = new ArrayList<>();
        private final Deque<Frame> stack = new ArrayDeque<>();
        private final Map<String, Built> anchors = new HashMap<>();
        private Map<String, SourceLocation> locations = new LinkedHashMap<>();
        private YamlNode root;
        private int aliases;
        private long expanded;
        private boolean inDocument;

        Builder(String file) {
            this.file = file;
        }

        /** Returns false once a problem stops the file. */
        boolean accept(Event event) {
            switch (event.getEventId()) {
                case DocumentStart -> {
                    inDocument = true;
                    root = null;
                    locations = new LinkedHashMap<>();
                    anchors.clear();
                    aliases = 0;
                    expanded = 0;
                }
                case DocumentEnd -> {
                    if (root instanceof YamlNode.Scalar s && s.value() == null && s.text().isEmpty()) {
                        root = null; // an empty document, not a null written out
                    }
                    documents.add(new YamlDocument(file, documents.size(), root, new SourceMap(file, locations)));
                    inDocument = false;
                }
                case MappingStart, SequenceStart -> {
                    CollectionStartEvent start = (CollectionStartEvent) event;
                    if (!checkTag(start.getTag(), event)) {
                        return false;
                    }
                    if (stack.size() >= limits.maxDepth()) {
                        problem(mark(event), "nested more than " + limits.maxDepth() + " levels deep");
                        return false;
                    }
                    Slot slot = nextSlot(event);
                    if (slot == null) {
                        return false;
                    }
                    boolean mapping = event.getEventId() == Event.ID.MappingStart;
                    stack.push(new Frame(mapping, slot, start.getAnchor()));
                }
                case MappingEnd, SequenceEnd -> {
                    Frame frame = stack.pop();
                    YamlNode node = frame.mapping
                            ? new YamlNode.Mapping(frame.entries, frame.slot.location, frame.slot.pointer)
                            : new YamlNode.Sequence(frame.items, frame.slot.location, frame.slot.pointer);
                    if (!place(node, frame.slot, frame.anchor, frame.size + 1)) {
                        return false;
                    }
                }
                case Scalar -> {
                    ScalarEvent scalar = (ScalarEvent) event;
                    if (!checkTag(scalar.getTag(), event)) {
                        return false;
                    }
                    if (!stack.isEmpty() && stack.peek().mapping && stack.peek().pendingKey == null) {
                        return acceptKey(scalar);
                    }
                    Slot slot = nextSlot(event);
                    if (slot == null) {
                        return false;
                    }
                    YamlNode node = scalar(scalar, slot);
                    if (node == null) {
                        return false;
                    }
                    return place(node, slot, scalar.getAnchor(), 1);
                }
                case Alias -> {
                    AliasEvent alias = (AliasEvent) event;
                    if (!stack.isEmpty() && stack.peek().mapping && stack.peek().pendingKey == null) {
                        problem(mark(event), "an alias cannot be a mapping key");
                        return false;
                    }
                    Built target = anchors.get(alias.getAlias().getValue());
                    if (target == null) {
                        problem(mark(event), "unknown alias *" + alias.getAlias().getValue());
                        return false;
                    }
                    if (++aliases > limits.maxAliases()) {
                        problem(mark(event), "more than " + limits.maxAliases() + " aliases");
                        return false;
                    }
                    Slot slot = nextSlot(event);
                    if (slot == null) {
                        return false;
                    }
                    if (expanded + target.size > limits.maxExpandedNodes()) {
                        return place(target.node, slot, Optional.empty(), target.size); // reports the bomb
                    }
                    return place(rebase(target.node, slot.pointer, slot.location), slot, Optional.empty(), target.size);
                }
                default -> {
                    // stream start/end carry nothing
                }
            }
            return true;
        }

        private boolean acceptKey(ScalarEvent scalar) {
            Frame frame = stack.peek();
            SourceLocation at = location(scalar);
            // keys are compared as written, as JSON does
            String text = Strings.shared(scalar.getValue());
            if (frame.entries.containsKey(text)) {
                SourceLocation first = frame.entries.get(text).keyLocation();
                problem(at, child(frame.slot.path, text) + ": duplicate key (first at line " + first.line()
                        + ", column " + first.column() + ")");
                return false;
            }
            frame.pendingKey = text;
            frame.pendingKeyLocation = at;
            return true;
        }

        private boolean checkTag(Optional<String> tag, Event event) {
            if (tag.isPresent() && !tag.get().equals("!") && !STANDARD_TAGS.contains(tag.get())) {
                problem(mark(event), "unsafe or unknown tag " + tag.get() + " (only plain YAML data is accepted)");
                return false;
            }
            return true;
        }

        /** Where the next node goes: its pointer and location. */
        private Slot nextSlot(Event event) {
            if (stack.isEmpty()) {
                return new Slot("", "", location(event));
            }
            Frame parent = stack.peek();
            if (parent.mapping) {
                if (parent.pendingKey == null) {
                    problem(mark(event), "a mapping key must be a plain value, not a list or mapping");
                    return null;
                }
                return new Slot(Strings.shared(parent.slot.pointer + "/" + escape(parent.pendingKey)),
                        child(parent.slot.path, parent.pendingKey), parent.pendingKeyLocation);
            }
            return new Slot(Strings.shared(parent.slot.pointer + "/" + parent.items.size()),
                    parent.slot.path + "[" + parent.items.size() + "]", location(event));
        }

        private boolean place(YamlNode node, Slot slot, Optional<Anchor> anchor, long size) {
            expanded += size;
            if (expanded > limits.maxExpandedNodes()) {
                problem(slot.location, "document expands to more than " + limits.maxExpandedNodes()
                        + " nodes (alias bomb?)");
                return false;
            }
            locations.putIfAbsent(slot.pointer, slot.location);
            anchor.ifPresent(a -> anchors.put(a.getValue(), new Built(node, size)));
            if (stack.isEmpty()) {
                root = node;
                return true;
            }
            Frame parent = stack.peek();
            parent.size += size;
            if (parent.mapping) {
                parent.entries.put(parent.pendingKey, new YamlNode.Entry(parent.pendingKey, parent.pendingKeyLocation, node));
                parent.pendingKey = null;
                parent.pendingKeyLocation = null;
            } else {
                parent.items.add(node);
            }
            return true;
        }

        /**
         * A copy of an anchored node placed where an alias refers to it: its pointers are those of
         * the new place, its root stands at the alias, its descendants where they were written.
         * The copy costs no more than the expansion limit already allows.
         */
        private YamlNode rebase(YamlNode node, String pointer, SourceLocation at) {
            locations.putIfAbsent(pointer, at);
            if (node instanceof YamlNode.Scalar s) {
                return new YamlNode.Scalar(s.value(), s.text(), s.quoted(), at, pointer);
            }
            if (node instanceof YamlNode.Mapping m) {
                Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
                m.entries().forEach((k, e) -> entries.put(k, new YamlNode.Entry(k, e.keyLocation(),
                        rebase(e.value(), pointer + "/" + escape(k), e.keyLocation()))));
                return new YamlNode.Mapping(entries, at, pointer);
            }
            YamlNode.Sequence q = (YamlNode.Sequence) node;
            List<YamlNode> items = new ArrayList<>(q.items().size());
            for (YamlNode item : q.items()) {
                items.add(rebase(item, pointer + "/" + items.size(), item.location()));
            }
            return new YamlNode.Sequence(items, at, pointer);
        }

        private YamlNode scalar(ScalarEvent event, Slot slot) {
            Object value = resolve(event, slot);
            if (value instanceof Problem p) {
                problems.add(p);
                return null;
            }
            return new YamlNode.Scalar(value, event.getValue(), !event.isPlain(), slot.location, slot.pointer);
        }

        /** Resolves a scalar by the YAML 1.2 core schema; a Problem for an unusable number. */
        private Object resolve(ScalarEvent event, Slot slot) {
            String where = slot.path.isEmpty() ? "" : slot.path + ": ";
            String text = event.getValue();
            Tag tag;
            if (event.getTag().isPresent() && !event.getTag().get().equals("!")) {
                tag = new Tag(event.getTag().get());
            } else if (!event.isPlain()) {
                return text;
            } else {
                tag = resolver.resolve(text, true);
            }
            if ((tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) && text.length() > MAX_NUMBER_LENGTH) {
                // parsing a huge literal takes minutes: refuse it before that
                return new Problem(slot.location, where + "a number of " + text.length()
                        + " characters (at most " + MAX_NUMBER_LENGTH + ")");
            }
            try {
                if (tag.equals(Tag.NULL)) {
                    return null;
                }
                if (tag.equals(Tag.BOOL)) {
                    return Boolean.parseBoolean(text.toLowerCase(java.util.Locale.ROOT));
                }
                if (tag.equals(Tag.INT)) {
                    BigInteger big = parseInt(text);
                    return big.bitLength() < 64 ? (Object) big.longValue() : new BigDecimal(big);
                }
                if (tag.equals(Tag.FLOAT)) {
                    String t = text.toLowerCase(java.util.Locale.ROOT);
                    if (t.contains("inf") || t.contains("nan")) {
                        return new Problem(slot.location, where + "'" + text + "' is not a finite number");
                    }
                    BigDecimal d = new BigDecimal(t.startsWith("+") ? t.substring(1) : t);
                    if (Math.abs((long) d.scale()) > MAX_SCALE) {
                        // 1e999999999 is short, but its plain digits would fill the heap
                        return new Problem(slot.location, where + "'" + text + "' is out of range");
                    }
                    return d;
                }
            } catch (NumberFormatException e) {
                return new Problem(slot.location, where + "'" + text + "' is not a number");
            }
            return text;
        }

        private BigInteger parseInt(String text) {
            String t = text.startsWith("+") ? text.substring(1) : text;
            if (t.startsWith("0x")) {
                return new BigInteger(t.substring(2), 16);
            }
            if (t.startsWith("0o")) {
                return new BigInteger(t.substring(2), 8);
            }
            return new BigInteger(t);
        }

        void problem(Mark mark, String message) {
            problem(mark == null ? new SourceLocation(file, 1, 1)
                    : new SourceLocation(file, mark.getLine() + 1, mark.getColumn() + 1), message);
        }

        void problem(SourceLocation at, String message) {
            problems.add(new Problem(at, message));
        }

        private Mark mark(Event event) {
            return event.getStartMark().orElse(null);
        }

        private SourceLocation location(Event event) {
            Mark m = mark(event);
            return m == null ? new SourceLocation(file, 1, 1) : new SourceLocation(file, m.getLine() + 1, m.getColumn() + 1);
        }
    }

    /** The dotted path of key {@code key} under {@code path}: {@code spec.budget}. */
    private static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** JSON pointer escaping of one reference token (RFC 6901). */
    public static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** Where a node goes: its JSON pointer, its dotted path for messages and its location. */
    private record Slot(String pointer, String path, SourceLocation location) {
    }

    private record Built(YamlNode node, long size) {
    }

    private static final class Frame {
        final boolean mapping;
        final Slot slot;
        final Optional<Anchor> anchor;
        final Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
        final List<YamlNode> items = new ArrayList<>();
        String pendingKey;
        SourceLocation pendingKeyLocation;
        long size;

        Frame(boolean mapping, Slot slot, Optional<Anchor> anchor) {
            this.mapping = mapping;
            this.slot = slot;
            this.anchor = anchor;
        }
    }
}
