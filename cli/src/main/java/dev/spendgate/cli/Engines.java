package dev.spendgate.cli;

import dev.spendgate.engine.PolicyEngines;

/**
 * The {@code --engine} values: the engines on the class path, offered by shell completion and
 * checked by {@link #require}.
 */
final class Engines implements Iterable<String> {

    @Override
    public java.util.Iterator<String> iterator() {
        return PolicyEngines.ids().iterator();
    }

    static void require(String id) throws UsageException {
        if (PolicyEngines.find(id).isEmpty()) {
            throw new UsageException("--engine: unknown engine '" + id + "' (available: "
                    + String.join(", ", PolicyEngines.ids()) + ")");
        }
    }
}
