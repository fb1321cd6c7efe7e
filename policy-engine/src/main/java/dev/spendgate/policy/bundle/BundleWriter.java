package dev.spendgate.policy.bundle;

import dev.spendgate.error.InvalidInputException;
import dev.spendgate.input.Problem;
import dev.spendgate.input.SourceLocation;
import dev.spendgate.policy.Pack;
import dev.spendgate.policy.ShippedFiles;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * Writes an OPA bundle ({@code .tar.gz}) of packs, for {@code opa run --server --bundle} or an OPA
 * fleet's bundle service: a {@code .manifest} with the revision and the root {@code spendgate},
 * the decision module {@code spendgate/decision.rego}, each pack's Rego (tests left out) under
 * {@code spendgate/packs/<id>/}, and {@code spendgate/meta/data.json} naming the packs and their
 * versions, which the OPA engine checks before it trusts the server. The same packs give the
 * same bytes.
 */
public final class BundleWriter {

    /** Where the decision module is, in the jar and in every bundle. */
    /** The engine whose sources a pack's Rego is ({@code opa}): what an OPA bundle carries. */
    private static final String REGO_ENGINE = "opa";
    static final String DECISION_RESOURCE = "dev/spendgate/policy/bundle/decision.rego";
    static final String DECISION_FILE = "spendgate/decision.rego";
    static final String META_FILE = "spendgate/meta/data.json";

    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+(\\S+)");

    /** What a bundle holds: its revision, and its files in archive order. */
    public record Bundle(String revision, List<String> files) {
        public Bundle {
            files = List.copyOf(files);
        }
    }

    private BundleWriter() {
    }

