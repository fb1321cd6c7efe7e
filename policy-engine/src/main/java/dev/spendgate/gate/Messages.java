package dev.spendgate.gate;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Fills a rule's message template: {@code {key}} becomes the evidence value of {@code key}. */
public final class Messages {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");

    private Messages() {
    }

    public static String fill(String template, Map<String, Object> evidence) {
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

    /** True when {@code message} still has a {@code {key}}: its template named evidence the engine did not give. */
    public static boolean unfilled(String message) {
        return PLACEHOLDER.matcher(message).find();
    }

    /** Formats an evidence value the same way everywhere: plain numbers, lists joined by commas. */
    public static String format(Object value) {
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
