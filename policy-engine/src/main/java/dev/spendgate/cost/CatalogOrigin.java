package dev.spendgate.cost;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One price file that went into a {@link PriceCatalog}: the shipped catalog, a user's catalog, or a
 * LiteLLM price file.
 *
 * @param version as written, or null when the file gives none
 * @param asOf    the date of the prices, or null when the file gives none (a LiteLLM file)
 * @param file    where it was read from, as displayed in messages
 * @param notes   what reading the file left out, e.g. {@code 3 entries skipped: ...}; said in reports
 */
public record CatalogOrigin(String name, String version, LocalDate asOf, String file, List<String> sources,
                            Format format, List<String> notes) {

    /** The kind of file the prices were read from. */
    public enum Format {
        /** A spendgate {@code PriceCatalog} YAML file. */
        SPENDGATE("spendgate"),
        /** A LiteLLM {@code model_prices_and_context_window.json} file. */
        LITELLM("litellm");

        private final String wireName;

        Format(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public CatalogOrigin {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(file, "file == null");
        Objects.requireNonNull(format, "format == null");
        sources = List.copyOf(sources);
        notes = List.copyOf(notes);
    }

    /** A dated spendgate catalog file, with nothing left out. */
    public CatalogOrigin(String name, String version, LocalDate asOf, String file, List<String> sources) {
        this(name, version, Objects.requireNonNull(asOf, "asOf == null"), file, sources, Format.SPENDGATE, List.of());
    }

    /** {@code spendgate-default 2026.11.0, 2026-11-01}, or {@code LiteLLM, undated}: what reports say of the file. */
    public String describe() {
        if (format == Format.LITELLM) {
            return "LiteLLM, undated";
        }
        return name + (version == null ? "" : " " + version) + ", " + (asOf == null ? "undated" : asOf);
    }

    // equals and hashCode by hand, as a record's would be: the record's own are linked through
    // invokedynamic on their first call, which every run pays (PriceCatalog.originsInUse) at its start

    @Override
    public boolean equals(Object o) {
        return o instanceof CatalogOrigin c && name.equals(c.name) && Objects.equals(version, c.version)
                && Objects.equals(asOf, c.asOf) && file.equals(c.file) && sources.equals(c.sources) && format == c.format
                && notes.equals(c.notes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, version, asOf, file, sources, format, notes);
    }
}
