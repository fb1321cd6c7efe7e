package dev.spendgate.cli;

import dev.spendgate.yaml.YamlFile;
import dev.spendgate.yaml.YamlReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a composite action's steps as the GitHub Actions runner does for an action used from another
 * repository: the action unpacked in its own folder (the runner's {@code _actions/owner/name/ref},
 * outside {@code GITHUB_WORKSPACE}), {@code ${{ }}} expressions evaluated with the contexts a
 * composite step sees, {@code run:} steps in bash ({@code bash --noprofile --norc -eo pipefail}),
 * {@code GITHUB_OUTPUT} read back, {@code if:} conditions honoured, the first failing step ending
 * the run.
 *
 * <p>The actions it uses are run by a model of what each does with its inputs, taken from their
 * sources, never by pretending they pass: {@code actions/setup-java} hashes its cache's dependency
 * files with {@code hashFiles} (which sees only files inside {@code GITHUB_WORKSPACE}) and fails when
 * none matches, then puts this JVM on the path; {@code actions/cache/restore} and
 * {@code actions/cache/save} restore and save the listed paths (absolute, {@code ~} or relative to
 * the workspace; a {@code *} in a file name) by exact key, then by {@code restore-keys} prefix, a
 * cache entry being tied to its key and its list of paths. Any other action, expression function
 * or context fails the run: the model never guesses.
 */
final class ActionRunner {

    /** What a run left: each step's outcome by name, the action's outputs, and why it stopped, if it failed. */
    record Result(Map<String, String> outcomes, Map<String, String> outputs, String failure, String log) {
        boolean succeeded() {
            return failure == null;
        }
    }

    /** The runner's cache service, shared by the jobs of a test: key → (paths, files). */
    static final class CacheStore {
        private final Map<String, Entry> entries = new LinkedHashMap<>();

        record Entry(String paths, Map<Path, byte[]> files) {
        }

        int size() {
            return entries.size();
        }

        java.util.Set<String> keys() {
            return entries.keySet();
        }
    }

    private final Path actionDir;
    private final Path workspace;
    private final Path home;
    private final Path temp;
    private final String actionRef;
    private final CacheStore cache;
    private final Map<String, String> contextGithub = new TreeMap<>();
    private final Map<String, Map<String, String>> steps = new LinkedHashMap<>();
    private final Map<String, String> jobEnv = new LinkedHashMap<>();
    private final List<String> pathPrefix = new ArrayList<>();
    private final StringBuilder log = new StringBuilder();
    private Map<String, String> inputs;
    private boolean failed;

    ActionRunner(Path actionDir, Path workspace, Path home, Path temp, String actionRef, String token, CacheStore cache) {
        this.actionDir = actionDir;
        this.workspace = workspace;
        this.home = home;
        this.temp = temp;
        this.actionRef = actionRef;
        this.cache = cache;
        contextGithub.put("action_path", actionDir.toString());
        contextGithub.put("action_ref", actionRef);
        contextGithub.put("workspace", workspace.toString());
        contextGithub.put("token", token);
        contextGithub.put("action_repository", "spendgate/spendgate");
        contextGithub.put("server_url", "https://github.com");
    }

    /** The GitHub server the job runs against ({@code github.server_url}; GitHub Enterprise has its own). */
    ActionRunner serverUrl(String url) {
        contextGithub.put("server_url", url);
        return this;
    }

    /** Environment variables every step of the job sees (e.g. the GitHub event), besides the runner's own. */
    ActionRunner env(String name, String value) {
        jobEnv.put(name, value);
        return this;
    }