    /**
     * Writes the bundle of {@code packs} to {@code out} (which it does not close).
     *
     * @param revision the bundle's revision, or null for one made of the pack ids, versions and a
     *                 hash of the contents
     * @throws InvalidInputException when a pack has no Rego, or Rego outside its package
     */
    public static Bundle write(List<Pack> packs, String revision, OutputStream out) throws InvalidInputException, IOException {
        Map<String, byte[]> files = new TreeMap<>();
        files.put(DECISION_FILE, decisionModule());
        List<Problem> problems = new ArrayList<>();
        for (Pack pack : packs) {
            Map<String, String> rego = rego(pack);
            String where = pack.shipped() ? "shipped:" + pack.id() + "/rego" : pack.origin() + "/rego";
            if (rego.isEmpty()) {
                problems.add(new Problem(new SourceLocation(where, 1, 1), "pack " + pack.id()
                        + " has no Rego (rego/*.rego), so it cannot run on OPA"));
            }
            rego.forEach((name, text) -> {
                checkPackage(pack, where + "/" + name, text, problems);
                files.put("spendgate/packs/" + pack.id() + "/" + name, text.getBytes(StandardCharsets.UTF_8));
            });
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        String rev = revision != null && !revision.isBlank() ? revision.strip() : defaultRevision(packs, files);
        files.put(META_FILE, json(metaJson(packs, rev)));

        Map<String, byte[]> ordered = new LinkedHashMap<>();
        ordered.put(".manifest", json(manifestJson(packs, rev)));
        ordered.putAll(files);
        GZIPOutputStream gzip = new GZIPOutputStream(new NonClosing(out), 1 << 16);
        try (Tar tar = new Tar(gzip)) {
            for (Map.Entry<String, byte[]> e : ordered.entrySet()) {
                tar.add(e.getKey(), e.getValue());
            }
        }
        gzip.finish();
        gzip.flush();
        return new Bundle(rev, new ArrayList<>(ordered.keySet()));
    }

    /**
     * The modules a bundle of {@code packs} holds, by path in the bundle: the decision module and
     * each pack's Rego, tests left out; what a server serving that bundle must have, byte for byte.
     */
    public static Map<String, byte[]> modules(List<Pack> packs) {
        Map<String, byte[]> files = new TreeMap<>();
        files.put(DECISION_FILE, decisionModule());
        for (Pack pack : packs) {
            rego(pack).forEach((name, text) -> files.put("spendgate/packs/" + pack.id() + "/" + name,
                    text.getBytes(StandardCharsets.UTF_8)));
        }
        return files;
    }

    /** The revision {@link #write} gives a bundle of {@code packs} when it is not named. */
    public static String defaultRevision(List<Pack> packs) {
        return defaultRevision(packs, modules(packs));
    }

    /** The Rego of {@code pack} (file name to text), tests left out: from its folder or from the jar. */
    static Map<String, String> rego(Pack pack) {
        if (!pack.shipped()) {
            return new TreeMap<>(pack.sources().getOrDefault(REGO_ENGINE, Map.of()));
        }
        Map<String, String> out = new TreeMap<>();
        ShippedFiles.list(BundleWriter.class.getClassLoader(), pack.id(), "rego",
                        n -> n.endsWith(".rego") && !n.endsWith("_test.rego"))
                .forEach((name, bytes) -> out.put(name, new String(bytes, StandardCharsets.UTF_8)));
        return out;
    }

    static byte[] decisionModule() {
        try (InputStream in = BundleWriter.class.getClassLoader().getResourceAsStream(DECISION_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DECISION_RESOURCE + " is missing from the spendgate jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A pack's Rego must be in {@code spendgate.packs.<id>} (or below it), or the bundle would mix packs. */
    private static void checkPackage(Pack pack, String file, String text, List<Problem> problems) {
        Matcher m = PACKAGE.matcher(text);
        if (!m.find()) {
            problems.add(new Problem(new SourceLocation(file, 1, 1), "no package declaration"));
            return;
        }
        String name = m.group(1);
        String dotted = "spendgate.packs." + pack.id();
        String quoted = "spendgate.packs[\"" + pack.id() + "\"]";
        boolean ok = false;
        for (String expected : new String[] {dotted, quoted}) {
            if (name.equals(expected) || name.startsWith(expected + ".") || name.startsWith(expected + "[")) {
                ok = true;
            }
        }
        if (!ok) {
            int line = (int) text.substring(0, m.start(1)).chars().filter(c -> c == '\n').count() + 1;
            problems.add(new Problem(new SourceLocation(file, line, 1), "package " + name + " is not "
                    + (pack.id().matches("[a-z0-9_]+") ? dotted : quoted) + ", the package of pack " + pack.id()));
        }
    }

    private static String defaultRevision(List<Pack> packs, Map<String, byte[]> files) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        List<String> ids = new ArrayList<>();
        for (Pack p : packs) {
            ids.add(p.id() + "@" + p.version());
            sha.update((p.id() + "@" + p.version() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        files.forEach((name, bytes) -> {
            sha.update((name + "\n" + bytes.length + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(bytes);
        });
        return String.join("+", ids) + "-" + HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    }

    private static JsonObjectBuilder metaJson(List<Pack> packs, String revision) {
        JsonObjectBuilder byId = Json.createObjectBuilder();
        for (Pack p : packs) {
            byId.add(p.id(), Json.createObjectBuilder().add("version", p.version()));
        }
        return Json.createObjectBuilder().add("packs", byId).add("revision", revision);
    }

    private static JsonObjectBuilder manifestJson(List<Pack> packs, String revision) {
        JsonArrayBuilder ids = Json.createArrayBuilder();
        packs.forEach(p -> ids.add(p.id() + "@" + p.version()));
        return Json.createObjectBuilder()
                .add("revision", revision)
                .add("roots", Json.createArrayBuilder().add("spendgate"))
                .add("metadata", Json.createObjectBuilder().add("spendgate", Json.createObjectBuilder().add("packs", ids)));
    }

    private static byte[] json(JsonObjectBuilder object) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var w = Json.createWriter(out)) {
            w.writeObject(object.build());
        }
        out.write('\n');
        return out.toByteArray();
    }

    /** Lets the gzip stream finish without closing the caller's stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
