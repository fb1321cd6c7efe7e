package dev.spendgate.engine.drools;

import dev.spendgate.engine.Detection;
import dev.spendgate.engine.EngineException;
import dev.spendgate.engine.EngineResult;
import dev.spendgate.engine.EvaluationInput;
import dev.spendgate.engine.PreparedPolicies;
import dev.spendgate.policy.Pack;
import dev.spendgate.policy.RuleInfo;
import org.kie.api.KieBase;
import org.kie.api.runtime.StatelessKieSession;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The packs' rules ready to run: one KieBase per pack. Each evaluation builds the facts once and
 * runs one stateless session per pack over all of them. Thread-safe: sessions are not shared.
 */
public final class DroolsPolicies implements PreparedPolicies {

    /** The name of the DRL global that collects detections. */
    static final String GLOBAL = "detections";

    private final List<PreparedPack> packs;

    DroolsPolicies(List<PreparedPack> packs) {
        this.packs = List.copyOf(packs);
    }

    @Override
    public EngineResult evaluate(EvaluationInput input) throws EngineException {
        List<Object> facts = Facts.of(input);
        List<Detection> detections = new ArrayList<>();
        for (PreparedPack pack : packs) {
            detections.addAll(pack.run(facts));
        }
        return new EngineResult(detections, Map.of());
    }

    /**
     * How each pack's rules were had, by pack id: {@code precompiled <model class>} for shipped
     * packs, {@code compiled at run time from <n> DRL files} for packs from a folder.
     */
    public Map<String, String> origins() {
        Map<String, String> origins = new LinkedHashMap<>();
        packs.forEach(p -> origins.put(p.pack.id(), p.origin));
        return origins;
    }

    record PreparedPack(Pack pack, KieBase kieBase, String origin, Set<String> ruleIds) {

        PreparedPack(Pack pack, KieBase kieBase, String origin) {
            this(pack, kieBase, origin, pack.rules().stream().map(RuleInfo::id).collect(Collectors.toUnmodifiableSet()));
        }

        List<Detection> run(List<Object> facts) throws EngineException {
            Detections detections = new Detections();
            StatelessKieSession session = kieBase.newStatelessKieSession();
            session.setGlobal(GLOBAL, detections);
            try {
                session.execute(facts);
            } catch (RuntimeException e) {
                throw new EngineException("engine_error", pack.id() + ": a Drools rule failed: " + rootMessage(e), e);
            }
            for (Detection d : detections.collected()) {
                if (!ruleIds.contains(d.rule())) {
                    throw new EngineException("pack_invalid", pack.id() + "/drools: reported rule " + d.rule()
                            + ", which " + pack.id() + "/pack.yaml does not declare");
                }
            }
            return detections.collected();
        }

        private static String rootMessage(Throwable e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
        }
    }
}
