package dev.spendgate.input;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The one place secrets are taken out of text: every secret a run knows (the OPA token, the spend
 * token, the GitHub token, the JDBC password, the trust-store password) is replaced by {@code ***}
 * in every message, log line, annotation, report and exception text before it is printed or
 * written, including text that came back from a server. Beyond the secrets it was given, it also
 * hides what is shaped like one: the credential after {@code Bearer} or {@code Basic} (a word with a
 * digit or punctuation in it, or a long one, not prose such as "bearer token"),
 * the password of a URL's user info, and {@code password=}-like parameters.
 *
 * <p>Immutable and thread-safe; {@link #wrap} gives a writer that redacts line by line.
 */
public final class Redactor {

    /** Shorter values are not treated as secrets: replacing them would garble ordinary text. */
    static final int MIN_SECRET = 4;
    public static final String MASK = "***";

    private static final Redactor NONE = new Redactor(List.of());
    static final Pattern SHAPED = Pattern.compile(
            "(\\b(?i:bearer)\\s+(?=[A-Za-z]*[0-9._~+/=-]|[A-Za-z]{20})|\\bBasic\\s+(?=[A-Za-z0-9+/]{8,}))[A-Za-z0-9._~+/=-]{4,}"
                    + "|(://[^/\\s:@]*:)[^@\\s/]+(@)"
                    + "|(\\b(?i:password|passwd|pwd|secret|token|access_token|api[_-]?key)=)[^&;\\s\"']+");

    private final List<String> secrets;

    private Redactor(List<String> secrets) {
        this.secrets = secrets;
    }

    /** A redactor of {@code secrets} (nulls, blanks and values too short to be secrets are left out). */
    public static Redactor of(Collection<String> secrets) {
        List<String> kept = new ArrayList<>();
        for (String s : secrets) {
            if (s != null && s.strip().length() >= MIN_SECRET && !kept.contains(s.strip())) {
                kept.add(s.strip());
            }
        }
        kept.sort(Comparator.comparingInt(String::length).reversed()); // the longest first: no secret left half-shown
        return kept.isEmpty() ? NONE : new Redactor(List.copyOf(kept));
    }

    /** A redactor of {@code secrets}. */
    public static Redactor of(String... secrets) {
        return of(java.util.Arrays.asList(secrets));
    }

    /** One that knows no secret and hides only what is shaped like one. */
    public static Redactor none() {
        return NONE;
    }

    /** This redactor and {@code other}'s secrets too. */
    public Redactor and(Redactor other) {
        List<String> all = new ArrayList<>(secrets);
        all.addAll(other.secrets);
        return of(all);
    }

    /** {@code text} with every secret, and everything shaped like one, replaced by {@code ***}; null stays null. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : secrets) {
            if (out.contains(s)) {
                out = out.replace(s, MASK);
            }
        }
        if (mayHoldShaped(out)) {
            out = SHAPED.matcher(out).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                    m.group(1) != null ? m.group(1) + MASK : m.group(2) != null ? m.group(2) + MASK + m.group(3)
                            : m.group(4) + MASK));
        }
        return out;
    }

    /**
     * Whether {@code s} holds what one of the pattern's alternatives needs before it can match —
     * "bearer" in any case or "Basic", a "://" with an '@' after it, an '=' right after a key such
     * as {@code password} in any case — found in one pass, so that the pattern runs only on the few
     * lines of a large report that may hold a credential (an owner's e-mail address alone does not).
     */
    static boolean mayHoldShaped(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '=' && afterKey(s, i)) {
                return true;
            }
            if ((c == 'b' || c == 'B') && s.regionMatches(true, i, "bearer", 0, 6)
                    || c == 'B' && s.startsWith("Basic", i)
                    || c == ':' && s.startsWith("://", i) && s.indexOf('@', i + 3) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** The keys of the pattern's last alternative, which end right before an '='. */
    private static final String[] KEYS = {"password", "passwd", "pwd", "secret", "token", "api_key", "api-key", "apikey"};

    /** Whether one of {@link #KEYS}, in any case, ends at {@code s[equals]}. */
    private static boolean afterKey(String s, int equals) {
        for (String key : KEYS) {
            int from = equals - key.length();
            if (from >= 0 && s.regionMatches(true, from, key, 0, key.length())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A writer that passes what it is given to {@code out} redacted, a line at a time (and what is
     * left of a line when flushed or closed), so a secret split across two writes is still found.
     */
    public Writer wrap(Writer out) {
        Objects.requireNonNull(out, "out == null");
        return new Writer() {
            private final StringBuilder line = new StringBuilder();

            @Override
            public void write(char[] cbuf, int off, int len) throws IOException {
                int start = off;
                int end = off + len;
                for (int i = off; i < end; i++) {
                    if (cbuf[i] == '\n') {
                        line.append(cbuf, start, i + 1 - start);
                        emit();
                        start = i + 1;
                    }
                }
                line.append(cbuf, start, end - start);
            }

            @Override
            public void write(String str, int off, int len) throws IOException {
                int start = off;
                int end = off + len;
                for (int nl = str.indexOf('\n', start); nl >= 0 && nl < end; nl = str.indexOf('\n', start)) {
                    line.append(str, start, nl + 1);
                    emit();
                    start = nl + 1;
                }
                line.append(str, start, end);
            }

            private void emit() throws IOException {
                if (line.length() > 0) {
                    out.write(redact(line.toString()));
                    line.setLength(0);
                }
            }

            @Override
            public void flush() throws IOException {
                emit();
                out.flush();
            }

            @Override
            public void close() throws IOException {
                emit();
                out.close();
            }
        };
    }
}
