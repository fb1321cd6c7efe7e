package dev.spendgate.spend.jdbc;

/** How values from a table are shown in problems. */
final class Values {

    private static final int MAX_SHOWN = 60;

    private Values() {
    }

    /** {@code "$10,000.00 "}: quoted, control characters escaped, cut after 60 characters. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        int n = Math.min(value.length(), MAX_SHOWN);
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
        if (value.length() > MAX_SHOWN) {
            out.append("... (").append(value.length()).append(" characters)");
        }
        return out.toString();
    }
}
