package dev.spendgate.cli;

import dev.spendgate.gate.GateConfig;
import dev.spendgate.gate.GateRunner;
import dev.spendgate.git.BaseRevision;
import dev.spendgate.policy.Pack;
import dev.spendgate.policy.bundle.BundleWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code spendgate packs bundle}: the policy set's packs as an OPA bundle, for an OPA server or fleet. */
@Command(name = "bundle", mixinStandardHelpOptions = true,
        description = {"Write an OPA bundle (.tar.gz) of the policy set's packs: their Rego, spendgate's decision"
                + " module and the packs' versions, for `opa run --server --bundle FILE` or an OPA fleet's bundle"
                + " service. spendgate check --engine opa then checks that the server serves exactly these packs."})
final class PacksBundleCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--policy", paramLabel = "FILE",
            description = "Policy set whose packs to bundle (default: .spendgate/policy.yaml when present, else the shipped defaults).")
    Path policy;

    @Option(names = {"-C", "--directory"}, paramLabel = "DIR", description = "Run as if started in DIR.")
    Path directory;

    @Option(names = "--base", paramLabel = "REV",
            description = "Bundle the packs of the policy set as it is at base revision REV (a branch, tag or commit), not "
                    + "as the work tree has it: on a pull request, the Rego the server runs then cannot come from the change.")
    String base;

    @Option(names = "--output", paramLabel = "FILE", required = true, description = "The bundle file to write (.tar.gz).")
    Path output;

    @Option(names = "--revision", paramLabel = "REVISION",
            description = "The bundle's revision (default: the packs' ids and versions and a hash of the contents).")
    String revision;

    @Override
    public Integer call() throws Exception {
        Path workDir = directory == null ? Path.of("") : directory;
        List<Pack> packs;
        // with a base revision: the policy set as the base has it, never as the change has it
        try (GateRunner trusted = GateRunner.prepare(GateConfig.builder().workDir(workDir).policy(policy)
                .base(base == null ? null : BaseRevision.given(base)).toolVersion(Version.VERSION).build())) {
            packs = trusted.packs();
        }
        Path target = output.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        // written aside and moved into place: a failed run never leaves half a bundle
        Path partial = Files.createTempFile(dir, ".spendgate-bundle-", ".part");
        BundleWriter.Bundle bundle;
        try {
            try (OutputStream out = Files.newOutputStream(partial)) {
                bundle = BundleWriter.write(packs, revision, out);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
        StringBuilder names = new StringBuilder();
        for (Pack p : packs) {
            names.append(names.length() == 0 ? "" : ", ").append(p.id()).append(' ').append(p.version());
        }
        spec.commandLine().getErr().println("spendgate: wrote " + output + " (revision " + bundle.revision() + "; packs "
                + names + "; " + bundle.files().size() + " files)");
        return 0;
    }
}
