package dev.spendgate.cli;

import dev.spendgate.gate.GateRunner;
import dev.spendgate.policy.Enforcement;
import dev.spendgate.policy.Pack;
import dev.spendgate.policy.RuleInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code spendgate rules}: every rule of the selected packs with its effective level. */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "List the rules of the policy set's packs with their effective enforcement level.")
final class RulesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions inputs;

    @Override
    public Integer call() throws Exception {
        GateRunner session = inputs.open();
        var out = spec.commandLine().getOut();
        for (Pack pack : session.packs()) {
            out.println(pack.id() + " " + pack.version() + " (" + pack.origin() + ")");
            for (RuleInfo rule : pack.rules()) {
                Enforcement level = session.policy().enforcement().getOrDefault(rule.id(), rule.level());
                out.printf("  %-11s %-15s %-15s %s%n", rule.id(), level.wireName(), rule.intent(), rule.title());
            }
        }
        return 0;
    }
}
