package dev.spendgate.alert;

import java.util.Locale;

/** The words every channel uses for an alert, so a Slack message and an e-mail say the same. */
final class AlertText {

    private AlertText() {
    }

    /** {@code NEW SG-SPD-001 payments-bot: Burn past the warning threshold}. */
    static String headline(Alert a) {
        return a.status().name() + " " + a.ruleId() + " " + a.manifest() + ": " + a.ruleTitle();
    }

    /** What the change means, in a few words. */
    static String statusPhrase(Alert a) {
        return switch (a.status()) {
            case NEW -> "new";
            case ESCALATED -> "escalated to " + a.level();
            case REPEAT -> "still open";
            case RESOLVED -> "resolved: the condition no longer holds";
        };
    }

    /** {@code manifests/bot.yaml:12}, {@code manifests/bot.yaml}, or null for an orphan. */
    static String where(Alert a) {
        if (a.file() == null) {
            return null;
        }
        return a.line() > 0 ? a.file() + ":" + a.line() : a.file();
    }

    /** {@code hard-mandatory} as shown: {@code Hard-mandatory}. */
    static String capitalized(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    /** The lines of a plain-text message: headline, message, numbers, file, run. */
    static String plain(Alert a) {
        StringBuilder b = new StringBuilder();
        b.append(headline(a)).append('\n');
        b.append(capitalized(statusPhrase(a))).append(" (").append(a.level()).append(")\n\n");
        b.append(a.message()).append("\n\n");
        a.numbers().forEach((k, v) -> b.append("  ").append(k).append(": ").append(v).append('\n'));
        if (!a.numbers().isEmpty()) {
            b.append('\n');
        }
        b.append("manifest: ").append(a.manifest()).append('\n');
        if (where(a) != null) {
            b.append("file: ").append(where(a)).append('\n');
        }
        if (a.team() != null) {
            b.append("team: ").append(a.team()).append('\n');
        }
        if (a.environment() != null) {
            b.append("environment: ").append(a.environment()).append('\n');
        }
        if (a.owner() != null) {
            b.append("owner: ").append(a.owner()).append('\n');
        }
        b.append("at: ").append(a.at()).append('\n');
        if (a.runUrl() != null) {
            b.append("run: ").append(a.runUrl()).append('\n');
        }
        return b.toString();
    }

    /** {@code s} cut to {@code max} characters, ending with an ellipsis when cut. */
    static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "…";
    }
}
