package dev.spendgate.report.spend;

import java.io.IOException;

/**
 * Writes a {@link SpendReport} in one format. Implementations are found with
 * {@link java.util.ServiceLoader}; the same report always gives the same bytes.
 */
public interface SpendRenderer {

    /** The name users pass to {@code spendgate spend --format}. */
    String id();

    /** One line for the {@code --format} help. */
    String description();

    void render(SpendReport report, Appendable out) throws IOException;
}
