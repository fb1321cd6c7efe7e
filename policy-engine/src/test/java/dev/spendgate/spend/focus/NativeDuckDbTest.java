package dev.spendgate.spend.focus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DuckDB's native library, extracted once into the user cache and checked by its CRC-32. */
class NativeDuckDbTest {

    @TempDir
    Path cache;

    private static URL library() throws Exception {
        ClassLoader home = Class.forName("org.duckdb.DuckDBDriver", false, NativeDuckDbTest.class.getClassLoader())
                .getClassLoader();
        URL url = home.getResource(NativeDuckDb.resourceName());
        assertNotNull(url, "DuckDB's jar has no library for this platform");
        return url;
    }

    @Test
    void isExtractedOnceAndThenReusedAsItIs() throws Exception {
        Path file = NativeDuckDb.cached(library(), cache);
        assertTrue(file.startsWith(cache), file.toString());
        assertTrue(file.getParent().getFileName().toString().matches("duckdb-[0-9a-f]{8}-[0-9]+"), file.toString());
        FileTime written = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(file, written);
        assertEquals(file, NativeDuckDb.cached(library(), cache));
        assertEquals(written, Files.getLastModifiedTime(file), "a library that checks out is not written again");
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of(file.getFileName().toString(), file.getFileName() + ".checked"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary file is left behind");
        }
    }

    @Test
    void aDamagedCopyIsReplaced() throws Exception {
        Path file = NativeDuckDb.cached(library(), cache);
        long size = Files.size(file);
        byte[] zeros = new byte[4096];
        try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(zeros), size / 2);
        }
        FileTime damaged = Files.getLastModifiedTime(file);
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000_000_000L));
        assertEquals(file, NativeDuckDb.cached(library(), cache));
        assertNotEquals(FileTime.fromMillis(1_000_000_000_000L), Files.getLastModifiedTime(file));
        assertEquals(size, Files.size(file));
        assertNotNull(damaged);
    }

    @Test
    void theDriverRunsQueriesWithTheCachedLibrary() throws Exception {
        Driver driver = NativeDuckDb.driver(Map.of("SPENDGATE_CACHE_DIR", cache.toString()));
        try (Connection c = driver.connect("jdbc:duckdb:", new Properties()); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT 6 * 7")) {
            r.next();
            assertEquals(42, r.getInt(1));
        }
        assertEquals("spendgate-duckdb", driver.getClass().getClassLoader().getName());
        // the process maps the library from a cache folder, not from a copy unpacked to a temporary file
        String maps = Files.readString(Path.of("/proc/self/maps"));
        assertTrue(maps.lines().anyMatch(l -> l.matches(".*/native/duckdb-[0-9a-f]{8}-[0-9]+/libduckdb_java\\.so$")),
                "no cached libduckdb_java.so is mapped");
    }
}
