package dev.spendgate.spend;


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
 * Rows as a source reads them one by one (a warehouse table, an API answer), summed to
 * {@link SpendGroup}s; bad rows counted, the first {@link SpendData#MAX_BAD_ROWS_DESCRIBED}
 * described. Memory grows with the number of groups, not rows. Not thread-safe.
 */
public final class SpendTally {

    private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

    /** The order every source gives its groups in: day, manifest, team (missing tags first), currency. */
    public static final Comparator<SpendGroup> ORDER = Comparator.comparing(SpendGroup::day)
            .thenComparing(SpendGroup::manifest, NULLS_FIRST)
            .thenComparing(SpendGroup::team, NULLS_FIRST)
            .thenComparing(SpendGroup::currency);

    private record Key(String manifest, String team, String currency, LocalDate day) {
    }

    private static final class Sum {
        BigDecimal cost = BigDecimal.ZERO;
        long rows;
        Instant newest;
    }

    private final String source;
    private final Map<Key, Sum> sums = new HashMap<>();
    private final List<BadRow> badRows = new ArrayList<>();
    private long rows;
    private long badRowCount;
    private Instant newest;

    /** @param source the source as users named it, for bad rows */
    public SpendTally(String source) {
        this.source = source;
    }

    /** Counts a row, good or bad, and returns its 1-based number. */
    public long next() {
        return ++rows;
    }

    /** A good row: {@code cost} charged from {@code start} to {@code end}. */
    public void add(String manifest, String team, String currency, Instant start, Instant end, BigDecimal cost) {
        Sum s = sums.computeIfAbsent(new Key(manifest, team, currency, LocalDate.ofInstant(start, ZoneOffset.UTC)),
                k -> new Sum());
        s.cost = s.cost.add(cost);
        s.rows++;
        s.newest = later(s.newest, end);
        newest = later(newest, end);
    }

    /** A bad row: counted always, described while fewer than the maximum are. */
    public void bad(long row, String column, String problem) {
        badRowCount++;
        if (badRows.size() < SpendData.MAX_BAD_ROWS_DESCRIBED) {
            badRows.add(new BadRow(source, row, "row", column, problem));
        }
    }

    public SpendData data(String costColumn) {
        List<SpendGroup> groups = new ArrayList<>(sums.size());
        sums.forEach((k, s) -> groups.add(new SpendGroup(k.manifest(), k.team(), k.currency(), k.day(), canonical(s.cost),
                s.rows, s.newest)));
        groups.sort(ORDER);
        return new SpendData(source, costColumn, groups, rows, badRowCount, badRows, newest);
    }

    /**
     * A sum without trailing zeros and never in exponent form ({@code 12.5}, {@code 100}), so that
     * the same amounts give equal values whatever the scale of the column they were read from.
     */
    public static BigDecimal canonical(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
