package dev.spendgate.cli;

import dev.spendgate.yaml.JsonSchemas;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.Iterator;
import java.util.concurrent.Callable;

/** {@code spendgate schema}: the JSON Schema of a kind of file spendgate reads, for editors. */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Print the JSON Schema (draft 2020-12) of manifests, policy sets, waivers or pack test cases.")
final class SchemaCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--kind", paramLabel = "KIND", defaultValue = "manifest", completionCandidates = Kinds.class,
            description = "What the schema describes: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String kind;

    /** The {@code --kind} values. */
    static final class Kinds implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return JsonSchemas.ids().iterator();
        }
    }

    @Override
    public Integer call() throws UsageException {
        JsonSchemas schema = JsonSchemas.find(kind.toLowerCase(java.util.Locale.ROOT)).orElseThrow(() -> new UsageException(
                "--kind: unknown kind '" + kind + "' (choose from " + String.join(", ", JsonSchemas.ids()) + ")"));
        var out = spec.commandLine().getOut();
        out.print(schema.json());
        out.flush();
        return 0;
    }
}
