package dev.spendgate.cli;

import dev.spendgate.cases.CaseReader;
import dev.spendgate.cases.CaseResult;
import dev.spendgate.cases.CaseRunner;
import dev.spendgate.cases.PackCase;
import dev.spendgate.cases.PackCases;
import dev.spendgate.engine.EngineSettings;
import dev.spendgate.error.ExitCodes;
import dev.spendgate.input.DisplayPath;
import dev.spendgate.policy.Pack;
import dev.spendgate.policy.PackLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code spendgate test}: runs rule packs' cases, for governance leads maintaining packs. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Run the test cases of rule packs (default: the shipped packs); exit 1 when a case fails.")
final class TestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PACK_DIR", arity = "0..*", description = "Pack folders (with pack.yaml and cases/).")
    List<Path> packDirs = List.of();

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "drools", completionCandidates = Engines.class,
            description = "Rule engine to run the cases on: drools (default) or opa (an OPA server serving the bundle of"
                    + " the packs under test, see --opa-url).")
    String engine;

    @Mixin
    OpaOptions opa;

    @Option(names = {"-v", "--verbose"}, description = "List passing cases too.")
    boolean verbose;

    @ParentCommand
    SpendgateCommand root;

    @Override
    public Integer call() throws Exception {
        Engines.require(engine);
        EngineSettings settings = opa.settings(engine, Map.of(), root == null ? Map.of() : root.env);
        PrintWriter out = spec.commandLine().getOut();
        PackLoader packs = new PackLoader();
        CaseReader reader = new CaseReader();
        int passed = 0;
        int failed = 0;
        try (CaseRunner runner = new CaseRunner(engine, settings, Version.VERSION)) {
            if (packDirs.isEmpty()) {
                for (String id : packs.shippedIds()) {
                    Pack pack = packs.loadShipped(id);
                    int[] counts = runPack(pack, PackCases.shipped(id), reader, runner, Path.of(""), out);
                    passed += counts[0];
                    failed += counts[1];
                }
            } else {
                for (Path dir : packDirs) {
                    String display = DisplayPath.of(dir).text();
                    Pack pack = packs.loadFolder(dir, display);
                    int[] counts = runPack(pack, PackCases.inFolder(dir, display), reader, runner, dir, out);
                    passed += counts[0];
                    failed += counts[1];
                }
            }
        }
        out.println(passed + " passed, " + failed + " failed");
        return failed == 0 ? ExitCodes.PASS : ExitCodes.BLOCKED;
    }

    private int[] runPack(Pack pack, List<PackCases.CaseFile> files, CaseReader reader, CaseRunner runner,
                          Path baseDir, PrintWriter out) throws Exception {
        int passed = 0;
        int failed = 0;
        out.println(pack.id() + " " + pack.version() + " on " + engine + ":");
        for (PackCases.CaseFile file : files) {
            for (PackCase c : reader.read(file.display(), file.bytes())) {
                CaseResult r = runner.run(pack, c, file.display(), baseDir);
                if (r.passed()) {
                    passed++;
                    if (verbose) {
                        out.println("  ok    " + c.id() + "  " + c.location());
                    }
                } else {
                    failed++;
                    out.println("  FAIL  " + c.id() + "  " + c.location());
                    r.failures().forEach(f -> out.println("        " + f));
                }
            }
        }
        return new int[] {passed, failed};
    }
}
