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
}
