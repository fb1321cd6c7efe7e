package dev.spendgate.cost;

import dev.spendgate.error.InvalidInputException;
import dev.spendgate.input.Problem;
import dev.spendgate.input.SourceLocation;
import dev.spendgate.yaml.Utf8;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the model prices of a LiteLLM {@code model_prices_and_context_window.json} file into a
 * {@link PriceCatalog} of models only. Stateless and thread-safe.
 *
 * <pre>
 * {
 *   "sample_spec": {...},                                       # documentation: skipped, not counted
 *   "gpt-4o": {"input_cost_per_token": 2.5e-06, "output_cost_per_token": 1e-05,
 *              "cache_read_input_token_cost": 1.25e-06, "litellm_provider": "openai", "mode": "chat", ...},
 *   "azure/gpt-4o": {...},                                      # imported under the whole key
 *   "text-embedding-3-small": {"input_cost_per_token": 2e-08, ..., "mode": "embedding"}   # input tokens only
 *   "rerank-v3.5": {"input_cost_per_query": 0.002, ..., "mode": "rerank"}                # per query
 *   "dall-e-3": {..., "mode": "image_generation"}               # not priced: skipped, counted
 * }
 * </pre>
 *
 * <ul>
 * <li>Entries are imported by their {@code mode}: text models ({@code chat}, {@code completion},
 *     {@code responses}) with both {@code input_cost_per_token} and {@code output_cost_per_token};
 *     {@code embedding} models with {@code input_cost_per_token} (they are priced by input tokens
 *     only); {@code rerank} models with {@code input_cost_per_query} (USD per query, that is per
 *     search unit) or {@code input_cost_per_token}. Every other entry is skipped and counted by
 *     mode, and the count is a note of the file's {@link CatalogOrigin} (reports say it).</li>
 * <li>Prices are USD per token in the file and become USD per million tokens exactly
 *     ({@code 2.5e-06} is {@code 2.5}); {@code cache_read_input_token_cost} becomes the cached
 *     input price, {@code cache_creation_input_token_cost} the cache-write price, and the
 *     {@code *_batches} prices ({@code input_cost_per_token_batches},
 *     {@code output_cost_per_token_batches}, {@code cache_read_input_token_cost_batches},
 *     {@code cache_creation_input_token_cost_batches}) the batch tier. The provider is
 *     {@code litellm_provider} (else the key's prefix before {@code /}, else {@code unknown}); the
 *     tier is unknown (null), see {@link PriceCatalog#overlay}.</li>
 * <li>Invalid JSON, a top level that is not an object, an entry that is not an object, a duplicate
 *     key, or a price (in any entry) that is not a number or is negative make the file invalid:
 *     every such problem is listed with line and column ({@link InvalidInputException}, exit 3).
 *     Other keys are ignored. Files above {@link #MAX_BYTES} are refused.</li>
 * </ul>
 * The file has no date: its origin has no {@code asOf}, and a source line names the file.
 */
public final class LiteLlmPriceLoader {

    /** The largest file read: 64 MiB (the public file is under 2 MiB). */
    public static final long MAX_BYTES = 64L * 1024 * 1024;
    /** The modes of text LLMs. */
    public static final Set<String> TEXT_MODES = Set.of("chat", "completion", "responses");
    /** The modes imported: text LLMs, embedding models and rerankers; every other entry is skipped and counted. */
    public static final Set<String> PRICED_MODES = Set.of("chat", "completion", "responses", "embedding", "rerank");

    static final String SAMPLE_SPEC = "sample_spec";
    static final String INPUT = "input_cost_per_token";
    static final String OUTPUT = "output_cost_per_token";
    static final String CACHED = "cache_read_input_token_cost";
    static final String CACHE_WRITE = "cache_creation_input_token_cost";
    static final String PER_QUERY = "input_cost_per_query";
    static final String BATCH_INPUT = "input_cost_per_token_batches";
    static final String BATCH_OUTPUT = "output_cost_per_token_batches";
    static final String BATCH_CACHED = "cache_read_input_token_cost_batches";
    static final String BATCH_CACHE_WRITE = "cache_creation_input_token_cost_batches";
    private static final List<String> PRICE_KEYS = List.of(INPUT, OUTPUT, CACHED, CACHE_WRITE, PER_QUERY,
            BATCH_INPUT, BATCH_OUTPUT, BATCH_CACHED, BATCH_CACHE_WRITE);
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    private static final JsonParserFactory PARSERS = JsonProvider.provider().createParserFactory(Map.of());

    /** Reads the file {@code file}, naming it {@code display} in messages. */
    public PriceCatalog load(Path file, String display) throws InvalidInputException {
        Objects.requireNonNull(file, "file == null");
        Objects.requireNonNull(display, "display == null");
        SourceLocation start = new SourceLocation(display, 1, 1);
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw tooLarge(start, size);
            }
            return load(display, Files.readAllBytes(file));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidInputException(List.of(new Problem(start, "file not found")));
        } catch (IOException e) {
            throw new InvalidInputException(List.of(new Problem(start, "cannot read file: " + e.getClass().getSimpleName())));
        }
    }

    /** Reads a file given as bytes (UTF-8 JSON). */
    public PriceCatalog load(String display, byte[] bytes) throws InvalidInputException {
        Objects.requireNonNull(display, "display == null");
        SourceLocation start = new SourceLocation(display, 1, 1);
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(start, bytes.length);
        }
        String text = Utf8.decode(bytes)
                .orElseThrow(() -> new InvalidInputException(List.of(new Problem(start, "not UTF-8 text"))));
        if (text.startsWith("\uFEFF")) {
            text = " " + text.substring(1); // a byte order mark: keep the columns
        }
        return new Reading(display, text).catalog();
    }

    private static InvalidInputException tooLarge(SourceLocation at, long size) {
        return new InvalidInputException(List.of(new Problem(at, "file is " + size + " bytes, more than the limit of "
                + MAX_BYTES + " (64 MiB) for a LiteLLM price file")));
    }

    /** What one entry says, as read. */
    private static final class Entry {
        final Map<String, BigDecimal> prices = new HashMap<>();
        String provider;
        String mode;
    }

    /** One file being read: the text, where its lines start, the problems found so far. */
    private static final class Reading {
        private final String file;
        private final String text;
        private final int[] lineStarts;
        private final List<Problem> problems = new ArrayList<>();
        private final JsonParser parser;

        Reading(String file, String text) {
            this.file = file;
            this.text = text;
            this.lineStarts = lineStarts(text);
            this.parser = PARSERS.createParser(new StringReader(text));
        }

        PriceCatalog catalog() throws InvalidInputException {
            List<ModelPrice> models = new ArrayList<>();
            Map<String, Integer> imported = new TreeMap<>();
            Map<String, Integer> notPriced = new TreeMap<>();
            Map<String, Integer> missingPrices = new TreeMap<>();
            if (text.isBlank()) {
                problem(at(0), "empty file, expected a JSON object of model prices (LiteLLM's "
                        + "model_prices_and_context_window.json)");
                throw failure();
            }
            try (parser) {
                Event first = parser.next();
                if (first != Event.START_OBJECT) {
                    problem(valueStart(first), "expected a JSON object of model prices keyed by model name (LiteLLM's "
                            + "model_prices_and_context_window.json), not " + describe(first));
                    throw failure();
                }
                Map<String, Integer> seen = new HashMap<>();
                Event e;
                while ((e = parser.next()) == Event.KEY_NAME) {
                    String key = parser.getString();
                    int keyAt = stringStart(offset());
                    Event value = parser.next();
                    Integer before = seen.putIfAbsent(key, keyAt);
                    if (before != null) {
                        problem(at(keyAt), quote(key) + ": duplicate key, already at line " + line(before));
                        skip(value);
                        continue;
                    }
                    if (key.equals(SAMPLE_SPEC)) {
                        skip(value);
                        continue;
                    }
                    if (value != Event.START_OBJECT) {
                        problem(valueStart(value), quote(key) + ": must be an object of prices, not " + describe(value));
                        skip(value);
                        continue;
                    }
                    Entry entry = entry(key);
                    if (entry.mode == null || !PRICED_MODES.contains(entry.mode)) {
                        notPriced.merge(entry.mode == null ? "(no mode)" : entry.mode, 1, Integer::sum);
                        continue;
                    }
                    ModelPrice price = price(key, entry);
                    if (price == null) {
                        missingPrices.merge(entry.mode, 1, Integer::sum);
                    } else if (key.isBlank()) {
                        problem(at(keyAt), "a model name must not be empty");
                    } else {
                        models.add(price);
                        imported.merge(price.mode().wireName(), 1, Integer::sum);
                    }
                }
                if (e != Event.END_OBJECT) {
                    throw new IllegalStateException("unexpected " + e + " in an object");
                }
                if (parser.hasNext()) {
                    parser.next(); // content after the object: the parser throws
                }
            } catch (JsonParsingException ex) {
                syntax(ex);
                throw failure();
            } catch (java.util.NoSuchElementException ex) {
                problem(end(), "invalid JSON: unexpected end of file");
                throw failure();
            }
            if (!problems.isEmpty()) {
                throw failure();
            }
            List<String> notes = new ArrayList<>();
            String skips = skips(notPriced, missingPrices);
            if (!skips.isEmpty()) {
                notes.add(skips + " (" + imported(models.size(), imported) + ")");
            }
            CatalogOrigin origin = new CatalogOrigin("litellm", null, null, file,
                    List.of("LiteLLM model prices " + file + " (undated)"), CatalogOrigin.Format.LITELLM, notes);
            try {
                return PriceCatalog.of(origin, models, List.of());
            } catch (IllegalArgumentException ex) {
                throw new IllegalStateException(ex); // duplicate keys were problems above
            }
        }

        /**
         * The price of an entry of a priced mode, or null when it lacks the prices its mode needs: a
         * text model both {@code input_cost_per_token} and {@code output_cost_per_token}, an embedding
         * model {@code input_cost_per_token}, a reranker {@code input_cost_per_query} or
         * {@code input_cost_per_token}.
         */
        private static ModelPrice price(String key, Entry entry) {
            Map<String, BigDecimal> p = entry.prices;
            ModelPrice.Mode mode = TEXT_MODES.contains(entry.mode) ? ModelPrice.Mode.TEXT
                    : entry.mode.equals("embedding") ? ModelPrice.Mode.EMBEDDING : ModelPrice.Mode.RERANK;
            boolean enough = switch (mode) {
                case TEXT -> p.containsKey(INPUT) && p.containsKey(OUTPUT);
                case EMBEDDING -> p.containsKey(INPUT);
                case RERANK -> p.containsKey(PER_QUERY) || p.containsKey(INPUT);
            };
            if (!enough) {
                return null;
            }
            ModelPrice.Batch batch = new ModelPrice.Batch(p.get(BATCH_INPUT), p.get(BATCH_OUTPUT), p.get(BATCH_CACHED),
                    p.get(BATCH_CACHE_WRITE));
            return new ModelPrice(key, provider(key, entry), null, mode, p.getOrDefault(INPUT, BigDecimal.ZERO),
                    mode == ModelPrice.Mode.TEXT ? p.get(OUTPUT) : p.getOrDefault(OUTPUT, BigDecimal.ZERO),
                    p.get(CACHED), p.get(CACHE_WRITE), p.get(PER_QUERY), batch);
        }

        /** What the prices of a mode need, as said in the skip note. */
        private static String needs(String mode) {
            if (TEXT_MODES.contains(mode)) {
                return "needs " + INPUT + " and " + OUTPUT;
            }
            return mode.equals("embedding") ? "needs " + INPUT : "needs " + PER_QUERY + " or " + INPUT;
        }

        /** {@code 0 models imported} or {@code 5 models imported: embedding 1, rerank 1, text 3}. */
        private static String imported(int all, Map<String, Integer> byMode) {
            String models = all + (all == 1 ? " model imported" : " models imported");
            if (byMode.isEmpty()) {
                return models;
            }
            return models + ": " + byMode.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", "));
        }

        /**
         * {@code 5 entries skipped: 3 of a mode that is not priced (audio_speech 1, image_generation 2);
         * 2 without the prices of their mode (chat 1: needs input_cost_per_token and
         * output_cost_per_token; embedding 1: needs input_cost_per_token)}, or empty when none was.
         */
        private static String skips(Map<String, Integer> notPriced, Map<String, Integer> missingPrices) {
            int others = notPriced.values().stream().mapToInt(Integer::intValue).sum();
            int missing = missingPrices.values().stream().mapToInt(Integer::intValue).sum();
            if (others + missing == 0) {
                return "";
            }
            List<String> parts = new ArrayList<>();
            if (others > 0) {
                parts.add(others + " of a mode that is not priced (" + notPriced.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")) + ")");
            }
            if (missing > 0) {
                parts.add(missing + " without the prices of their mode (" + missingPrices.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue() + ": " + needs(e.getKey()))
                        .collect(Collectors.joining("; ")) + ")");
            }
            int all = others + missing;
            return all + (all == 1 ? " entry" : " entries") + " skipped: " + String.join("; ", parts);
        }

        /** Reads the entry whose START_OBJECT was just read, through its END_OBJECT. */
        private Entry entry(String key) {
            Entry entry = new Entry();
            Event e;
            while ((e = parser.next()) == Event.KEY_NAME) {
                String field = parser.getString();
                Event value = parser.next();
                if (PRICE_KEYS.contains(field)) {
                    BigDecimal price = price(key, field, value);
                    if (price != null) {
                        entry.prices.put(field, price);
                    }
                } else if (field.equals("litellm_provider") && value == Event.VALUE_STRING) {
                    entry.provider = parser.getString();
                } else if (field.equals("mode") && value == Event.VALUE_STRING) {
                    entry.mode = parser.getString();
                } else {
                    skip(value);
                }
            }
            return entry;
        }

        /**
         * A price in USD per million tokens ({@code input_cost_per_query}: USD per query); null (after a
         * problem, if any) when absent or wrong.
         */
        private BigDecimal price(String key, String field, Event value) {
            if (value == Event.VALUE_NULL) {
                return null;
            }
            if (value != Event.VALUE_NUMBER) {
                String got = describe(value);
                if (value == Event.VALUE_STRING) {
                    got += " (" + quote(parser.getString()) + ")";
                }
                problem(valueStart(value), quote(key) + ": " + field + " must be a number (USD per "
                        + (field.equals(PER_QUERY) ? "query" : "token") + "), not " + got);
                skip(value);
                return null;
            }
            BigDecimal perToken;
            try {
                perToken = parser.getBigDecimal();
            } catch (NumberFormatException | ArithmeticException e) {
                problem(valueStart(value), quote(key) + ": " + field + " is not a number spendgate can read ("
                        + quote(shorten(parser.getString())) + ")");
                return null;
            }
            if (perToken.signum() != 0 && (perToken.precision() - perToken.scale() > 6 || perToken.scale() > 40)) {
                // a price per token beyond a million dollars, or below 1e-40: a typo, and one that costs time to compute with
                problem(valueStart(value), quote(key) + ": " + field + " is out of range for a price per token ("
                        + quote(shorten(parser.getString())) + ")");
                return null;
            }
            if (perToken.signum() < 0) {
                problem(valueStart(value), quote(key) + ": " + field + " must not be negative, got " + parser.getString());
                return null;
            }
            if (field.equals(PER_QUERY)) {
                return plain(perToken); // USD per query as it stands
            }
            return plain(perToken.multiply(MILLION));
        }

        private static BigDecimal plain(BigDecimal d) {
            BigDecimal perMillion = d.stripTrailingZeros();
            return perMillion.scale() < 0 ? perMillion.setScale(0) : perMillion;
        }

        /** Reads past the value that {@code first} starts (a no-op for a scalar). */
        private void skip(Event first) {
            if (first != Event.START_OBJECT && first != Event.START_ARRAY) {
                return;
            }
            // event by event rather than skipObject(), which would not check the syntax of what it skips
            int depth = 1;
            while (depth > 0) {
                Event e = parser.next();
                if (e == Event.START_OBJECT || e == Event.START_ARRAY) {
                    depth++;
                } else if (e == Event.END_OBJECT || e == Event.END_ARRAY) {
                    depth--;
                }
            }
        }

        private static String provider(String key, Entry entry) {
            if (entry.provider != null && !entry.provider.isBlank()) {
                return entry.provider;
            }
            int slash = key.indexOf('/');
            return slash > 0 ? key.substring(0, slash) : "unknown";
        }

        // ---- locations: Parsson reports where a token ends; messages point where it starts

        private int offset() {
            return (int) parser.getLocation().getStreamOffset();
        }

        /** Where the value (or structure) of the event just read starts. */
        private SourceLocation valueStart(Event event) {
            int end = offset();
            int start = switch (event) {
                case START_OBJECT, START_ARRAY -> end - 1;
                case VALUE_STRING, KEY_NAME -> stringStart(end);
                case VALUE_NUMBER -> end - parser.getString().length();
                case VALUE_TRUE, VALUE_NULL -> end - 4;
                case VALUE_FALSE -> end - 5;
                default -> end;
            };
            return at(start);
        }

        /** The offset of the opening quote of the string whose closing quote is just before {@code end}. */
        private int stringStart(int end) {
            for (int i = end - 2; i >= 0; i--) {
                if (text.charAt(i) == '"') {
                    int backslashes = 0;
                    for (int j = i - 1; j >= 0 && text.charAt(j) == '\\'; j--) {
                        backslashes++;
                    }
                    if (backslashes % 2 == 0) {
                        return i;
                    }
                }
            }
            return 0;
        }

        /** Parsson's message without its own location, in the words of the rest of spendgate. */
        private void syntax(JsonParsingException ex) {
            JsonLocation l = ex.getLocation();
            String message = ex.getMessage() == null ? "" : ex.getMessage();
            Matcher token = INVALID_TOKEN.matcher(message);
            Matcher chr = UNEXPECTED_CHAR.matcher(message);
            String what;
            boolean atEnd = l == null || l.getStreamOffset() < 0 || l.getStreamOffset() >= text.length();
            int offset = atEnd ? text.length() : (int) l.getStreamOffset();
            if (token.find()) {
                atEnd |= token.group(1).equals("EOF");
                what = "expected " + Arrays.stream(token.group(2).split(",\\s*")).map(LiteLlmPriceLoader::token)
                        .collect(Collectors.joining(" or ")) + ", found " + (atEnd ? "the end of the file" : token(token.group(1)));
                if (!atEnd) {
                    offset = tokenStart(token.group(1), offset);
                }
            } else if (chr.find()) {
                int c = Integer.parseInt(chr.group(1));
                atEnd |= c < 0;
                what = atEnd ? "unexpected end of file" : "unexpected character " + printable(c)
                        + (chr.group(2) == null ? "" : ", expected '" + chr.group(2) + "'");
            } else {
                what = LOCATION.matcher(message).replaceAll("");
            }
            problem(atEnd ? end() : at(offset), "invalid JSON: " + what);
        }

        /** Where the token named {@code name} whose last character is at {@code last} starts. */
        private int tokenStart(String name, int last) {
            return switch (name) {
                case "STRING" -> stringStart(last + 1);
                case "NUMBER" -> {
                    int i = last;
                    while (i > 0 && "0123456789+-.eE".indexOf(text.charAt(i - 1)) >= 0) {
                        i--;
                    }
                    yield i;
                }
                case "TRUE", "NULL" -> last - 3;
                case "FALSE" -> last - 4;
                default -> last;
            };
        }

        private InvalidInputException failure() {
            return new InvalidInputException(problems);
        }

        private void problem(SourceLocation at, String message) {
            problems.add(new Problem(at, message));
        }

        private SourceLocation at(int offset) {
            int line = line(offset);
            return new SourceLocation(file, line, offset - lineStarts[line - 1] + 1);
        }

        private SourceLocation end() {
            return at(text.length());
        }

        private int line(int offset) {
            int i = Arrays.binarySearch(lineStarts, offset);
            return i >= 0 ? i + 1 : -i - 1;
        }

        private static int[] lineStarts(String text) {
            List<Integer> starts = new ArrayList<>();
            starts.add(0);
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    starts.add(i + 1);
                }
            }
            return starts.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    private static final Pattern INVALID_TOKEN = Pattern.compile("Invalid token=(\\w+).*?Expected tokens are: \\[([^]]*)]");
    private static final Pattern UNEXPECTED_CHAR = Pattern.compile("Unexpected char (-?\\d+)(?:.*?expecting '(.)')?");
    private static final Pattern LOCATION = Pattern.compile("\\s*at \\(line no=\\d+, column no=-?\\d+, offset=-?\\d+\\)");

    private static String token(String name) {
        return switch (name.strip()) {
            case "CURLYOPEN" -> "'{'";
            case "CURLYCLOSE" -> "'}'";
            case "SQUAREOPEN" -> "'['";
            case "SQUARECLOSE" -> "']'";
            case "COLON" -> "':'";
            case "COMMA" -> "','";
            case "STRING" -> "a string";
            case "NUMBER" -> "a number";
            case "TRUE" -> "true";
            case "FALSE" -> "false";
            case "NULL" -> "null";
            case "EOF" -> "end of file";
            default -> name.strip();
        };
    }

    private static String printable(int c) {
        return c >= 0x20 && c < 0x7f ? "'" + (char) c + "'" : String.format("U+%04X", c);
    }

    private static String describe(Event event) {
        return switch (event) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> event.name();
        };
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
