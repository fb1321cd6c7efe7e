package dev.spendgate.gate;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Fills a rule's message template: {@code {key}} becomes the evidence value of {@code key}. */
final class Messages {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");

    private Messages() {
    }

    static String fill(String template, Map<String, Object> evidence) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String value = evidence.containsKey(key) ? format(evidence.get(key)) : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The placeholders of a template, for checking a pack's templates against its evidence. */
    static List<String> placeholders(String template) {
        Matcher m = PLACEHOLDER.matcher(template);
        List<String> keys = new java.util.ArrayList<>();
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    /** Formats an evidence value the same way everywhere: plain numbers, lists joined by commas. */
    static String format(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "(none)" : list.stream().map(Messages::format).collect(Collectors.joining(", "));
        }
        return value.toString();
    }
}
