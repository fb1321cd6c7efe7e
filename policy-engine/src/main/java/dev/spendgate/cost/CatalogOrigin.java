package dev.spendgate.cost;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One catalog file that went into a {@link PriceCatalog}: the shipped one, or a user's.
 *
 * @param version as written, or null when the file gives none
 * @param file    where it was read from, as displayed in messages
 */
public record CatalogOrigin(String name, String version, LocalDate asOf, String file, List<String> sources) {

    public CatalogOrigin {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(asOf, "asOf == null");
        Objects.requireNonNull(file, "file == null");
        sources = List.copyOf(sources);
    }
}
