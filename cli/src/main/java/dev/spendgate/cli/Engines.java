package dev.spendgate.cli;

import dev.spendgate.engine.PolicyEngines;

/** Checks {@code --engine} against the engines on the class path. */
final class Engines {

    private Engines() {
    }

    static void require(String id) throws UsageException {
        if (PolicyEngines.find(id).isEmpty()) {
            throw new UsageException("--engine: unknown engine '" + id + "' (available: "
                    + String.join(", ", PolicyEngines.ids()) + ")");
        }
    }
}
