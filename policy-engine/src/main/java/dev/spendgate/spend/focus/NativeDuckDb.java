package dev.spendgate.spend.focus;

import dev.spendgate.input.UserCache;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Driver;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.zip.CRC32;

/**
 * DuckDB's JDBC driver with its native library taken from the user cache rather than unpacked from
 * the jar on every run (some 70 MB, a third of a second). The library is extracted once into
 * {@code <user cache>/native/duckdb-<crc32>-<size>/}, named by the CRC-32 and size the jar records
 * for it, and checked against that CRC-32 when it is written; a {@code .checked} file beside it
 * records the size and time of last change it had then, and a library that no longer has them is
 * checked again (and extracted again when it does not check out).
 *
 * <p>DuckDB's classes are found through the class loader that has them, whatever it is (spendgate's
 * own jar, or a driver jar beside it on the class path), and defined again in a class loader of
 * this class's own that hides the library's resource (so that DuckDB does not unpack it) and
 * answers {@link ClassLoader#findLibrary} with the cached file. Whenever anything of this fails
 * (no such resource, a read-only cache, a library that does not check out), the driver is DuckDB's
 * own, which unpacks its library as usual.
 */
public final class NativeDuckDb {

    private static final String DRIVER = "org.duckdb.DuckDBDriver";
    private static final String PACKAGE = "org.duckdb.";

    private static Driver driver;

    private NativeDuckDb() {
    }

    /** The driver for {@code jdbc:duckdb:} URLs, the same for the whole process once made. */
    public static synchronized Driver driver(Map<String, String> env) throws ReflectiveOperationException {
        if (driver == null) {
            driver = make(env);
        }
        return driver;
    }

    private static Driver make(Map<String, String> env) throws ReflectiveOperationException {
        ClassLoader home = Class.forName(DRIVER, false, NativeDuckDb.class.getClassLoader()).getClassLoader();
        String resource = resourceName();
        URL library = resource == null ? null : home.getResource(resource);
        Path cached = null;
        if (library != null) {
            try {
                cached = cached(library, UserCache.folder(env, "native"));
            } catch (IOException | RuntimeException e) {
                cached = null;
            }
        }
        ClassLoader loader = cached == null ? home : new CachedLibraryLoader(home, resource, cached);
        return (Driver) Class.forName(DRIVER, true, loader).getConstructor().newInstance();
    }

    /** The resource DuckDB's jar has its library under for this platform, as DuckDB names it; null for none. */
    static String resourceName() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String o = os.startsWith("linux") ? "linux" : os.startsWith("mac") ? "osx" : os.startsWith("windows")
                ? "windows" : null;
        String a = switch (arch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> null;
        };
        if (o == null || a == null) {
            return null;
        }
        return "libduckdb_java.so_" + (o.equals("osx") ? "macos" : o) + "_" + a;
    }

    /**
     * The library extracted under {@code root}, by its CRC-32 and size: extracted now when it is not
     * there (to a temporary file first, moved into place once its CRC-32 checks out), else checked.
     */
    static Path cached(URL library, Path root) throws IOException {
        URLConnection connection = library.openConnection();
        long crc;
        long size;
        if (connection instanceof JarURLConnection jar) {
            jar.setUseCaches(true);
            JarEntry entry = jar.getJarEntry();
            crc = entry.getCrc();
            size = entry.getSize();
        } else {
            // a library outside a jar (a build's classes folder): its CRC-32 is worked out once per run
            try (InputStream in = connection.getInputStream()) {
                CRC32 c = new CRC32();
                byte[] buffer = new byte[1 << 16];
                long n = 0;
                for (int r; (r = in.read(buffer)) > 0; n += r) {
                    c.update(buffer, 0, r);
                }
                crc = c.getValue();
                size = n;
            }
        }
        if (crc < 0 || size <= 0) {
            throw new IOException("the jar records no CRC-32 or size for " + library);
        }
        Path dir = root.resolve(String.format(Locale.ROOT, "duckdb-%08x-%d", crc, size));
        Path file = dir.resolve(System.mapLibraryName("duckdb_java"));
        Path checked = dir.resolve(file.getFileName() + ".checked");
        if (Files.isRegularFile(file) && Files.size(file) == size) {
            // checked before, and the same file since (size and time of the last change): trusted as it is
            if (stamp(file, crc).equals(readQuietly(checked))) {
                return file;
            }
            if (crc(file) == crc) {
                Files.writeString(checked, stamp(file, crc));
                return file;
            }
        }
        Files.createDirectories(dir);
        Path part = Files.createTempFile(dir, "duckdb_java", ".part");
        try {
            CRC32 c = new CRC32();
            try (InputStream in = library.openStream(); OutputStream out = Files.newOutputStream(part)) {
                byte[] buffer = new byte[1 << 16];
                for (int r; (r = in.read(buffer)) > 0; ) {
                    c.update(buffer, 0, r);
                    out.write(buffer, 0, r);
                }
            }
            if (c.getValue() != crc || Files.size(part) != size) {
                throw new IOException("the library extracted from " + library + " does not match its CRC-32");
            }
            try {
                Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.writeString(checked, stamp(file, crc));
            return file;
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** What a file that checked out was: its CRC-32, size and time of last change. */
    private static String stamp(Path file, long crc) throws IOException {
        return String.format(Locale.ROOT, "crc32 %08x size %d modified %d%n", crc, Files.size(file),
                Files.getLastModifiedTime(file).toMillis());
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    private static long crc(Path file) throws IOException {
        CRC32 c = new CRC32();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 20];
            for (int r; (r = in.read(buffer)) > 0; ) {
                c.update(buffer, 0, r);
            }
        }
        return c.getValue();
    }

    /**
     * Defines DuckDB's classes from the bytes of the loader that has them, hides the library's
     * resource and names the cached file as the library {@code duckdb_java}; hides JFR; everything
     * else is its parent's.
     */
    private static final class CachedLibraryLoader extends ClassLoader {
        private static final String JFR = "jdk.jfr.";

        static {
            registerAsParallelCapable();
        }

        private final ClassLoader home;
        private final String resource;
        private final Path library;

        CachedLibraryLoader(ClassLoader home, String resource, Path library) {
            super("spendgate-duckdb", home);
            this.home = home;
            this.resource = resource;
            this.library = library;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith(JFR)) {
                // DuckDB's driver sets up a JFR memory monitor as it loads (an event spendgate never asks
                // for: it is opt-in per connection); finding no JFR it skips it, instead of initialising
                // JFR's hundred classes on every run that reads spend
                throw new ClassNotFoundException(name + " (JFR is not offered to DuckDB)");
            }
            if (!name.startsWith(PACKAGE)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = findClass(name);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            String path = name.replace('.', '/') + ".class";
            try (InputStream in = home.getResourceAsStream(path)) {
                if (in == null) {
                    throw new ClassNotFoundException(name);
                }
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }

        @Override
        public URL getResource(String name) {
            return resource.equals(name) || ("/" + resource).equals(name) ? null : super.getResource(name);
        }

        @Override
        protected String findLibrary(String libname) {
            return "duckdb_java".equals(libname) ? library.toAbsolutePath().toString() : null;
        }
    }
}
