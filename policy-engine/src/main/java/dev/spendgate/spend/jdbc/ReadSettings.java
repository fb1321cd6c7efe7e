package dev.spendgate.spend.jdbc;

import dev.spendgate.spend.SpendException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How spendgate reads a table, from parameters of the JDBC URL that spendgate takes out before the
 * driver sees it: {@code spendgate.read=aggregate} (the default: the database sums the rows) or
 * {@code spendgate.read=stream} (every row of the window is sent and summed in spendgate, for
 * engines that cannot run the aggregate query), and {@code spendgate.dialect=NAME} to name the SQL
 * dialect when the driver's product name does not tell it.
 *
 * @param url     the URL without spendgate's parameters, for the driver
 * @param stream  whether rows are streamed rather than aggregated in the database
 * @param dialect the dialect named, or null to go by the driver's product name
 * @param queryTimeout how long a query may take ({@code spendgate.queryTimeout=SECONDS}, 0 for no
 *                     limit: an aggregate over billions of rows may take minutes); null for the
 *                     source's timeout
 */
record ReadSettings(String url, boolean stream, String dialect, java.time.Duration queryTimeout) {

    /** One {@code spendgate.x=value} parameter after {@code ?}, {@code &} or {@code ;}. */
    private static final Pattern PARAMETER = Pattern.compile("([?&;])spendgate\\.([A-Za-z]+)=([^&;#]*)");

    static ReadSettings of(String url) throws SpendException {
        boolean stream = false;
        java.time.Duration queryTimeout = null;
        String dialect = null;
        StringBuilder out = new StringBuilder();
        Matcher m = PARAMETER.matcher(url);
        int last = 0;
        boolean pendingQuestion = false;
        while (m.find()) {
            out.append(url, last, m.start());
            last = m.end();
            String key = m.group(2);
            String value = m.group(3);
            switch (key) {
                case "read" -> {
                    if (!value.equals("stream") && !value.equals("aggregate")) {
                        throw new SpendException("spend_unreadable", "spendgate.read=" + Values.quote(value).replace("\"", "")
                                + " in the URL: use spendgate.read=aggregate (the database sums the rows) or"
                                + " spendgate.read=stream (spendgate sums every row)");
                    }
                    stream = value.equals("stream");
                }
                case "dialect" -> {
                    if (Dialects.byId(value).isEmpty()) {
                        throw new SpendException("spend_unreadable", "spendgate.dialect=" + value.replaceAll("[^A-Za-z0-9_-]", "?")
                                + " in the URL: not a dialect spendgate knows (" + String.join(", ", Dialects.ids()) + ")");
                    }
                    dialect = value;
                }
                case "queryTimeout" -> {
                    if (!value.matches("[0-9]{1,7}")) {
                        throw new SpendException("spend_unreadable", "spendgate.queryTimeout in the URL: a number of"
                                + " seconds (0 for no limit), not " + Values.quote(value));
                    }
                    queryTimeout = java.time.Duration.ofSeconds(Long.parseLong(value));
                }
                default -> throw new SpendException("spend_unreadable", "spendgate." + key
                        + " in the URL: spendgate takes spendgate.read, spendgate.dialect and spendgate.queryTimeout");
            }
            // a dropped first query parameter hands its '?' on to the next one
            pendingQuestion |= "?".equals(m.group(1));
        }
        String rest = url.substring(last);
        if (pendingQuestion && rest.startsWith("&")) {
            rest = "?" + rest.substring(1);
        }
        out.append(rest);
        String cleaned = out.toString();
        if (pendingQuestion) {
            // parameters that followed the dropped one were appended after it: give back their '?'
            int q = cleaned.indexOf('?');
            int amp = cleaned.indexOf('&');
            if (q < 0 && amp >= 0) {
                cleaned = cleaned.substring(0, amp) + "?" + cleaned.substring(amp + 1);
            }
        }
        return new ReadSettings(cleaned, stream, dialect, queryTimeout);
    }
}
