package dev.spendgate.cost;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The files under {@code src/test/resources/cost}, as paths. */
final class Fixtures {

    private Fixtures() {
    }

    static Path path(String name) {
        URL url = Fixtures.class.getResource("/cost/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no test resource cost/" + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
