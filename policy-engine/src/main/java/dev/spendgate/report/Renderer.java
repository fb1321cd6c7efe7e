package dev.spendgate.report;

import dev.spendgate.gate.GateReport;

import java.io.IOException;

/**
 * Writes a {@link GateReport} in one format. Implementations are found with
 * {@link java.util.ServiceLoader}; each renders the same findings in the same order, and the same
 * report always to the same bytes.
 */
public interface Renderer {

    /** The name users pass to {@code --format}. */
    String id();

    /** One line for the {@code --format} help. */
    String description();

    void render(GateReport report, Appendable out) throws IOException;
}
