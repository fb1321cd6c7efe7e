package dev.spendgate.yaml;

import dev.spendgate.input.DisplayPath;
import dev.spendgate.input.Problem;
import dev.spendgate.input.Skipped;
import dev.spendgate.input.SourceLocation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds YAML files ({@code *.yaml}, {@code *.yml}) under the paths a user gave, in a fixed order,
 * and names each as a user reads it: relative to the working directory, with forward slashes.
 */
public final class YamlFiles {

    /** Directories never searched: version control, build output, dependencies. */
    public static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", "target", "node_modules");

    /**
     * One file found.
     *
     * @param display  its name in locations and messages: relative to the working directory when
     *                 it is inside it, forward slashes
     * @param explicit true when the user named the file itself, false when it was found in a folder
     */
    public record Found(Path path, String display, boolean explicit) {
    }

    private YamlFiles() {
    }

    /**
     * The YAML files at or under each of {@code paths} (resolved against {@code workDir}): a file is
     * taken as it is, whatever its name; a folder is searched recursively, skipping
     * {@link #SKIPPED_DIRECTORIES} and symbolic links to folders. Files are sorted by display name
     * within each given path, and a file found twice is listed once. A path that does not exist
     * adds a problem.
     */
    public static List<Found> discover(Path workDir, List<String> paths, List<Problem> problems) {
        return discover(workDir, paths, problems, null);
    }

    /**
     * As {@link #discover(Path, List, List)}; the links in a folder that lead to no file (dangling,
     * a loop) or to a folder are added to {@code skipped}, or, when it is null, to
     * {@code problems}: never passed over without a word.
     */
    public static List<Found> discover(Path workDir, List<String> paths, List<Problem> problems, List<Skipped> skipped) {
        Path base = workDir.toAbsolutePath().normalize();
        List<Found> out = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (String given : paths) {
            Path p = base.resolve(given).normalize();
            if (Files.isRegularFile(p)) {
                if (seen.add(p)) {
                    out.add(new Found(p, displayGiven(given), true));
                }
            } else if (Files.isDirectory(p)) {
                List<Found> inside = new ArrayList<>();
                for (Path f : walk(p, problems, base, skipped)) {
                    if (seen.add(f)) {
                        // named as the user would: the path given, then the way down from it
                        inside.add(new Found(f, child(displayGiven(given), p.relativize(f).toString()), false));
                    }
                }
                inside.sort(Comparator.comparing(Found::display));
                out.addAll(inside);
            } else {
                problems.add(new Problem(new SourceLocation(displayGiven(given), 1, 1),
                        Files.exists(p) ? "not a file or folder" : "no such file or folder"));
            }
        }
        return out;
    }

    /**
     * The YAML files at or under {@code path}, named from {@code display} (the name of
     * {@code path} itself): {@code path} itself when it is a file, else its files found as
     * {@link #discover(Path, List, List)} does. A path that does not exist adds a problem at
     * {@code at}, or at {@code display} when {@code at} is null, prefixed with {@code where}.
     */
    public static List<Found> discover(Path path, String display, SourceLocation at, String where,
                                       List<Problem> problems) {
        Path p = path.toAbsolutePath().normalize();
        if (Files.isRegularFile(p)) {
            return List.of(new Found(p, display, true));
        }
        if (!Files.isDirectory(p)) {
            problems.add(new Problem(at != null ? at : new SourceLocation(display, 1, 1),
                    (where.isEmpty() ? "" : where + ": ") + "no such file or folder " + display));
            return List.of();
        }
        List<Found> out = new ArrayList<>();
        for (Path f : walk(p, problems, p, null)) {
            out.add(new Found(f, child(display, p.relativize(f).toString()), false));
        }
        out.sort(Comparator.comparing(Found::display));
        return out;
    }

    /** True for {@code *.yaml} and {@code *.yml}, in any case. */
    public static boolean isYaml(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".yaml") || n.endsWith(".yml");
    }

    /** {@code file} named relative to {@code base} when inside it, with forward slashes. */
    public static String display(Path base, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path b = base.toAbsolutePath().normalize();
        String s = abs.startsWith(b) ? b.relativize(abs).toString() : abs.toString();
        return s.isEmpty() ? "." : DisplayPath.of(s).text();
    }

    /**
     * The display name of {@code relative} resolved against the folder named {@code folderDisplay}:
     * {@code child(".spendgate", "./packs/acme")} is {@code .spendgate/packs/acme}.
     */
    public static String child(String folderDisplay, String relative) {
        Path folder = Path.of(folderDisplay.isEmpty() ? "." : folderDisplay);
        String s = DisplayPath.of(folder.resolve(relative).normalize()).text();
        return s.isEmpty() ? "." : s;
    }

    /** The display name of the folder holding the file named {@code fileDisplay}. */
    public static String parent(String fileDisplay) {
        Path parent = Path.of(fileDisplay).getParent();
        return parent == null ? "." : DisplayPath.of(parent).text();
    }

    private static String displayGiven(String given) {
        String s = DisplayPath.of(given).text();
        return s.isEmpty() ? "." : s;
    }

    private static List<Path> walk(Path dir, List<Problem> problems, Path base, List<Skipped> skipped) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return !d.equals(dir) && SKIPPED_DIRECTORIES.contains(d.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    if (attrs.isSymbolicLink()) {
                        String why = brokenLink(f);
                        if (why != null && (isYaml(f) || why.startsWith("symbolic link to a folder"))) {
                            skip(f, why);
                            return FileVisitResult.CONTINUE;
                        }
                    }
                    if ((attrs.isRegularFile() || attrs.isSymbolicLink() && Files.isRegularFile(f)) && isYaml(f)) {
                        files.add(f.normalize());
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    problems.add(new Problem(new SourceLocation(display(base, f), 1, 1),
                            "cannot read: " + e.getClass().getSimpleName()));
                    return FileVisitResult.CONTINUE;
                }

                private void skip(Path f, String why) {
                    String name = display(base, f);
                    if (skipped != null) {
                        skipped.add(new Skipped(name, why));
                    } else {
                        problems.add(new Problem(new SourceLocation(name, 1, 1), why));
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the visitor handles every failure itself
        }
        return files;
    }

    /** Why the link {@code f} leads to no file (null when it leads to one). */
    static String brokenLink(Path f) {
        try {
            Path real = f.toRealPath();
            return Files.isDirectory(real) ? "symbolic link to a folder, not followed" : null;
        } catch (NoSuchFileException e) {
            return "dangling symbolic link (its target does not exist)";
        } catch (FileSystemException e) {
            String m = String.valueOf(e.getReason());
            return m.contains("levels of symbolic links") || m.contains("loop")
                    ? "symbolic link loop" : "symbolic link cannot be followed: " + m;
        } catch (IOException e) {
            return "symbolic link cannot be followed: " + e.getClass().getSimpleName();
        }
    }
}
