package dev.spendgate.cli;

import dev.spendgate.gate.GateRunner;
import dev.spendgate.policy.Enforcement;
import dev.spendgate.policy.RuleInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code spendgate explain RULE}: what a rule checks and how to satisfy it. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explain a rule: what it checks, its enforcement level under the policy set, and how to fix a finding.")
final class ExplainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RULE", description = "A rule id, e.g. SG-BUD-003.")
    String ruleId;

    @Mixin
    InputOptions inputs;

    @Override
    public Integer call() throws Exception {
        GateRunner session = inputs.open();
        String id = ruleId.toUpperCase(java.util.Locale.ROOT);
        RuleInfo rule = session.rule(id).orElseThrow(() -> new UsageException(
                "unknown rule '" + ruleId + "'" + session.suggestRule(id).map(s -> ", did you mean " + s + "?").orElse("")
                        + " ('spendgate rules' lists them)"));
        Enforcement level = session.policy().enforcement().getOrDefault(rule.id(), rule.level());
        var out = spec.commandLine().getOut();
        out.println(rule.id() + "  " + rule.title());
        out.println();
        out.println("intent:       " + rule.intent());
        out.println("enforcement:  " + level.wireName()
                + (level == rule.level() ? " (pack default)" : " (policy " + session.policy().name() + "; pack default " + rule.level().wireName() + ")"));
        out.println("fires when:   " + rule.description());
        out.println("message:      " + rule.message());
        out.println("remediation:  " + rule.remediation());
        if (!rule.docs().isEmpty()) {
            out.println("docs:         " + rule.docs());
        }
        out.println(switch (level) {
            case ADVISORY -> "Advisory findings are reported and never block.";
            case SOFT_MANDATORY -> "Soft-mandatory findings block unless an active Waiver covers them.";
            case HARD_MANDATORY -> "Hard-mandatory findings always block and cannot be waived.";
        });
        return 0;
    }
}
