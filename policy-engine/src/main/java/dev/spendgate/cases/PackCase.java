package dev.spendgate.cases;

import dev.spendgate.input.SourceLocation;
import dev.spendgate.spend.BadRow;
import dev.spendgate.spend.SpendData;
import dev.spendgate.spend.SpendGroup;
import dev.spendgate.yaml.YamlNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One engine-neutral test case of a pack: manifests, a policy and a clock in; the findings that
 * must be present ({@code expect}) and the rules that must not fire ({@code absent}) out.
 *
 * @param policy    the case's {@code policy:} body, or null for the pack with its defaults
 * @param manifests the manifest documents as read
 * @param bases     the base versions of manifests ({@code base:}), matched to them by
 *                  {@code metadata.name}: as if the case judged a change against a base revision
 * @param spend     the live spend the case's run reads ({@code spend:}), or null when the run has
 *                  no spend source (and the live-spend rules do not apply)
 */
public record PackCase(String id, String description, SourceLocation location, Instant now, YamlNode policy,
                       List<YamlNode> manifests, List<YamlNode> bases, Spend spend, List<Expectation> expect,
                       List<String> absent) {

    /** The default clock of cases that set none. */
    public static final Instant DEFAULT_NOW = Instant.parse("2026-11-22T12:00:00Z");

    public PackCase {
        Objects.requireNonNull(id, "id == null");
        Objects.requireNonNull(location, "location == null");
        Objects.requireNonNull(now, "now == null");
        description = description == null ? "" : description;
        manifests = List.copyOf(manifests);
        bases = List.copyOf(bases);
        expect = List.copyOf(expect);
        absent = List.copyOf(absent);
    }

    /**
     * A case's live spend: billing rows as a spend source would read them.
     *
     * @param source    the source's name in reports ({@code case} unless the case names one)
     * @param newestRow the latest {@code ChargePeriodEnd} of the source; null when it has no rows
     * @param badRows   how many rows the source could not use
     */
    public record Spend(String source, Instant newestRow, List<Row> rows, long badRows) {

        public Spend {
            Objects.requireNonNull(source, "source == null");
            rows = List.copyOf(rows);
        }

        /**
         * What a source would have read: the rows aggregated to {@link SpendGroup}s (one per manifest
         * tag, team tag, currency and day, in the order first seen), each ending at the next day's
         * start or at {@link #newestRow}, whichever comes first.
         */
        public SpendData data(String costColumn) {
            Map<List<Object>, SpendGroup> groups = new LinkedHashMap<>();
            for (Row r : rows) {
                Instant end = r.day().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                Instant newest = newestRow != null && newestRow.isBefore(end) ? newestRow : end;
                groups.merge(Arrays.asList(r.manifest(), r.team(), r.currency(), r.day()),
                        new SpendGroup(r.manifest(), r.team(), r.currency(), r.day(), r.cost(), 1, newest),
                        (a, b) -> new SpendGroup(a.manifest(), a.team(), a.currency(), a.day(), a.cost().add(b.cost()),
                                a.rows() + b.rows(), a.newest()));
            }
            List<BadRow> described = new ArrayList<>();
            for (long i = 0; i < Math.min(badRows, SpendData.MAX_BAD_ROWS_DESCRIBED); i++) {
                described.add(new BadRow(source, rows.size() + i + 1, "row", null, "a bad row of the case"));
            }
            return new SpendData(source, costColumn, List.copyOf(groups.values()), rows.size() + badRows, badRows,
                    described, newestRow);
        }
    }

    /**
     * One billing row of a case's spend: the tags it carries (null when it has none), its UTC day
     * and its cost.
     */
    public record Row(String manifest, String team, LocalDate day, BigDecimal cost, String currency) {

        public Row {
            Objects.requireNonNull(day, "day == null");
            Objects.requireNonNull(cost, "cost == null");
            Objects.requireNonNull(currency, "currency == null");
        }
    }

    /** A finding that must be present; null fields match anything. */
    public record Expectation(String rule, String manifest, String outcome, String path) {

        public Expectation {
            Objects.requireNonNull(rule, "rule == null");
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(rule);
            if (manifest != null) {
                b.append(" on ").append(manifest);
            }
            if (outcome != null) {
                b.append(" outcome ").append(outcome);
            }
            if (path != null) {
                b.append(" at ").append(path);
            }
            return b.toString();
        }
    }
}
