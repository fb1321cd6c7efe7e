package dev.spendgate.cli;

import dev.spendgate.cases.CaseReader;
import dev.spendgate.cases.PackCase;
import dev.spendgate.cases.PackCases;
import dev.spendgate.docs.RuleReference;
import dev.spendgate.gate.GateRunner;
import dev.spendgate.policy.Pack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code spendgate docs}: the rules reference of the policy set's packs, in Markdown. */
@Command(name = "docs", mixinStandardHelpOptions = true,
        description = {"Write the rules reference of the policy set's packs in Markdown, made from each pack's pack.yaml "
                + "and cases: per rule its level, intent and parameters, firing condition, fix, and a manifest on "
                + "which it fires and one on which it passes.",
                "Without --output the pages go to standard output."})
final class DocsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions inputs;

    @Option(names = "--output", paramLabel = "DIR",
            description = "Write one page per pack, DIR/<pack id>.md (the folder is made when missing).")
    Path output;

    @Override
    public Integer call() throws Exception {
        GateRunner session = inputs.open();
        PrintWriter out = spec.commandLine().getOut();
        Set<String> names = new HashSet<>();
        for (Pack pack : session.packs()) {
            String page = RuleReference.page(pack, pack.shipped() ? "rule-packs/" + pack.id() : pack.origin(), cases(pack));
            if (output == null) {
                out.print(page);
                continue;
            }
            String name = pack.id() + ".md";
            if (!names.add(name)) {
                throw new UsageException("--output: two packs have the id " + pack.id() + "; their pages would both be "
                        + output.resolve(name));
            }
            Files.createDirectories(output);
            Files.writeString(output.resolve(name), page, StandardCharsets.UTF_8);
            out.println("wrote " + output.resolve(name));
        }
        out.flush();
        return 0;
    }

    /** The pack's cases in file order; a folder pack without {@code cases/} has none. */
    private static List<PackCase> cases(Pack pack) throws Exception {
        List<PackCases.CaseFile> files;
        if (pack.shipped()) {
            files = PackCases.shipped(pack.id());
        } else {
            Path dir = Path.of(pack.origin());
            files = Files.isDirectory(dir.resolve("cases")) ? PackCases.inFolder(dir, pack.origin()) : List.of();
        }
        CaseReader reader = new CaseReader();
        List<PackCase> cases = new ArrayList<>();
        for (PackCases.CaseFile f : files) {
            cases.addAll(reader.read(f.display(), f.bytes()));
        }
        return cases;
    }
}
