package dev.spendgate.cli;

import dev.spendgate.gate.GateRunner;
import dev.spendgate.manifest.Manifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code spendgate validate}: loads everything the gate would, evaluates nothing. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Validate manifests, the policy set, waivers, packs and prices; exit 3 listing every problem.")
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ManifestPaths input;

    @Mixin
    InputOptions inputs;

    @Override
    public Integer call() throws Exception {
        GateRunner session = inputs.open();
        List<Manifest> manifests = session.loadManifests(input.paths);
        var out = spec.commandLine().getOut();
        for (Manifest m : manifests) {
            out.println("ok  " + m.name() + "  (" + m.kind() + ")  " + m.file());
        }
        out.println(manifests.size() + " manifest" + (manifests.size() == 1 ? "" : "s") + " valid; policy "
                + session.policy().name() + " (" + session.policy().source() + "), packs "
                + String.join(", ", session.packs().stream().map(p -> p.id() + " " + p.version()).toList())
                + ", " + session.policy().waivers().size() + " waiver" + (session.policy().waivers().size() == 1 ? "" : "s"));
        return 0;
    }
}
