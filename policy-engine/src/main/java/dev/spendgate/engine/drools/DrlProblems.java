package dev.spendgate.engine.drools;

import org.kie.api.builder.Message;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says where a DRL build error is, as {@code <pack>/drools/<file>:<line>:<col>: <message>}.
 *
 * <p>Drools locates parser errors, but errors of the executable model (an unknown property, a
 * Java compile error in a consequence) come without a line or point at generated Java; for those
 * the DRL is searched for the expression or method the message names.
 */
final class DrlProblems {

    /** A DRL file as written to the build ({@code path}) and as the user knows it ({@code shownAs}). */
    record Source(String path, String shownAs, String text) {
    }

    private static final Pattern LINE_IN_TEXT = Pattern.compile("\\bLine (\\d+):(\\d+)");
    private static final Pattern UNDEFINED_METHOD = Pattern.compile("The method (\\w+)\\(");
    private static final Pattern AFTER_COLON = Pattern.compile(":\\s+([^:]+?)\\s*$");

    private DrlProblems() {
    }

    /** The most precise of {@code errors} on one line, with how many others there were. */
    static String describe(List<Message> errors, Collection<Source> sources, String packFolder) {
        List<String> described = errors.stream().map(e -> describe(e, sources, packFolder)).toList();
        String best = described.stream()
                .min(Comparator.comparing((String d) -> !d.matches("^[^:]+:\\d+:\\d+: .*")))
                .orElseThrow();
        return best + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more errors)" : "");
    }

    static String describe(Message error, Collection<Source> sources, String packFolder) {
        String text = error.getText() == null ? "" : error.getText().strip().replaceAll("\\s+", " ");
        Source source = sources.stream().filter(s -> s.path().equals(error.getPath())).findFirst().orElse(null);
        int line = error.getLine();
        int column = error.getColumn();
        Matcher stated = LINE_IN_TEXT.matcher(text);
        if (source != null && stated.find()) {
            // the parser's text has the column its Message leaves at 0
            line = Integer.parseInt(stated.group(1));
            column = Integer.parseInt(stated.group(2));
        }
        if (source != null && line > 0) {
            return source.shownAs() + ":" + line + ":" + (column + 1) + ": " + text;
        }
        String token = token(text);
        for (Source candidate : source != null ? List.of(source) : sources) {
            int at = token == null ? -1 : indexOfWord(candidate.text(), token);
            if (at >= 0) {
                String before = candidate.text().substring(0, at);
                int l = (int) before.chars().filter(c -> c == '\n').count() + 1;
                int c = at - before.lastIndexOf('\n');
                return candidate.shownAs() + ":" + l + ":" + c + ": " + text;
            }
        }
        return (source != null ? source.shownAs() : sources.size() == 1 ? sources.iterator().next().shownAs() : packFolder)
                + ": " + text;
    }

    /** What the message names that can be found in the DRL: a method, or the expression after a colon. */
    private static String token(String text) {
        Matcher method = UNDEFINED_METHOD.matcher(text);
        if (method.find()) {
            return method.group(1) + "(";
        }
        Matcher expression = AFTER_COLON.matcher(text);
        return expression.find() ? expression.group(1) : null;
    }

    private static int indexOfWord(String text, String token) {
        boolean endsInWord = Character.isLetterOrDigit(token.charAt(token.length() - 1));
        Matcher m = Pattern.compile("(?<!\\w)" + Pattern.quote(token) + (endsInWord ? "(?!\\w)" : "")).matcher(text);
        return m.find() ? m.start() : -1;
    }
}
