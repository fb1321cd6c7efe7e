package dev.spendgate.spend.jdbc;

import dev.spendgate.spend.BadRow;
import dev.spendgate.spend.SpendData;
import dev.spendgate.spend.SpendGroup;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sums good rows into {@link SpendGroup}s and keeps count of bad ones, describing the first
 * {@link SpendData#MAX_BAD_ROWS_DESCRIBED}. It holds one entry per group, whatever the number of rows.
 */
final class Aggregator {

    private record Key(String manifest, String team, String currency, LocalDate day) {
    }

    private static final class Sum {
        BigDecimal cost = BigDecimal.ZERO;
        long rows;
        Instant newest;
    }

    /** Groups by day, then currency, manifest and team (missing tags first): the same data, the same order. */
    private static final Comparator<SpendGroup> ORDER = Comparator.comparing(SpendGroup::day)
            .thenComparing(SpendGroup::currency)
            .thenComparing(SpendGroup::manifest, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(SpendGroup::team, Comparator.nullsFirst(Comparator.naturalOrder()));

    private final String source;
    private final Map<Key, Sum> sums = new HashMap<>();
    private final List<BadRow> badRows = new ArrayList<>();
    private long rows;
    private long badRowCount;
    private Instant newest;

    /** @param source the source as users named it, for bad rows */
    Aggregator(String source) {
        this.source = source;
    }

    void good(RowReader.Row row) {
        rows++;
        Key key = new Key(row.manifest, row.team, row.currency, LocalDate.ofInstant(row.start, ZoneOffset.UTC));
        Sum sum = sums.computeIfAbsent(key, k -> new Sum());
        sum.cost = sum.cost.add(row.cost);
        sum.rows++;
        if (sum.newest == null || row.end.isAfter(sum.newest)) {
            sum.newest = row.end;
        }
        if (newest == null || row.end.isAfter(newest)) {
            newest = row.end;
        }
    }

    /** @param rowNumber the 1-based number of the row in the result set */
    void bad(long rowNumber, RowReader.Problem problem) {
        rows++;
        badRowCount++;
        if (badRows.size() < SpendData.MAX_BAD_ROWS_DESCRIBED) {
            badRows.add(new BadRow(source, rowNumber, "row", problem.column(), problem.problem()));
        }
    }

    SpendData result(String costColumn) {
        List<SpendGroup> groups = new ArrayList<>(sums.size());
        sums.forEach((k, s) -> groups.add(new SpendGroup(k.manifest(), k.team(), k.currency(), k.day(),
                canonical(s.cost), s.rows, s.newest)));
        groups.sort(ORDER);
        return new SpendData(source, costColumn, groups, rows, badRowCount, badRows, newest);
    }

    /**
     * The sum without trailing zeros and never in exponent form ({@code 12.5}, {@code 100}), so that
     * the same amounts give equal values whatever the column's scale.
     */
    static BigDecimal canonical(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
