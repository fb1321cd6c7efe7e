package dev.spendgate.input;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where spendgate caches what it fetches (policy repositories, price files by URL):
 * {@code $SPENDGATE_CACHE_DIR/NAME}, else {@code $XDG_CACHE_HOME/spendgate/NAME}, else
 * {@code ~/.cache/spendgate/NAME}.
 */
public final class UserCache {

    private UserCache() {
    }

    /** The cache folder {@code name} under the environment {@code env} (the process's, or a test's). */
    public static Path folder(Map<String, String> env, String name) {
        Objects.requireNonNull(env, "env == null");
        Objects.requireNonNull(name, "name == null");
        String own = env.get("SPENDGATE_CACHE_DIR");
        if (own != null && !own.isBlank()) {
            return Path.of(own, name);
        }
        String xdg = env.get("XDG_CACHE_HOME");
        Path root = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return root.resolve("spendgate").resolve(name);
    }
}
