package dev.spendgate.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Work done for each manifest of a run on its own (pricing, savings, a report's entries): on every
 * core once a run has enough manifests to pay for it, always with the results in the input's order,
 * so that the report is the same bytes however the work was split.
 */
public final class PerManifest {

    /** Fewer items than this are done on the calling thread: starting the other cores would cost more. */
    public static final int PARALLEL_FROM = 64;

    private PerManifest() {
    }

    /**
     * {@code f} of each of {@code items}, in their order. {@code f} must not depend on the order in
     * which items are done, nor share mutable state between items. An exception {@code f} throws
     * reaches the caller.
     */
    public static <T, R> List<R> map(List<T> items, Function<? super T, ? extends R> f) {
        if (items.size() < PARALLEL_FROM) {
            List<R> out = new ArrayList<>(items.size());
            for (T item : items) {
                out.add(f.apply(item));
            }
            return out;
        }
        return items.parallelStream().<R>map(f).toList();
    }
}
