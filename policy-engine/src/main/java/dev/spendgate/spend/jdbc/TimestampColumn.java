package dev.spendgate.spend.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Calendar;
import java.util.Locale;
import java.util.TimeZone;

/**
 * Reads one timestamp column as instants, the way its type calls for: a type with a time zone
 * ({@code TIMESTAMP WITH TIME ZONE}, PostgreSQL's {@code timestamptz}, Snowflake's
 * {@code TIMESTAMP_TZ}/{@code _LTZ}) as the instant it is; a plain {@code TIMESTAMP} or {@code DATE}
 * as UTC; text (or any other type, read as text) as ISO 8601 with an offset or {@code Z}.
 * Drivers that lack the JDBC 4.2 {@code java.time} conversions are read with {@code getTimestamp}.
 */
final class TimestampColumn {

    /** Thrown for a value that is there but is not a timestamp; the message is the problem. */
    static final class BadValue extends Exception {
        private static final long serialVersionUID = 1L;

        BadValue(String problem) {
            super(problem, null, false, false);
        }
    }

    private enum Kind { ZONED, LOCAL, DATE, TEXT }

    private final String name;
    private final int index;
    private final Kind kind;
    private final Calendar utc = Calendar.getInstance(TimeZone.getTimeZone(ZoneOffset.UTC), Locale.ROOT);
    private boolean javaTime = true;

    /**
     * @param name    the FOCUS name of the column, for problems
     * @param index   its 1-based index in the result set
     * @param type    its {@link Types} code
     * @param typeName the database's name of its type
     */
    TimestampColumn(String name, int index, int type, String typeName) {
        this.name = name;
        this.index = index;
        this.kind = kind(type, typeName == null ? "" : typeName.toUpperCase(Locale.ROOT));
    }

    private static Kind kind(int type, String typeName) {
        boolean zoned = typeName.contains("TZ") && !typeName.contains("NTZ")
                || typeName.contains("WITH TIME ZONE");
        return switch (type) {
            case Types.TIMESTAMP_WITH_TIMEZONE -> Kind.ZONED;
            case Types.TIMESTAMP -> zoned ? Kind.ZONED : Kind.LOCAL;
            case Types.DATE -> Kind.DATE;
            default -> Kind.TEXT;
        };
    }

    /** The current row's value, or null when it is SQL NULL or empty text. */
    Instant read(ResultSet rs) throws SQLException, BadValue {
        if (kind == Kind.TEXT) {
            return parse(rs.getString(index));
        }
        if (javaTime) {
            try {
                return readJavaTime(rs);
            } catch (SQLException | RuntimeException | AbstractMethodError e) {
                // a driver without this JDBC 4.2 conversion: the JDBC 4.0 one from now on
                javaTime = false;
            }
        }
        return switch (kind) {
            case ZONED -> instant(rs.getTimestamp(index));
            case LOCAL -> instant(rs.getTimestamp(index, utc));
            default -> {
                java.sql.Date d = rs.getDate(index, utc);
                yield d == null ? null : d.toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
            }
        };
    }

    private Instant readJavaTime(ResultSet rs) throws SQLException {
        return switch (kind) {
            case ZONED -> {
                OffsetDateTime t = rs.getObject(index, OffsetDateTime.class);
                yield t == null ? null : t.toInstant();
            }
            case LOCAL -> {
                LocalDateTime t = rs.getObject(index, LocalDateTime.class);
                yield t == null ? null : t.toInstant(ZoneOffset.UTC);
            }
            default -> {
                LocalDate d = rs.getObject(index, LocalDate.class);
                yield d == null ? null : d.atStartOfDay(ZoneOffset.UTC).toInstant();
            }
        };
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private Instant parse(String text) throws BadValue {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = text.strip();
        // "2026-11-01 00:00:00+00:00", as databases cast to text, is the same instant
        if (s.length() > 10 && s.charAt(10) == ' ') {
            s = s.substring(0, 10) + 'T' + s.substring(11);
        }
        try {
            return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadValue(name + " " + Values.quote(text)
                    + " is not an ISO 8601 date-time with an offset (like 2026-11-01T00:00:00Z)");
        }
    }
}
