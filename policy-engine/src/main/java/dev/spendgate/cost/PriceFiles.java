package dev.spendgate.cost;

import dev.spendgate.error.InvalidInputException;
import dev.spendgate.input.DisplayPath;
import dev.spendgate.input.Problem;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The price files a run is given ({@code --prices FILE}, repeatable), read by their name: a
 * {@code .json} file is a LiteLLM price file ({@link LiteLlmPriceLoader}), any other (normally
 * {@code .yaml} or {@code .yml}) a spendgate price catalog ({@link PriceCatalogLoader}).
 */
public final class PriceFiles {

    private PriceFiles() {
    }

    /** True when {@code name} (a path or display name) is read as a LiteLLM file. */
    public static boolean isLiteLlm(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".json");
    }

    /** Reads the price file {@code file}, named {@code display} in messages. */
    public static PriceCatalog read(Path file, String display) throws InvalidInputException {
        return isLiteLlm(display) ? new LiteLlmPriceLoader().load(file, display)
                : new PriceCatalogLoader().load(file, display);
    }

    /** Reads a price file given as bytes, of the kind its name {@code display} says. */
    public static PriceCatalog read(String display, byte[] bytes) throws InvalidInputException {
        return isLiteLlm(display) ? new LiteLlmPriceLoader().load(display, bytes)
                : new PriceCatalogLoader().load(display, bytes);
    }

    /** Reads a price file given as bytes, a LiteLLM file when {@code liteLlm}, else a spendgate catalog. */
    static PriceCatalog read(String display, boolean liteLlm, byte[] bytes) throws InvalidInputException {
        return liteLlm ? new LiteLlmPriceLoader().load(display, bytes) : new PriceCatalogLoader().load(display, bytes);
    }

    /**
     * The shipped catalog with {@code files} laid over it in the order given, so a later file wins
     * ({@link PriceCatalog#overlay}). Relative paths are resolved against {@code workDir} and named
     * in messages as given.
     *
     * @throws InvalidInputException with every problem of every file
     */
    public static PriceCatalog overShipped(List<Path> files, Path workDir) throws InvalidInputException {
        try {
            return over(files.stream().map(PriceSource::file).toList(), workDir, null);
        } catch (InvalidInputException e) {
            throw e;
        } catch (dev.spendgate.error.SpendgateException e) {
            throw new IllegalStateException(e); // files only: nothing is fetched
        }
    }

    /**
     * The shipped catalog with {@code sources} laid over it in the order given, so a later one wins:
     * files read from disk (relative paths resolved against {@code workDir}), URLs through
     * {@code fetcher}, which may be null when there are none.
     *
     * @throws InvalidInputException with every problem of every file
     * @throws dev.spendgate.error.SpendgateException {@code prices_unreachable} from {@code fetcher}
     */
    public static PriceCatalog over(List<PriceSource> sources, Path workDir, PriceFetcher fetcher)
            throws dev.spendgate.error.SpendgateException {
        Objects.requireNonNull(workDir, "workDir == null");
        PriceCatalog catalog = PriceCatalog.shipped();
        List<Problem> problems = new ArrayList<>();
        for (PriceSource source : sources) {
            try {
                if (source instanceof PriceSource.Url u) {
                    catalog = catalog.overlay(Objects.requireNonNull(fetcher, "a URL needs a fetcher").load(u));
                } else {
                    PriceSource.File f = (PriceSource.File) source;
                    catalog = catalog.overlay(read(workDir.resolve(f.path()), f.display()));
                }
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return catalog;
    }

    /** A path as users wrote it, with forward slashes. */
    static String display(Path path) {
        return DisplayPath.of(path).text();
    }
}
