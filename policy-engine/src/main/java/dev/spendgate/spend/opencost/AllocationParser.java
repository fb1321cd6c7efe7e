package dev.spendgate.spend.opencost;

import dev.spendgate.spend.SpendTally;

import dev.spendgate.spend.SpendException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads an answer of OpenCost's allocation API as a stream, row by row into a {@link SpendTally}:
 * <pre>{"code": 200, "status": "success", "data": [{"&lt;name&gt;": {"name": ..., "properties":
 *   {"labels": {...}, ...}, "start": "2026-03-01T00:00:00Z", "end": ..., "totalCost": 1.23, ...}}, ...]}</pre>
 * with one object per daily step. Every allocation in every step is a row, numbered from 1 in the
 * order of the answer. Fields it does not need are skipped unread.
 */
final class AllocationParser {

    /** What the answer said about itself: OpenCost's {@code code}, {@code status} and {@code message}. */
    record Envelope(String code, String status, String message, boolean hasData) {

        /** True when the body says the request failed, whatever the HTTP status. */
        boolean failed() {
            return (code != null && !code.equals("200")) || "error".equalsIgnoreCase(status);
        }
    }

    /** More than this for one allocation and day is a lie, and summing it exactly could take forever. */
    private static final BigDecimal MAX_COST = new BigDecimal("1e12");

    /** OpenCost rounds costs to a few decimals; far more digits than that are a lie too. */
    private static final int MAX_SCALE = 30;

    private final JsonParser parser;
    private final Attribution attribution;
    private final String currency;
    private final SpendTally tally;
    private final String where;

    AllocationParser(JsonParser parser, Attribution attribution, String currency, SpendTally tally, String where) {
        this.parser = parser;
        this.attribution = attribution;
        this.currency = currency;
        this.tally = tally;
        this.where = where;
    }

    /**
     * Reads the whole answer.
     *
     * @throws SpendException when it is JSON but not shaped like an allocation answer
     * @throws jakarta.json.JsonException when it is not JSON, or the stream fails
     */
    Envelope parse() throws SpendException {
        if (!parser.hasNext() || parser.next() != Event.START_OBJECT) {
            throw malformed("the answer is not a JSON object");
        }
        String code = null;
        String status = null;
        String message = null;
        boolean hasData = false;
        for (Event e = parser.next(); e != Event.END_OBJECT; e = parser.next()) {
            String key = parser.getString();
            Event v = parser.next();
            switch (key) {
                case "code" -> code = scalar(v);
                case "status" -> status = scalar(v);
                case "message" -> message = scalar(v);
                case "data" -> {
                    hasData = v != Event.VALUE_NULL;
                    data(v);
                }
                default -> skip(v);
            }
        }
        return new Envelope(code, status, message, hasData);
    }

    private void data(Event v) throws SpendException {
        if (v == Event.VALUE_NULL) {
            return;
        }
        if (v != Event.START_ARRAY) {
            throw malformed("\"data\" is not an array of daily steps");
        }
        int step = 0;
        for (Event e = parser.next(); e != Event.END_ARRAY; e = parser.next(), step++) {
            if (e == Event.START_OBJECT) {
                step();
            } else if (e != Event.VALUE_NULL) {
                throw malformed("data[" + step + "] is not an object of allocations");
            }
        }
    }

    private void step() {
        for (Event e = parser.next(); e != Event.END_OBJECT; e = parser.next()) {
            String name = parser.getString();
            Event v = parser.next();
            long row = tally.next();
            if (v == Event.START_OBJECT) {
                allocation(name, row);
            } else {
                skip(v);
                tally.bad(row, null, name + ": not an allocation object");
            }
        }
    }

