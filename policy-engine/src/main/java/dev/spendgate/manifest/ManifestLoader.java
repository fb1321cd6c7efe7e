package dev.spendgate.manifest;

import dev.spendgate.error.InvalidInputException;
import dev.spendgate.input.Problem;
import dev.spendgate.input.SourceLocation;
import dev.spendgate.yaml.Fields;
import dev.spendgate.yaml.YamlDocument;
import dev.spendgate.yaml.YamlFile;
import dev.spendgate.yaml.YamlFiles;
import dev.spendgate.yaml.YamlNode;
import dev.spendgate.yaml.YamlReader;
import dev.spendgate.yaml.YamlTrees;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds, reads and validates workload manifests (DESIGN section 2), reporting every problem of
 * every file at once.
 *
 * <p>Discovery: each given path is a file or a folder searched recursively for {@code *.yaml} and
 * {@code *.yml} (see {@link YamlFiles}). Of each file's documents, those whose {@code apiVersion}
 * is not {@code spendgate.dev/*}, the policy kinds ({@code PolicySet}, {@code Waiver},
 * {@code PriceCatalog}) and empty or non-mapping documents are skipped. A file found in a folder
 * that does not mention {@code spendgate.dev} at all cannot hold a manifest and is not parsed, so
 * Helm templates or CloudFormation files beside the manifests never break the gate; a file named
 * on the command line is always parsed, and any YAML error in it is a problem.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ManifestLoader {

    /** The only manifest apiVersion this version reads. */
    public static final String API_VERSION = ManifestParser.API_VERSION;
    /** Searched when no path is given, if it exists; else the working directory. */
    public static final String DEFAULT_FOLDER = ".spendgate/manifests";

    private static final byte[] MARKER = "spendgate.dev".getBytes(StandardCharsets.US_ASCII);

    private final YamlReader reader;

    public ManifestLoader() {
        this(new YamlReader());
    }

    public ManifestLoader(YamlReader reader) {
        this.reader = Objects.requireNonNull(reader, "reader == null");
    }

    /**
     * What reading found.
     *
     * @param manifests the manifests that are valid, in discovery order
     * @param problems  every problem, sorted by file, line and column
     */
    public record Result(List<Manifest> manifests, List<Problem> problems) {
        public Result {
            manifests = List.copyOf(manifests);
            problems = problems.stream().sorted().toList();
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** The paths searched when none is given: {@code .spendgate/manifests} if present, else {@code .}. */
    public static List<String> defaultPaths(Path workDir) {
        return Files.isDirectory(workDir.resolve(DEFAULT_FOLDER)) ? List.of(DEFAULT_FOLDER) : List.of(".");
    }

    /**
     * The manifests at or under {@code paths} (relative to {@code workDir}; the
     * {@link #defaultPaths} when empty).
     *
     * @throws InvalidInputException with every problem, when any file or manifest does not load
     */
    public List<Manifest> load(Path workDir, List<String> paths) throws InvalidInputException {
        Result r = read(workDir, paths);
        if (!r.ok()) {
            throw new InvalidInputException(r.problems());
        }
        return r.manifests();
    }

    /** Like {@link #load(Path, List)}, but returns the valid manifests beside the problems. */
    public Result read(Path workDir, List<String> paths) {
        List<Problem> problems = new ArrayList<>();
        List<String> given = paths == null || paths.isEmpty() ? defaultPaths(workDir) : paths;
        List<YamlFiles.Found> found = YamlFiles.discover(workDir, given, problems);
        // Files are independent: read and check them on every core, then merge in discovery order
        // so that the result (and the duplicate-name check) is the same as one by one.
        return merge((found.size() > 1 ? found.parallelStream() : found.stream()).map(this::readAndParse).toList(),
                problems);
    }

    /** A YAML file read elsewhere, such as a git revision: its name in messages and its bytes. */
    public record Source(String display, byte[] bytes) {
        public Source {
            Objects.requireNonNull(display, "display == null");
            Objects.requireNonNull(bytes, "bytes == null");
        }
    }

    /**
     * Like {@link #read(Path, List)}, over files given as bytes, as if found in a folder: a file
     * that does not mention {@code spendgate.dev} is skipped.
     */
    public Result read(List<Source> files) {
        return merge((files.size() > 1 ? files.parallelStream() : files.stream())
                .map(f -> parse(indexOf(f.bytes(), f.bytes().length) >= 0 ? reader.read(f.display(), f.bytes()) : null,
                        new ArrayList<>()))
                .toList(), new ArrayList<>());
    }

    private record FileResult(List<Manifest> manifests, List<Problem> problems) {
    }

    /** The files' manifests in order, each name once (a second one is a problem), after {@code problems}. */
    private static Result merge(List<FileResult> results, List<Problem> problems) {
        List<Manifest> manifests = new ArrayList<>();
        Map<String, SourceLocation> names = new HashMap<>();
        for (FileResult r : results) {
            problems.addAll(r.problems());
            for (Manifest m : r.manifests()) {
                if (unique(m, names, problems)) {
                    manifests.add(m);
                }
            }
        }
        return new Result(manifests, problems);
    }

    private FileResult readAndParse(YamlFiles.Found f) {
        List<Problem> problems = new ArrayList<>();
        return parse(readFile(f, problems), problems);
    }

    /** The manifests of {@code file} (null: skipped), after {@code problems} found reading it. */
    private static FileResult parse(YamlFile file, List<Problem> problems) {
        List<Manifest> manifests = new ArrayList<>();
        if (file != null) {
            problems.addAll(file.problems());
            for (YamlDocument doc : file.documents()) {
                Manifest m = document(doc, problems);
                if (m != null) {
                    manifests.add(m);
                }
            }
        }
        return new FileResult(manifests, problems);
    }

    /**
     * The manifest in {@code node}, read elsewhere (a manifest embedded in a pack's test case), with
     * the same checks as a manifest file, except that it is never skipped: its apiVersion must be
     * {@code spendgate.dev/v1} and its kind a workload kind. Its source map has pointers relative to
     * {@code node} and locations in {@code file}.
     *
     * @throws InvalidInputException with every problem
     */
    public Manifest load(YamlNode node, String file, int index) throws InvalidInputException {
        List<Problem> problems = new ArrayList<>();
        Fields root = Fields.of(node, "", node.location(), problems);
        Manifest m = root == null ? null
                : ManifestParser.parse(file, index, root.node(), YamlTrees.sourceMap(file, node), problems);
        if (m == null) {
            throw new InvalidInputException(problems);
        }
        return m;
    }

    /** Reads one file; null when it was found in a folder and cannot hold a manifest. */
    private YamlFile readFile(YamlFiles.Found f, List<Problem> problems) {
        if (f.explicit()) {
            return reader.read(f.path(), f.display());
        }
        try {
            long size = Files.size(f.path());
            if (size > reader.limits().maxBytes()) {
                return mentionsSpendgate(f.path()) ? reader.read(f.path(), f.display()) : null;
            }
            byte[] bytes = Files.readAllBytes(f.path());
            return indexOf(bytes, bytes.length) >= 0 ? reader.read(f.display(), bytes) : null;
        } catch (IOException e) {
            return reader.read(f.path(), f.display()); // reports why it cannot be read
        }
    }

    private static boolean mentionsSpendgate(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int kept = 0;
            int n;
            while ((n = in.read(buf, kept, buf.length - kept)) > 0) {
                int len = kept + n;
                if (indexOf(buf, len) >= 0) {
                    return true;
                }
                kept = Math.min(MARKER.length - 1, len);
                System.arraycopy(buf, len - kept, buf, 0, kept);
            }
            return false;
        }
    }

    private static int indexOf(byte[] bytes, int length) {
        outer:
        for (int i = 0; i + MARKER.length <= length; i++) {
            for (int j = 0; j < MARKER.length; j++) {
                if (bytes[i + j] != MARKER[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The manifest in one document of a discovered file, or null when skipped or invalid. */
    private static Manifest document(YamlDocument doc, List<Problem> problems) {
        if (!(doc.root() instanceof YamlNode.Mapping root)) {
            return null;
        }
        YamlNode api = root.get("apiVersion");
        YamlNode kindNode = root.get("kind");
        String kind = kindNode instanceof YamlNode.Scalar k && k.value() instanceof String s ? s : null;
        if (api == null) {
            if (kind != null && ManifestParser.isWorkloadKind(kind)) {
                // a workload without apiVersion is a manifest missing a key, not someone else's file
                problems.add(new Problem(root.location(), "apiVersion: required key is missing (use "
                        + API_VERSION + ")"));
            }
            return null;
        }
        if (!(api instanceof YamlNode.Scalar a && a.value() instanceof String v && v.startsWith("spendgate.dev/"))) {
            return null;
        }
        if (kind != null && ManifestParser.POLICY_KINDS.contains(kind)) {
            return null;
        }
        return ManifestParser.parse(doc.file(), doc.index(), root, doc.locations(), problems);
    }

    /** False, with a problem at the second, when another manifest already has this name. */
    private static boolean unique(Manifest m, Map<String, SourceLocation> names, List<Problem> problems) {
        SourceLocation at = m.locations().locate("/metadata/name");
        SourceLocation first = names.putIfAbsent(m.name(), at);
        if (first == null) {
            return true;
        }
        problems.add(new Problem(at, "metadata.name: name '" + m.name() + "' is already used by " + first));
        return false;
    }
}
