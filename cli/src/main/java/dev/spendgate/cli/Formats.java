package dev.spendgate.cli;

import dev.spendgate.report.Renderer;
import dev.spendgate.report.Renderers;

import java.util.Iterator;

/** The {@code --format} values, from the renderer registry. */
final class Formats implements Iterable<String> {

    @Override
    public Iterator<String> iterator() {
        return Renderers.ids().iterator();
    }

    static Renderer renderer(String id) throws UsageException {
        return Renderers.find(id).orElseThrow(() -> new UsageException(
                "--format: unknown format '" + id + "' (choose from " + String.join(", ", Renderers.ids()) + ")"));
    }
}
