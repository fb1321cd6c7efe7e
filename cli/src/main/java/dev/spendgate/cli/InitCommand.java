package dev.spendgate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code spendgate init}: starts a repository on spendgate. Writes {@code .spendgate/policy.yaml}
 * (the shipped defaults, each intent explained), an empty {@code .spendgate/waivers/}, one starter
 * manifest, and the pipeline of the CI it detects ({@code .github/}, {@code .gitlab-ci.yml},
 * {@code Jenkinsfile}) or is told ({@code --ci}). A file that exists is kept unless {@code --force};
 * running it twice changes nothing. It prints what it wrote and the command to run next.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Start using spendgate in this repository: a policy set with the shipped defaults, a waivers "
                + "folder, a starter manifest and the CI pipeline that runs the gate.")
final class InitCommand implements Callable<Integer> {

    /** The CI systems init writes a pipeline for. */
    enum Ci { github, gitlab, jenkins, none }

    private static final String RESOURCES = "/dev/spendgate/cli/init/";

    @Spec
    CommandSpec spec;

    @Option(names = "--ci", paramLabel = "CI",
            description = "The CI to write a pipeline for: ${COMPLETION-CANDIDATES} (default: the one the repository "
                    + "already uses, found from .github/, .gitlab-ci.yml or Jenkinsfile; none when there is none).")
    Ci ci;

    @Option(names = "--force", description = "Overwrite files that exist (default: keep them).")
    boolean force;

    @Option(names = {"-C", "--directory"}, paramLabel = "DIR", description = "Initialise DIR instead of the current folder.")
    Path directory;

    @Override
    public Integer call() throws IOException, UsageException {
        Path root = directory == null ? Path.of("") : directory;
        if (!Files.isDirectory(root.toAbsolutePath())) {
            throw new UsageException("-C: " + root + " is not a folder");
        }
        Ci chosen = ci != null ? ci : detect(root);
        List<String[]> files = new ArrayList<>();
        files.add(new String[] {".spendgate/policy.yaml", "policy.yaml"});
        files.add(new String[] {".spendgate/manifests/example-summaries.yaml", "manifest.yaml"});
        switch (chosen) {
            case github -> files.add(new String[] {".github/workflows/spendgate.yml", "github-actions/spendgate.yml"});
            case gitlab -> files.add(new String[] {".gitlab-ci.yml", "gitlab/.gitlab-ci.yml"});
            case jenkins -> files.add(new String[] {"Jenkinsfile", "Jenkinsfile"});
            case none -> { }
        }
        PrintWriter out = spec.commandLine().getOut();
        for (String[] f : files) {
            write(root, f[0], resource(f[1]), out);
        }
        Path waivers = root.resolve(".spendgate/waivers");
        if (Files.isDirectory(waivers)) {
            out.println("  kept     .spendgate/waivers/");
        } else {
            Files.createDirectories(waivers);
            // git keeps no empty folder: a file that says what goes there
            Files.writeString(waivers.resolve("README.md"), "Waivers (kind: Waiver) live here: time-boxed exceptions to "
                    + "soft-mandatory rules, in effect once merged on the base branch. See `spendgate explain SG-WVR-001`.\n");
            out.println("  wrote    .spendgate/waivers/README.md");
        }
        if (chosen == Ci.none) {
            out.println("no CI found (.github/, .gitlab-ci.yml or Jenkinsfile): run `spendgate init --ci github|gitlab|jenkins`"
                    + " to add a pipeline");
        }
        out.println("next: edit .spendgate/manifests/example-summaries.yaml to describe a real workload, then run"
                + " `spendgate check`" + (directory == null ? "" : " -C " + directory));
        out.flush();
        return 0;
    }

    private void write(Path root, String target, byte[] content, PrintWriter out) throws IOException {
        Path file = root.resolve(target);
        boolean exists = Files.exists(file);
        if (exists && !force) {
            out.println("  kept     " + target + (Files.readAllBytes(file).length == content.length
                    && java.util.Arrays.equals(Files.readAllBytes(file), content) ? "" : " (it exists; --force to overwrite)"));
            return;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, content);
        out.println("  " + (exists ? "replaced" : "wrote   ") + " " + target);
    }

    /** The CI the repository already uses, in this order: GitHub Actions, GitLab CI, Jenkins; none without one. */
    static Ci detect(Path root) {
        if (Files.isDirectory(root.resolve(".github"))) {
            return Ci.github;
        }
        if (Files.exists(root.resolve(".gitlab-ci.yml"))) {
            return Ci.gitlab;
        }
        if (Files.exists(root.resolve("Jenkinsfile"))) {
            return Ci.jenkins;
        }
        return Ci.none;
    }

    private static byte[] resource(String name) {
        try (InputStream in = InitCommand.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + RESOURCES + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
