package dev.spendgate.policy;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Lists the files of a shipped pack's folder ({@code cases/}, {@code rego/}) among the resources
 * of the jar or class folder that holds its {@code pack.yaml}: class loaders cannot list a folder.
 */
public final class ShippedFiles {

    private ShippedFiles() {
    }

    /**
     * The files directly in {@code folder} of shipped pack {@code id} whose names {@code accept}
     * takes, by name in name order; empty when the pack or the folder is not there.
     *
     * @throws UncheckedIOException when the jar or folder cannot be read
     */
    public static Map<String, byte[]> list(ClassLoader loader, String id, String folder, Predicate<String> accept) {
        String prefix = PackLoader.RESOURCE_ROOT + id + "/" + folder + "/";
        URL url = loader.getResource(PackLoader.RESOURCE_ROOT + id + "/pack.yaml");
        if (url == null) {
            return Map.of();
        }
        List<String> names = new ArrayList<>();
        try {
            if (url.getProtocol().equals("jar")) {
                JarURLConnection connection = (JarURLConnection) url.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    for (JarEntry e : Collections.list(jar.entries())) {
                        String n = e.getName();
                        if (n.startsWith(prefix) && !e.isDirectory() && n.indexOf('/', prefix.length()) < 0
                                && accept.test(n.substring(prefix.length()))) {
                            names.add(n.substring(prefix.length()));
                        }
                    }
                }
            } else {
                Path dir = Path.of(url.toURI()).getParent().resolve(folder);
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> files = Files.list(dir)) {
                        files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                                .filter(accept).forEach(names::add);
                    }
                }
            }
            Collections.sort(names);
            Map<String, byte[]> out = new LinkedHashMap<>();
            for (String n : names) {
                try (InputStream in = loader.getResourceAsStream(prefix + n)) {
                    if (in != null) {
                        out.put(n, in.readAllBytes());
                    }
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