    /** Runs the action in {@code actionDir/action.yml} with the step's {@code with:} inputs. */
    @SuppressWarnings("unchecked")
    Result run(Map<String, String> with) throws IOException, InterruptedException {
        YamlFile file = new YamlReader().read(actionDir.resolve("action.yml"), "action.yml");
        if (!file.problems().isEmpty()) {
            throw new AssertionError("action.yml does not load: " + file.problems());
        }
        Map<String, Object> action = (Map<String, Object>) file.documents().get(0).root().toPlain();
        inputs = new LinkedHashMap<>();
        Map<String, Object> declared = (Map<String, Object>) action.getOrDefault("inputs", Map.of());
        for (Map.Entry<String, Object> in : declared.entrySet()) {
            Object def = ((Map<String, Object>) in.getValue()).get("default");
            inputs.put(in.getKey(), def == null ? "" : evaluateTemplate(String.valueOf(def)));
        }
        for (Map.Entry<String, String> w : with.entrySet()) {
            if (!declared.containsKey(w.getKey())) {
                throw new AssertionError("unexpected input '" + w.getKey() + "' (the runner warns and ignores it)");
            }
            inputs.put(w.getKey(), w.getValue());
        }
        Map<String, Object> runs = (Map<String, Object>) action.get("runs");
        if (!"composite".equals(runs.get("using"))) {
            throw new AssertionError("not a composite action: " + runs.get("using"));
        }
        Map<String, String> outcomes = new LinkedHashMap<>();
        String failure = null;
        for (Object o : (List<Object>) runs.get("steps")) {
            Map<String, Object> step = (Map<String, Object>) o;
            String name = String.valueOf(step.getOrDefault("name", step.getOrDefault("uses", step.get("run"))));
            String condition = step.containsKey("if") ? String.valueOf(step.get("if")) : "success()";
            condition = condition.strip().startsWith("${{") ? unwrap(condition) : condition;
            if (!condition.matches("(?s).*\\b(success|failure|always|cancelled)\\(.*")) {
                condition = "success() && (" + condition + ")"; // the runner's implicit status check
            }
            if (!truthy(evaluate(condition))) {
                outcomes.put(name, "skipped");
                continue;
            }
            Map<String, String> outputs = new LinkedHashMap<>();
            String error;
            try {
                error = step.containsKey("uses") ? uses(String.valueOf(step.get("uses")), strings(step.get("with")), outputs)
                        : runStep(step, outputs);
            } catch (IllegalStateException e) {
                error = e.getMessage();
            }
            if (step.containsKey("id")) {
                steps.put(String.valueOf(step.get("id")), outputs);
            }
            log.append("== ").append(name).append(": ").append(error == null ? "success" : "failure: " + error).append('\n');
            outcomes.put(name, error == null ? "success" : "failure");
            if (error != null) {
                failed = true;
                failure = name + ": " + error;
            }
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        for (Map.Entry<String, Object> out : ((Map<String, Object>) action.getOrDefault("outputs", Map.of())).entrySet()) {
            outputs.put(out.getKey(), evaluateTemplate(String.valueOf(((Map<String, Object>) out.getValue()).get("value"))));
        }
        return new Result(outcomes, outputs, failure, log.toString());
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> strings(Object with) {
        Map<String, String> out = new LinkedHashMap<>();
        if (with != null) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) with).entrySet()) {
                out.put(e.getKey(), evaluateTemplate(String.valueOf(e.getValue())));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- the actions the model knows

    private String uses(String action, Map<String, String> with, Map<String, String> outputs) throws IOException {
        String name = action.contains("@") ? action.substring(0, action.indexOf('@')) : action;
        return switch (name) {
            case "actions/setup-java" -> setupJava(with);
            case "actions/cache/restore" -> restore(with, outputs);
            case "actions/cache/save" -> save(with);
            case "actions/cache" -> throw new IllegalStateException("actions/cache saves in a post step that runs only "
                    + "when the job succeeds (post-if: success()); the model runs restore and save as separate steps");
            default -> throw new IllegalStateException("the simulated runner has no model of " + action);
        };
    }

    /** setup-java: distribution and java-version are required; {@code cache} hashes its dependency files first. */
    private String setupJava(Map<String, String> with) throws IOException {
        if (with.getOrDefault("distribution", "").isEmpty()) {
            return "Input required and not supplied: distribution";
        }
        if (with.getOrDefault("java-version", "").isEmpty() && with.getOrDefault("java-version-file", "").isEmpty()) {
            return "Input required and not supplied: java-version";
        }
        String manager = with.getOrDefault("cache", "");
        if (!manager.isEmpty()) {
            String patterns = with.getOrDefault("cache-dependency-path", "");
            if (patterns.isEmpty()) {
                patterns = switch (manager) {
                    case "maven" -> "**/pom.xml";
                    case "gradle" -> "**/*.gradle*\n**/gradle-wrapper.properties";
                    case "sbt" -> "**/*.sbt\n**/project/build.properties";
                    default -> throw new IllegalStateException("unknown package manager specified: " + manager);
                };
            }
            if (hashFiles(patterns.split("\n")).isEmpty()) {
                return "No file in " + workspace + " matched to [" + String.join(",", patterns.split("\n"))
                        + "], make sure you have checked out the target repository";
            }
        }
        String javaHome = System.getProperty("java.home");
        jobEnv.put("JAVA_HOME", javaHome);
        pathPrefix.add(0, Path.of(javaHome, "bin").toString());
        return null;
    }

    private String restore(Map<String, String> with, Map<String, String> outputs) throws IOException {
        String key = required(with, "key");
        List<Path> paths = cachePaths(required(with, "path"));
        String version = versionOf(paths);
        CacheStore.Entry hit = cache.entries.get(key);
        String matched = hit != null && hit.paths().equals(version) ? key : null;
        if (matched == null) {
            for (String prefix : with.getOrDefault("restore-keys", "").split("\n")) {
                if (prefix.isBlank()) {
                    continue;
                }
                for (Map.Entry<String, CacheStore.Entry> e : cache.entries.entrySet()) {
                    if (e.getKey().startsWith(prefix.strip()) && e.getValue().paths().equals(version)) {
                        matched = e.getKey();
                    }
                }
            }
        }
        outputs.put("cache-primary-key", key);
        if (matched == null) {
            outputs.put("cache-hit", "false");
            return null;
        }
        for (Map.Entry<Path, byte[]> f : cache.entries.get(matched).files().entrySet()) {
            Files.createDirectories(f.getKey().getParent());
            Files.write(f.getKey(), f.getValue());
        }
        outputs.put("cache-matched-key", matched);
        outputs.put("cache-hit", String.valueOf(matched.equals(key)));
        return null;
    }

    private String save(Map<String, String> with) throws IOException {
        String key = required(with, "key");
        List<Path> paths = cachePaths(required(with, "path"));
        Map<Path, byte[]> files = new TreeMap<>();
        for (Path p : paths) {
            for (Path f : expand(p)) {
                if (Files.isDirectory(f)) {
                    try (Stream<Path> all = Files.walk(f)) {
                        for (Path g : all.filter(Files::isRegularFile).toList()) {
                            files.put(g, Files.readAllBytes(g));
                        }
                    }
                } else if (Files.isRegularFile(f)) {
                    files.put(f, Files.readAllBytes(f));
                }
            }
        }
        if (files.isEmpty()) {
            // actions/cache/save logs this as a warning and succeeds
            log.append("Warning: Path Validation Error: Path(s) specified in the action for caching do(es) not exist, "
                    + "hence no cache is being saved.\n");
            return null;
        }
        if (cache.entries.containsKey(key)) {
            log.append("Failed to save: Unable to reserve cache with key ").append(key)
                    .append(", another job may be creating this cache.\n");
            return null; // a warning, not a failure
        }
        cache.entries.put(key, new CacheStore.Entry(versionOf(paths), files));
        return null;
    }

    private static String required(Map<String, String> with, String name) {
        String v = with.getOrDefault(name, "");
        if (v.isBlank()) {
            throw new IllegalStateException("Input required and not supplied: " + name);
        }
        return v;
    }

    private List<Path> cachePaths(String lines) {
        List<Path> out = new ArrayList<>();
        for (String line : lines.split("\n")) {
            String p = line.strip();
            if (p.isEmpty()) {
                continue;
            }
            if (p.equals("~") || p.startsWith("~/")) {
                p = home + p.substring(1);
            }
            out.add(workspace.resolve(p).normalize());
        }
        return out;
    }

    /** The paths' list as the cache service ties an entry to it. */
    private static String versionOf(List<Path> paths) {
        return String.join("\n", paths.stream().map(Path::toString).toList());
    }

    /** {@code p} with a {@code *} in its last name expanded to the files it matches. */
    private static List<Path> expand(Path p) throws IOException {
        String name = p.getFileName().toString();
        if (!name.contains("*")) {
            return List.of(p);
        }
        if (!Files.isDirectory(p.getParent())) {
            return List.of();
        }
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + name);
        try (Stream<Path> files = Files.list(p.getParent())) {
            return files.filter(f -> m.matches(f.getFileName())).sorted().toList();
        }
    }

