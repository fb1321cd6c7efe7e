package dev.spendgate.cost;

import dev.spendgate.input.DisplayPath;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a price file comes from: a file, or an {@code http://} / {@code https://} URL that
 * {@link PriceFetcher} reads through the user cache. Either names its format the same way: a name
 * (a URL's path) ending in {@code .json} is a LiteLLM file, anything else a spendgate catalog.
 */
public sealed interface PriceSource permits PriceSource.File, PriceSource.Url {

    /** How messages and reports name the source: the path as given, or the URL without credentials or query. */
    String display();

    /** True when the source is read as a LiteLLM file: its name (a URL's path) ends in {@code .json}. */
    boolean liteLlm();

    /** A price file on disk, relative paths resolved against the run's work folder. */
    record File(Path path) implements PriceSource {
        public File {
            Objects.requireNonNull(path, "path == null");
        }

        @Override
        public String display() {
            return DisplayPath.of(path).text();
        }

        @Override
        public boolean liteLlm() {
            return PriceFiles.isLiteLlm(display());
        }
    }

    /** A price file served over HTTP(S). */
    record Url(URI uri) implements PriceSource {
        public Url {
            Objects.requireNonNull(uri, "uri == null");
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL with a host: " + display(uri));
            }
        }

        /**
         * {@code https://host/path}: never the user-info or the query, which can carry a token; a
         * query left out is shown as {@code ?…}.
         */
        @Override
        public String display() {
            return display(uri);
        }

        @Override
        public boolean liteLlm() {
            return uri.getPath() != null && PriceFiles.isLiteLlm(uri.getPath());
        }

        private static String display(URI uri) {
            StringBuilder b = new StringBuilder();
            b.append(uri.getScheme()).append("://").append(uri.getHost() == null ? "" : uri.getHost());
            if (uri.getPort() >= 0) {
                b.append(':').append(uri.getPort());
            }
            b.append(uri.getRawPath() == null ? "" : uri.getRawPath());
            if (uri.getRawQuery() != null) {
                b.append("?…");
            }
            return b.toString();
        }
    }

    /** A file path, or a URL when {@code text} starts with {@code http://} or {@code https://}. */
    static PriceSource parse(String text) {
        Objects.requireNonNull(text, "text == null");
        String lower = text.strip().toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            try {
                return new Url(new URI(text.strip()));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("not a URL: " + e.getReason() + " at index " + e.getIndex());
            }
        }
        return new File(Path.of(text));
    }

    static PriceSource file(Path path) {
        return new File(path);
    }
}
