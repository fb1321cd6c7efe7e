package dev.spendgate.engine.drools;

import dev.spendgate.manifest.ModelUse;
import dev.spendgate.policy.EvaluationInput;
import dev.spendgate.policy.ManifestInput;

import java.util.ArrayList;
import java.util.List;

/** Turns one evaluation's input into the facts every pack's session gets: built once, shared read-only. */
final class Facts {

    private Facts() {
    }

    /** One {@link ParamsFact}, then per manifest its {@link ManifestFact} and one {@link ModelFact} per model. */
    static List<Object> of(EvaluationInput input) {
        List<Object> facts = new ArrayList<>(1 + input.manifests().size() * 3);
        facts.add(new ParamsFact(input.parameters(), input.now()));
        for (ManifestInput in : input.manifests()) {
            ManifestFact manifest = new ManifestFact(in.manifest(), in.estimate(), in.base());
            facts.add(manifest);
            List<ModelUse> models = in.manifest().spec().models();
            for (int i = 0; i < models.size(); i++) {
                ModelUse use = models.get(i);
                ModelFact model = new ModelFact(manifest, i, use, in.catalogTiers().get(use.name()));
                manifest.seeModel(model);
                facts.add(model);
            }
        }
        return facts;
    }
}
