package dev.spendgate.cli;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where spendgate caches what it fetches (policy repositories): {@code $SPENDGATE_CACHE_DIR/NAME},
 * else {@code $XDG_CACHE_HOME/spendgate/NAME}, else {@code ~/.cache/spendgate/NAME}.
 */
final class UserCache {

    private UserCache() {
    }

    static Path folder(Map<String, String> env, String name) {
        String own = env.get("SPENDGATE_CACHE_DIR");
        if (own != null && !own.isBlank()) {
            return Path.of(own, name);
        }
        String xdg = env.get("XDG_CACHE_HOME");
        Path root = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return root.resolve("spendgate").resolve(name);
    }
}
