package dev.spendgate.engine.drools;

import dev.spendgate.engine.EngineException;
import dev.spendgate.engine.EngineSettings;
import dev.spendgate.engine.PolicyEngine;
import dev.spendgate.policy.Pack;
import org.kie.api.KieBase;

import java.util.ArrayList;
import java.util.List;

/**
 * The embedded Drools engine ({@code --engine drools}). Shipped packs load the executable model
 * precompiled at build time; packs from a folder have their {@code drools/*.drl} compiled here.
 *
 * <p>A pack's DRL sees one {@link ParamsFact}, a {@link ManifestFact} per manifest and a
 * {@link ModelFact} per model, and reports through the global
 * {@code dev.spendgate.engine.drools.Detections detections}. It reads no settings.
 */
public final class DroolsEngine implements PolicyEngine {

    public static final String ID = "drools";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public DroolsPolicies prepare(List<Pack> packs, EngineSettings settings) throws EngineException {
        ClassLoader loader = DroolsEngine.class.getClassLoader();
        List<DroolsPolicies.PreparedPack> prepared = new ArrayList<>(packs.size());
        for (Pack pack : packs) {
            DroolsPolicies.PreparedPack one = pack.shipped() ? ShippedModels.load(pack, loader) : DrlCompiler.compile(pack, loader);
            if (!declaresCollector(one.kieBase())) {
                throw new EngineException("pack_invalid", pack.id() + "/drools: the DRL declares no global "
                        + Detections.class.getName() + " " + DroolsPolicies.GLOBAL + ", so it cannot report anything");
            }
            prepared.add(one);
        }
        return new DroolsPolicies(prepared);
    }

    /** Builds the shipped pack's KieBase on a daemon thread while the caller reads its input. */
    @Override
    public void warmUp(String packId) {
        ShippedModels.preload(packId, DroolsEngine.class.getClassLoader());
    }

    private static boolean declaresCollector(KieBase kieBase) {
        return kieBase.getKiePackages().stream()
                .flatMap(p -> p.getGlobalVariables().stream())
                .anyMatch(g -> g.getName().equals(DroolsPolicies.GLOBAL) && g.getType().equals(Detections.class.getName()));
    }
}
