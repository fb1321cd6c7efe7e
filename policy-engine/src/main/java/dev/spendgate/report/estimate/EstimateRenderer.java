package dev.spendgate.report.estimate;

import java.io.IOException;

/**
 * Writes an {@link EstimateReport} in one format. Implementations are found with
 * {@link java.util.ServiceLoader} (see {@link EstimateRenderers}); they are stateless, and the same
 * report always gives the same bytes.
 */
public interface EstimateRenderer {

    /** The name users pass to {@code spendgate estimate --format}. */
    String id();

    /** One line for the {@code --format} help. */
    String description();

    void render(EstimateReport report, Appendable out) throws IOException;
}
