package dev.spendgate.manifest;

import dev.spendgate.error.InvalidInputException;
import dev.spendgate.input.Problem;
import dev.spendgate.input.Skipped;
import dev.spendgate.input.SourceLocation;
import dev.spendgate.yaml.Fields;
import dev.spendgate.yaml.YamlDocument;
import dev.spendgate.yaml.YamlFile;
import dev.spendgate.yaml.YamlFiles;
import dev.spendgate.yaml.YamlNode;
import dev.spendgate.yaml.YamlReader;
import dev.spendgate.yaml.YamlText;
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
import java.util.regex.Pattern;

/**
 * Finds, reads and validates workload manifests (DESIGN section 2), reporting every problem of
 * every file at once.
 *
 * <p>Discovery: each given path is a file or a folder searched recursively for {@code *.yaml} and
 * {@code *.yml} (see {@link YamlFiles}). Every document is judged on its decoded text (UTF-8,
 * UTF-16 or UTF-32, YAML escapes resolved): a document that is spendgate's ({@link Classifier})
 * is parsed as a manifest, and any problem in it is an input error; policy documents
 * ({@code PolicySet}, {@code Waiver}, {@code PriceCatalog}), empty documents and other tools'
 * documents are left alone. A file found in a folder that cannot be judged — not text in a YAML
 * encoding, too large, not YAML and nothing in it hinting at spendgate (a Helm template), a
 * dangling link or a loop of links — is {@link Skipped skipped} with its reason; a file named on
 * the command line is always an input error then.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ManifestLoader {

    /** The only manifest apiVersion this version reads. */
    public static final String API_VERSION = ManifestParser.API_VERSION;
    /** Searched when no path is given, if it exists; else the working directory. */
    public static final String DEFAULT_FOLDER = ".spendgate/manifests";

    private static final byte[] MARKER = "spendgate".getBytes(StandardCharsets.US_ASCII);

    /** In a file that is not valid YAML: a hint that it was meant to hold a manifest. */
    private static final Pattern HINT = Pattern.compile(
            "(?i)spend\\W?gat|spendgath|\\\\[xuU0-9]|\\b(Experiment|TrainingJob|InferenceEndpoint|LlmWorkflow)\\b");

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
    public record Result(List<Manifest> manifests, List<Problem> problems, List<Skipped> skipped) {
        public Result {
            manifests = List.copyOf(manifests);
            problems = problems.stream().sorted().toList();
            skipped = skipped.stream().sorted().distinct().toList();
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
        List<Skipped> skipped = new ArrayList<>();
        List<String> given = paths == null || paths.isEmpty() ? defaultPaths(workDir) : paths;
        List<YamlFiles.Found> found = YamlFiles.discover(workDir, given, problems, skipped);
        // Files are independent: read and check them on every core, then merge in discovery order
        // so that the result (and the duplicate-name check) is the same as one by one.
        return merge((found.size() > 1 ? found.parallelStream() : found.stream()).map(this::readAndParse).toList(),
                problems, skipped);
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
     * that cannot be judged is skipped.
     */
    public Result read(List<Source> files) {
        return merge((files.size() > 1 ? files.parallelStream() : files.stream())
                .map(f -> judge(f.display(), f.bytes())).toList(), new ArrayList<>(), new ArrayList<>());
    }

    private record FileResult(List<Manifest> manifests, List<Problem> problems, Skipped skipped) {
    }

    /** The files' manifests in order, each name once (a second one is a problem), after {@code problems}. */
    private static Result merge(List<FileResult> results, List<Problem> problems, List<Skipped> skipped) {
        List<Manifest> manifests = new ArrayList<>();
        Map<String, SourceLocation> names = new HashMap<>();
        for (FileResult r : results) {
            problems.addAll(r.problems());
            if (r.skipped() != null) {
                skipped.add(r.skipped());
            }
            for (Manifest m : r.manifests()) {
                if (unique(m, names, problems)) {
                    manifests.add(m);
                }
            }
        }
        return new Result(manifests, problems, skipped);
    }

    private FileResult readAndParse(YamlFiles.Found f) {
        if (f.explicit()) {
            return parse(reader.read(f.path(), f.display()), false);
        }
        try {
            long size = Files.size(f.path());
            if (size > reader.limits().maxBytes()) {
                // too large to parse: an input error when it names spendgate, else skipped with the reason
                return mentionsSpendgate(f.path()) ? parse(reader.read(f.path(), f.display()), false)
                        : skipped(f.display(), size + " bytes, more than the limit of " + reader.limits().maxBytes()
                        + "; not read");
            }
            return judge(f.display(), Files.readAllBytes(f.path()));
        } catch (IOException e) {
            return skipped(f.display(), "cannot be read: " + e.getClass().getSimpleName());
        }
    }

    /**
     * The manifests of one file found in a folder (or a git revision), judged on its decoded text;
     * or the file skipped, with its reason, when it cannot be judged.
     */
    private FileResult judge(String display, byte[] bytes) {
        // too large or not text, yet it names spendgate: an input error, as if named on the command line
        if (bytes.length > reader.limits().maxBytes()) {
            return indexOf(bytes, bytes.length) >= 0 ? parse(reader.read(display, bytes), false)
                    : skipped(display, bytes.length + " bytes, more than the limit of " + reader.limits().maxBytes()
                    + "; not read");
        }
        YamlText.Decoded text = YamlText.decode(bytes);
        if (!text.ok()) {
            return indexOf(bytes, bytes.length) >= 0 ? parse(reader.read(display, bytes), false)
                    : skipped(display, text.error());
        }
        YamlFile file = reader.read(display, text.text());
        FileResult r = parse(file, true);
        if (!file.problems().isEmpty() && r.manifests().isEmpty() && r.problems().size() == file.problems().size()
                && !HINT.matcher(text.text()).find()) {
            // not YAML, and nothing says it was meant to be a manifest: a template of another tool
            return skipped(display, "not valid YAML (" + file.problems().get(0).message() + ")");
        }
        return r;
    }

    private static FileResult skipped(String display, String reason) {
        return new FileResult(List.of(), List.of(), new Skipped(display, reason));
    }

    /** The manifests of {@code file}, after the problems found reading it. */
    private static FileResult parse(YamlFile file, boolean found) {
        List<Problem> problems = new ArrayList<>(file.problems());
        List<Manifest> manifests = new ArrayList<>();
        for (YamlDocument doc : file.documents()) {
            Manifest m = document(doc, problems);
            if (m != null) {
                manifests.add(m);
            }
        }
        return new FileResult(manifests, problems, null);
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

    /** Where the ASCII bytes of {@code spendgate} first stand in {@code bytes}, or -1. */
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

    /** The manifest in one document of a discovered file, or null when it is not one or invalid. */
    private static Manifest document(YamlDocument doc, List<Problem> problems) {
        if (!(doc.root() instanceof YamlNode.Mapping root) || !Classifier.isManifest(root)) {
            return null;
        }
        if (root.get("apiVersion") == null) {
            // a workload without apiVersion is a manifest missing a key, not someone else's file
            problems.add(new Problem(root.location(), "apiVersion: required key is missing (use " + API_VERSION + ")"));
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
