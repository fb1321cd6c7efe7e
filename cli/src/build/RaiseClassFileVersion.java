import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Build step of the CLI (run by cli/pom.xml after the shade plugin, with ASM on the class path):
 * rewrites the class files of one package of a jar that are older than Java 6 to class-file
 * version 52 (Java 8), with stack map frames computed by ASM, and leaves every other entry as it
 * is, in its order.
 *
 * <p>Why: picocli is compiled for Java 5, and the JVM's class-data sharing (a CDS archive on JDK
 * 17, an AOT cache on JDK 25) refuses class files older than version 50, so each run of the CLI
 * would load, parse and verify its classes again. Raising the version changes no instruction: the
 * methods, their bytecode and the constant pools' meaning stay the same, only the frames the
 * newer verifier needs are added.
 *
 * <p>Usage: {@code java -cp asm.jar RaiseClassFileVersion.java JAR PACKAGE_PREFIX} (e.g.
 * {@code picocli/}); the jar is replaced in place. Prints how many classes it rewrote, and fails
 * (exit 1) when it rewrote none, so that a picocli upgrade that moves its classes is noticed.
 */
public final class RaiseClassFileVersion {

    private static final int TARGET = Opcodes.V1_8;

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: RaiseClassFileVersion JAR PACKAGE_PREFIX");
            System.exit(2);
        }
        Path jar = Path.of(args[0]);
        String prefix = args[1];
        Path out = jar.resolveSibling(jar.getFileName() + ".tmp");
        int rewritten = 0;
        try (ZipFile in = new ZipFile(jar.toFile());
             URLClassLoader hierarchy = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                     ClassLoader.getPlatformClassLoader());
             OutputStream os = Files.newOutputStream(out);
             ZipOutputStream zip = new ZipOutputStream(os)) {
            for (Enumeration<? extends ZipEntry> entries = in.entries(); entries.hasMoreElements(); ) {
                ZipEntry e = entries.nextElement();
                byte[] bytes;
                try (InputStream is = in.getInputStream(e)) {
                    bytes = is.readAllBytes();
                }
                if (e.getName().startsWith(prefix) && e.getName().endsWith(".class") && version(bytes) < Opcodes.V1_6) {
                    bytes = raise(bytes, hierarchy);
                    rewritten++;
                }
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTime(e.getTime());
                copy.setMethod(e.getMethod());
                if (e.getMethod() == ZipEntry.STORED) {
                    CRC32 crc = new CRC32();
                    crc.update(bytes);
                    copy.setSize(bytes.length);
                    copy.setCompressedSize(bytes.length);
                    copy.setCrc(crc.getValue());
                }
                zip.putNextEntry(copy);
                zip.write(bytes);
                zip.closeEntry();
            }
        }
        if (rewritten == 0) {
            Files.delete(out);
            System.err.println("RaiseClassFileVersion: no class file under " + prefix + " older than Java 6 in " + jar);
            System.exit(1);
        }
        Files.move(out, jar, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("RaiseClassFileVersion: " + rewritten + " class files under " + prefix + " raised to version "
                + TARGET + " with stack map frames in " + jar.getFileName());
    }

    /** The major version of a class file. */
    private static int version(byte[] classFile) {
        return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
    }

    private static byte[] raise(byte[] classFile, ClassLoader hierarchy) {
        ClassReader reader = new ClassReader(classFile);
        // frames are computed from scratch; the common super class of two types is looked up in
        // the jar itself (without initialising anything), never in this tool's class path
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected ClassLoader getClassLoader() {
                return hierarchy;
            }
        };
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                super.visit(TARGET, access, name, signature, superName, interfaces);
            }
        }, ClassReader.SKIP_FRAMES);
        return writer.toByteArray();
    }
}
