package dev.spendgate.engine.drools;

import dev.spendgate.engine.EngineException;
import dev.spendgate.policy.Pack;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieContainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Compiles the DRL of a pack read from a folder to the executable model at run time. Slower than
 * loading a shipped pack (the generated Java is compiled in memory), and only done for packs that
 * did not ship precompiled.
 */
final class DrlCompiler {

    private static final AtomicLong BUILDS = new AtomicLong();

    private DrlCompiler() {
    }

    /**
     * @throws EngineException {@code pack_invalid}, naming {@code <pack>/drools/<file>:<line>:<col>},
     *                         when the DRL does not compile
     */
    static DroolsPolicies.PreparedPack compile(Pack pack, ClassLoader loader) throws EngineException {
        Map<String, String> drl = new TreeMap<>(pack.sources().getOrDefault(DroolsEngine.ID, Map.of()));
        if (drl.isEmpty()) {
            throw new EngineException("pack_invalid", pack.origin() + "/drools: no DRL files");
        }
        KieServices kie = KieServices.get();
        KieFileSystem files = kie.newKieFileSystem();
        // a fresh release id per build: the in-memory KieRepository is keyed by it
        ReleaseId release = kie.newReleaseId("dev.spendgate.runtime", "pack-" + BUILDS.incrementAndGet(), "0");
        files.generateAndWritePomXML(release);
        List<DrlProblems.Source> sources = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, String> file : drl.entrySet()) {
            // one folder per file keeps names apart; Drools reads the rules' package from the DRL text
            String path = "spendgate/f" + (n++) + "/" + drlName(file.getKey());
            files.write("src/main/resources/" + path, file.getValue());
            sources.add(new DrlProblems.Source(path, pack.origin() + "/drools/" + file.getKey(), file.getValue()));
        }
        KieBuilder builder = kie.newKieBuilder(files, loader).buildAll(ExecutableModelProject.class);
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            kie.getRepository().removeKieModule(release);
            throw new EngineException("pack_invalid", DrlProblems.describe(errors, sources, pack.origin() + "/drools"));
        }
        try {
            KieContainer container = kie.newKieContainer(release, loader);
            return new DroolsPolicies.PreparedPack(pack, container.getKieBase(),
                    "compiled at run time from " + drl.size() + " DRL file" + (drl.size() == 1 ? "" : "s"));
        } finally {
            kie.getRepository().removeKieModule(release);
        }
    }

    private static String drlName(String fileName) {
        String base = fileName.replaceAll("[^A-Za-z0-9._-]", "_");
        return base.endsWith(".drl") ? base : base + ".drl";
    }
}