    private void allocation(String name, long row) {
        String start = null;
        String end = null;
        String startProblem = "start is missing";
        String endProblem = "end is missing";
        BigDecimal cost = null;
        String costProblem = "totalCost is missing";
        Map<String, String> labels = new HashMap<>(4);
        for (Event e = parser.next(); e != Event.END_OBJECT; e = parser.next()) {
            String field = parser.getString();
            Event v = parser.next();
            switch (field) {
                case "start" -> {
                    start = v == Event.VALUE_STRING ? parser.getString() : null;
                    startProblem = start == null ? "start is not a string" : null;
                    skip(v);
                }
                case "end" -> {
                    end = v == Event.VALUE_STRING ? parser.getString() : null;
                    endProblem = end == null ? "end is not a string" : null;
                    skip(v);
                }
                case "totalCost" -> {
                    costProblem = null;
                    if (v == Event.VALUE_NUMBER) {
                        try {
                            cost = parser.getBigDecimal();
                        } catch (RuntimeException ex) {
                            costProblem = "totalCost " + quote(parser.getString()) + " is not a number spendgate can sum";
                        }
                    } else if (v == Event.VALUE_NULL) {
                        costProblem = "totalCost is null (OpenCost could not compute it)";
                    } else if (v == Event.VALUE_STRING) {
                        costProblem = "totalCost " + quote(parser.getString()) + " is not a number";
                    } else {
                        costProblem = "totalCost is not a number";
                        skip(v);
                    }
                }
                case "properties" -> {
                    if (v == Event.START_OBJECT) {
                        properties(labels);
                    } else {
                        skip(v);
                    }
                }
                default -> skip(v);
            }
        }
        if (costProblem != null) {
            tally.bad(row, "totalCost", name + ": " + costProblem);
            return;
        }
        if (cost.scale() > MAX_SCALE || cost.abs().compareTo(MAX_COST) > 0) {
            tally.bad(row, "totalCost", name + ": totalCost " + cost + " is not a plausible cost");
            return;
        }
        if (cost.signum() < 0) {
            tally.bad(row, "totalCost", name + ": totalCost " + cost + " is negative");
            return;
        }
        Instant from = instant(start);
        if (from == null) {
            tally.bad(row, "start", name + ": " + (startProblem != null ? startProblem
                    : "start " + quote(start) + " is not an RFC 3339 time"));
            return;
        }
        Instant to = instant(end);
        if (to == null) {
            tally.bad(row, "end", name + ": " + (endProblem != null ? endProblem
                    : "end " + quote(end) + " is not an RFC 3339 time"));
            return;
        }
        if (to.isBefore(from)) {
            tally.bad(row, "end", name + ": end " + end + " is before start " + start);
            return;
        }
        String[] who = attribution.attribute(name, labels);
        tally.add(who[0], who[1], currency, from, to, cost);
    }

    private void properties(Map<String, String> labels) {
        for (Event e = parser.next(); e != Event.END_OBJECT; e = parser.next()) {
            String field = parser.getString();
            Event v = parser.next();
            if (field.equals("labels") && v == Event.START_OBJECT) {
                for (Event l = parser.next(); l != Event.END_OBJECT; l = parser.next()) {
                    String key = parser.getString();
                    Event lv = parser.next();
                    if (lv == Event.VALUE_STRING && attribution.reads(key)) {
                        labels.put(key, parser.getString());
                    }
                    skip(lv);
                }
            } else {
                skip(v);
            }
        }
    }

    private String scalar(Event v) {
        if (v == Event.VALUE_STRING || v == Event.VALUE_NUMBER) {
            return parser.getString();
        }
        skip(v);
        return null;
    }

    private void skip(Event v) {
        if (v == Event.START_OBJECT) {
            parser.skipObject();
        } else if (v == Event.START_ARRAY) {
            parser.skipArray();
        }
    }

    private SpendException malformed(String what) {
        return new SpendException("spend_unreadable", where + ": " + what
                + " (is this OpenCost's API, usually on port 9003?)");
    }

    private static Instant instant(String s) {
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** {@code "text"}, cut short when long: bad values are shown, not dumped. */
    static String quote(String s) {
        String t = s.length() > 60 ? s.substring(0, 57) + "..." : s;
        return "\"" + t.replace("\n", "\\n").replace("\r", "\\r") + "\"";
    }
}
