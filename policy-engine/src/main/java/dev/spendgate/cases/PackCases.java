package dev.spendgate.cases;

import dev.spendgate.gate.InvalidInputException;
import dev.spendgate.gate.Problem;
import dev.spendgate.manifest.SourceLocation;
import dev.spendgate.policy.PackLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** Finds a pack's case files: in a pack folder, or among the shipped packs' resources. */
public final class PackCases {

    /** A case file's name in messages and its bytes. */
    public record CaseFile(String display, byte[] bytes) {
    }

    private PackCases() {
    }

    /** The {@code cases/*.yaml} of a pack folder, sorted by name. */
    public static List<CaseFile> inFolder(Path packDir, String display) throws InvalidInputException {
        Path dir = packDir.resolve("cases");
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(List.of(new Problem(new SourceLocation(display, 1, 1),
                    "pack has no cases/ folder")));
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> sorted = files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().toList();
            List<CaseFile> out = new ArrayList<>();
            for (Path p : sorted) {
                out.add(new CaseFile(display + "/cases/" + p.getFileName(), Files.readAllBytes(p)));
            }
            return out;
        } catch (IOException e) {
            throw new InvalidInputException(List.of(new Problem(new SourceLocation(display + "/cases", 1, 1),
                    "cannot read: " + e.getMessage())));
        }
    }

    /** The case files of shipped pack {@code id}, listed from the jar or folder that holds them. */
    public static List<CaseFile> shipped(String id) {
        String prefix = PackLoader.RESOURCE_ROOT + id + "/cases/";
        ClassLoader loader = PackCases.class.getClassLoader();
        URL url = loader.getResource(PackLoader.RESOURCE_ROOT + id + "/pack.yaml");
        if (url == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try {
            if (url.getProtocol().equals("jar")) {
                JarURLConnection connection = (JarURLConnection) url.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    Enumeration<JarEntry> entries = jar.entries();
                    for (JarEntry e : Collections.list(entries)) {
                        String n = e.getName();
                        if (n.startsWith(prefix) && !e.isDirectory() && (n.endsWith(".yaml") || n.endsWith(".yml"))) {
                            names.add(n.substring(prefix.length()));
                        }
                    }
                }
            } else {
                Path dir = Path.of(url.toURI()).getParent().resolve("cases");
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> files = Files.list(dir)) {
                        files.map(p -> p.getFileName().toString())
                                .filter(n -> n.endsWith(".yaml") || n.endsWith(".yml"))
                                .forEach(names::add);
                    }
                }
            }
            Collections.sort(names);
            List<CaseFile> out = new ArrayList<>();
            for (String n : names) {
                try (InputStream in = loader.getResourceAsStream(prefix + n)) {
                    out.add(new CaseFile(id + "/cases/" + n, in.readAllBytes()));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