    // ---------------------------------------------------------------- run steps

    private String runStep(Map<String, Object> step, Map<String, String> outputs) throws IOException, InterruptedException {
        if (!"bash".equals(step.get("shell"))) {
            return "the simulated runner runs shell: bash only, not " + step.get("shell");
        }
        Path dir = step.containsKey("working-directory")
                ? workspace.resolve(evaluateTemplate(String.valueOf(step.get("working-directory")))) : workspace;
        Path script = Files.createTempFile(temp, "step-", ".sh");
        Files.writeString(script, evaluateTemplate(String.valueOf(step.get("run"))), StandardCharsets.UTF_8);
        Path output = Files.createTempFile(temp, "output-", "");
        Path summary = temp.resolve("step-summary.md");
        ProcessBuilder pb = new ProcessBuilder("bash", "--noprofile", "--norc", "-eo", "pipefail", script.toString())
                .directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        String path = System.getenv("PATH");
        env.clear();
        env.put("PATH", String.join(java.io.File.pathSeparator, pathPrefix) + (pathPrefix.isEmpty() ? "" : java.io.File.pathSeparator) + path);
        env.put("HOME", home.toString());
        env.put("CI", "true");
        env.put("GITHUB_ACTIONS", "true");
        env.put("GITHUB_WORKSPACE", workspace.toString());
        env.put("GITHUB_ACTION_PATH", actionDir.toString());
        env.put("GITHUB_ACTION_REF", actionRef);
        env.put("GITHUB_OUTPUT", output.toString());
        env.put("GITHUB_STEP_SUMMARY", summary.toString());
        env.put("RUNNER_OS", "Linux");
        env.put("RUNNER_ARCH", "X64");
        env.put("RUNNER_TEMP", temp.toString());
        env.putAll(jobEnv);
        Map<String, String> stepEnv = strings(step.get("env"));
        env.putAll(stepEnv);
        Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return "timed out";
        }
        log.append(text);
        outputs.putAll(readOutputs(output));
        return p.exitValue() == 0 ? null : "Process completed with exit code " + p.exitValue() + ".";
    }

    /** {@code GITHUB_OUTPUT}: {@code name=value} lines and {@code name<<DELIMITER} heredocs. */
    static Map<String, String> readOutputs(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int heredoc = line.indexOf("<<");
            int eq = line.indexOf('=');
            if (heredoc > 0 && (eq < 0 || heredoc < eq)) {
                String delimiter = line.substring(heredoc + 2);
                StringBuilder v = new StringBuilder();
                for (i++; i < lines.size() && !lines.get(i).equals(delimiter); i++) {
                    v.append(v.length() == 0 ? "" : "\n").append(lines.get(i));
                }
                if (i >= lines.size()) {
                    throw new IllegalStateException("Matching delimiter not found '" + delimiter + "'");
                }
                values.put(line.substring(0, heredoc), v.toString());
            } else if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            } else if (!line.isBlank()) {
                throw new IllegalStateException("Invalid format '" + line + "'");
            }
        }
        return values;
    }

    // ---------------------------------------------------------------- expressions

    private static String unwrap(String template) {
        String t = template.strip();
        return t.substring(3, t.length() - 2);
    }

    /** {@code text} with each {@code ${{ expression }}} replaced by its value as a string. */
    String evaluateTemplate(String text) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int start = text.indexOf("${{", at);
            if (start < 0) {
                return out.append(text.substring(at)).toString();
            }
            int end = text.indexOf("}}", start);
            out.append(text, at, start).append(asString(evaluate(text.substring(start + 3, end))));
            at = end + 2;
        }
    }

    private Object evaluate(String expression) {
        Parser p = new Parser(expression);
        Object v = p.or();
        p.skip();
        if (p.at < expression.length()) {
            throw new IllegalStateException("the simulated runner cannot read the expression '" + expression + "'");
        }
        return v;
    }

    private static String asString(Object v) {
        return v == null ? "" : v instanceof Boolean b ? String.valueOf(b) : String.valueOf(v);
    }

    private static boolean truthy(Object v) {
        return v != null && !Boolean.FALSE.equals(v) && !"".equals(v);
    }

    private Object context(String root, List<String> path) {
        Object value = switch (root) {
            case "inputs" -> inputs;
            case "github" -> contextGithub;
            case "runner" -> Map.of("os", "Linux", "arch", "X64", "temp", temp.toString());
            case "steps" -> steps.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                    e -> (Object) Map.of("outputs", e.getValue())));
            case "env" -> jobEnv;
            default -> throw new IllegalStateException("the simulated runner has no context '" + root + "'");
        };
        for (String name : path) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(name);
            if (value == null && root.equals("github")) {
                throw new IllegalStateException("the simulated runner has no github." + name);
            }
        }
        return value;
    }

    private Object call(String function, List<Object> args) {
        return switch (function.toLowerCase(Locale.ROOT)) {
            case "success" -> !failed;
            case "failure" -> failed;
            case "always" -> true;
            case "hashfiles" -> {
                try {
                    yield hashFiles(args.stream().map(ActionRunner::asString).toArray(String[]::new));
                } catch (IOException e) {
                    throw new IllegalStateException("hashFiles: " + e.getMessage());
                }
            }
            default -> throw new IllegalStateException("the simulated runner has no function " + function + "()");
        };
    }

    /**
     * The runner's {@code hashFiles}: the SHA-256 of the SHA-256 of each matching file, in path order;
     * only files under {@code GITHUB_WORKSPACE} count (others are ignored, as @actions/glob does);
     * the empty string when none matches.
     */
    String hashFiles(String... patterns) throws IOException {
        List<PathMatcher> matchers = new ArrayList<>();
        for (String pattern : patterns) {
            String p = pattern.strip();
            if (p.isEmpty()) {
                continue;
            }
            Path absolute = workspace.resolve(p).normalize();
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + absolute));
            if (p.startsWith("**/")) {
                matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + workspace.resolve(p.substring(3))));
            }
        }
        List<Path> files;
        try (Stream<Path> all = Files.walk(workspace)) {
            files = all.filter(Files::isRegularFile).filter(f -> matchers.stream().anyMatch(m -> m.matches(f))).sorted().toList();
        }
        if (files.isEmpty()) {
            return "";
        }
        try {
            MessageDigest result = MessageDigest.getInstance("SHA-256");
            for (Path f : files) {
                result.update(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
            }
            return HexFormat.of().formatHex(result.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The expression language, as much of it as action files use: literals, contexts, functions, ! == != && ||. */
    private final class Parser {
        private final String s;
        private int at;

        Parser(String s) {
            this.s = s;
        }

        void skip() {
            while (at < s.length() && Character.isWhitespace(s.charAt(at))) {
                at++;
            }
        }

        boolean eat(String token) {
            skip();
            if (s.startsWith(token, at)) {
                at += token.length();
                return true;
            }
            return false;
        }

        Object or() {
            Object left = and();
            while (eat("||")) {
                Object right = and();
                left = truthy(left) ? left : right;
            }
            return left;
        }

        Object and() {
            Object left = equality();
            while (eat("&&")) {
                Object right = equality();
                left = truthy(left) ? right : left;
            }
            return left;
        }

        Object equality() {
            Object left = unary();
            if (eat("==")) {
                return asString(left).equalsIgnoreCase(asString(unary()));
            }
            if (eat("!=")) {
                return !asString(left).equalsIgnoreCase(asString(unary()));
            }
            return left;
        }

        Object unary() {
            if (eat("!")) {
                return !truthy(unary());
            }
            return primary();
        }

        Object primary() {
            skip();
            if (eat("(")) {
                Object v = or();
                expect(")");
                return v;
            }
            if (eat("'")) {
                StringBuilder text = new StringBuilder();
                while (true) {
                    int q = s.indexOf('\'', at);
                    if (q < 0) {
                        throw new IllegalStateException("unterminated string in '" + s + "'");
                    }
                    text.append(s, at, q);
                    at = q + 1;
                    if (at < s.length() && s.charAt(at) == '\'') {
                        text.append('\'');
                        at++;
                    } else {
                        return text.toString();
                    }
                }
            }
            String name = identifier();
            switch (name) {
                case "true":
                    return true;
                case "false":
                    return false;
                case "null":
                    return null;
                default:
                    break;
            }
            if (eat("(")) {
                List<Object> args = new ArrayList<>();
                if (!eat(")")) {
                    do {
                        args.add(or());
                    } while (eat(","));
                    expect(")");
                }
                return call(name, args);
            }
            List<String> path = new ArrayList<>();
            while (true) {
                if (eat(".")) {
                    path.add(identifier());
                } else if (eat("[")) {
                    path.add(asString(or()));
                    expect("]");
                } else {
                    return context(name, path);
                }
            }
        }

        String identifier() {
            skip();
            int start = at;
            while (at < s.length() && (Character.isLetterOrDigit(s.charAt(at)) || s.charAt(at) == '_' || s.charAt(at) == '-')) {
                at++;
            }
            if (start == at) {
                throw new IllegalStateException("the simulated runner cannot read the expression '" + s + "'");
            }
            return s.substring(start, at);
        }

        void expect(String token) {
            if (!eat(token)) {
                throw new IllegalStateException("expected " + token + " in '" + s + "'");
            }
        }
    }
}
