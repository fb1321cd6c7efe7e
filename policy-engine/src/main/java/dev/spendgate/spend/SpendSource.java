package dev.spendgate.spend;

/**
 * A source of live spend: a FOCUS export, a warehouse table, a cost API. Implementations read the
 * whole source on each call (streaming; memory must not grow with the number of rows) and return
 * it aggregated; they are not required to be thread-safe.
 */
public interface SpendSource {

    /** The source as users named it, for reports and messages; never with credentials. */
    String display();

    /**
     * Reads the source.
     *
     * @throws SpendException when the source cannot be read at all; bad rows are not an exception
     *                        but counted in the result
     */
    SpendData read(SpendQuery query) throws SpendException;

    /**
     * What {@link #read} would ask the source for, for a person ({@code --explain-spend}): the SQL
     * a warehouse is sent, say. May contact the source (to learn a table's columns), never reads its rows.
     */
    default String explain(SpendQuery query) throws SpendException {
        return "-- " + display() + " is read as a whole; there is no query to show\n";
    }
}
