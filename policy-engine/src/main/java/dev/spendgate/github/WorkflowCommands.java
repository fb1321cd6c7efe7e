package dev.spendgate.github;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GitHub Actions workflow commands ({@code ::error file=a.yaml,line=3::message}) written exactly as
 * the {@code @actions/core} toolkit writes them, so the runner parses them the same way.
 */
public final class WorkflowCommands {

    private WorkflowCommands() {
    }

    /**
     * One command line, without the line break. Properties with an empty value are left out, as the
     * toolkit leaves out falsy ones; when some were given but all are empty, a space still follows
     * the command name ({@code ::error ::x}), as in the toolkit.
     */
    public static String command(String name, Map<String, String> properties, String message) {
        StringBuilder b = new StringBuilder("::").append(name);
        if (properties != null && !properties.isEmpty()) {
            b.append(' ');
            boolean first = true;
            for (Map.Entry<String, String> p : properties.entrySet()) {
                if (p.getValue() == null || p.getValue().isEmpty()) {
                    continue;
                }
                if (!first) {
                    b.append(',');
                }
                first = false;
                b.append(p.getKey()).append('=').append(escapeProperty(p.getValue()));
            }
        }
        return b.append("::").append(escapeData(message == null ? "" : message)).toString();
    }

    /**
     * An annotation ({@code error}, {@code warning} or {@code notice}) with the toolkit's property
     * order: title, file, line, endLine, col, endColumn; a line or column of 0 is left out.
     */
    public static String annotation(String type, String title, String file, int line, int column, String message) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("title", title);
        p.put("file", file);
        p.put("line", line > 0 ? String.valueOf(line) : "");
        p.put("col", column > 0 ? String.valueOf(column) : "");
        return command(type, p, message);
    }

    /** {@code ::add-mask::value}: the runner hides the value (and each of its lines) in the log. */
    public static String mask(String secret) {
        return command("add-mask", null, secret);
    }

    public static String group(String title) {
        return command("group", null, title);
    }

    public static String endGroup() {
        return "::endgroup::";
    }

    /** The message part: {@code %} first, then CR and LF. */
    public static String escapeData(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Property values: as data, plus {@code :} and {@code ,}. */
    public static String escapeProperty(String s) {
        return escapeData(s).replace(":", "%3A").replace(",", "%2C");
    }
}
