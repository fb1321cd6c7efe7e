package dev.spendgate.spend.jdbc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JDBC URL and the same URL fit to print: without the user and password of its authority
 * ({@code //user:secret@host}, Oracle's {@code user/secret@}) and without credential parameters
 * ({@code ?password=...}, {@code ;user=...}). The secrets found are kept so that they can be cut
 * out of drivers' messages too.
 *
 * @param url     the URL as given, credentials and all; never printed
 * @param display the URL without credentials
 * @param secrets the passwords and tokens the URL carries, to remove from messages
 */
record JdbcUrl(String url, String display, List<String> secrets) {

    /** Parameters that carry credentials, lower case; drivers spell them in any case. */
    private static final Set<String> CREDENTIAL_PARAMETERS = Set.of("user", "username", "uid", "password", "pwd",
            "token", "accesstoken", "private_key_file_pwd", "privatekeypassword");

    /** Parameters whose value is a secret (the others name the user, which is merely not shown). */
    private static final Set<String> SECRET_PARAMETERS = Set.of("password", "pwd", "token", "accesstoken",
            "private_key_file_pwd", "privatekeypassword");

    /** {@code //user:secret@} or {@code //user@} right after the scheme. */
    private static final Pattern AUTHORITY_USER = Pattern.compile("//([^/?#;@]*)@");

    /** Oracle's thin form: {@code jdbc:oracle:thin:user/secret@host}. */
    private static final Pattern ORACLE_USER = Pattern.compile("^(jdbc:oracle:[a-z0-9]+:)([^@/?;]*)(?:/([^@?;]*))?@",
            Pattern.CASE_INSENSITIVE);

    /** One {@code key=value} parameter after {@code ?}, {@code &} or {@code ;}. */
    private static final Pattern PARAMETER = Pattern.compile("([?&;])([^=?&;#]+)=([^&;#]*)");

    /** {@code password=...} in a URL or a connection string that a message quotes. */
    private static final Pattern SECRET_IN_TEXT = Pattern.compile(
            "(?i)\\b(password|pwd|token|accesstoken|private_key_file_pwd|privatekeypassword)\\s*=\\s*[^\\s&;,)]*");

    JdbcUrl {
        secrets = List.copyOf(secrets);
    }

    static JdbcUrl of(String url) {
        List<String> secrets = new ArrayList<>();
        String shown = url;
        Matcher oracle = ORACLE_USER.matcher(shown);
        if (oracle.find()) {
            if (oracle.group(3) != null) {
                addSecret(secrets, oracle.group(3));
            }
            shown = oracle.group(1) + "@" + shown.substring(oracle.end());
        }
        Matcher authority = AUTHORITY_USER.matcher(shown);
        if (authority.find()) {
            String userInfo = authority.group(1);
            int colon = userInfo.indexOf(':');
            if (colon >= 0) {
                addSecret(secrets, userInfo.substring(colon + 1));
            }
            shown = shown.substring(0, authority.start()) + "//" + shown.substring(authority.end());
        }
        StringBuilder out = new StringBuilder();
        Matcher p = PARAMETER.matcher(shown);
        int last = 0;
        boolean queryStarted = false;
        while (p.find()) {
            String key = p.group(2).trim().toLowerCase(Locale.ROOT);
            out.append(shown, last, p.start());
            last = p.end();
            if (CREDENTIAL_PARAMETERS.contains(key)) {
                if (SECRET_PARAMETERS.contains(key)) {
                    addSecret(secrets, p.group(3));
                }
                // a dropped first query parameter hands its '?' on to the next one
                queryStarted |= "?".equals(p.group(1));
                continue;
            }
            String separator = p.group(1);
            if (queryStarted && "&".equals(separator)) {
                separator = "?";
                queryStarted = false;
            } else if ("?".equals(separator)) {
                queryStarted = false;
            }
            out.append(separator).append(p.group(2)).append('=').append(p.group(3));
        }
        out.append(shown.substring(last));
        return new JdbcUrl(url, out.toString(), secrets);
    }

    /** {@code text} with every secret of this URL, and of {@code more}, replaced by {@code ***}. */
    String redact(String text, Collection<String> more) {
        if (text == null) {
            return null;
        }
        List<String> all = new ArrayList<>(secrets);
        all.addAll(more);
        // a driver may echo a URL or connection string of its own: the redactor hides those too
        return SECRET_IN_TEXT.matcher(dev.spendgate.input.Redactor.of(all).redact(text)).replaceAll("$1=***");
    }

    private static void addSecret(List<String> secrets, String raw) {
        if (raw.isEmpty()) {
            return;
        }
        secrets.add(raw);
        try {
            String decoded = URLDecoder.decode(raw, StandardCharsets.UTF_8);
            if (!decoded.equals(raw)) {
                secrets.add(decoded);
            }
        } catch (IllegalArgumentException e) {
            // not percent-encoded: the raw form is enough
        }
    }
}
