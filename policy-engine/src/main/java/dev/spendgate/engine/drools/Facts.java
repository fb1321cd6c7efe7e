package dev.spendgate.engine.drools;

import dev.spendgate.engine.Derived;
import dev.spendgate.engine.EvaluationInput;
import dev.spendgate.engine.ManifestInput;
import dev.spendgate.manifest.ModelUse;
import dev.spendgate.spend.ManifestSpend;
import dev.spendgate.spend.SpendSnapshot;
import dev.spendgate.spend.TeamSpend;

import java.util.ArrayList;
import java.util.List;

/** Turns one evaluation's input into the facts every pack's session gets: built once, shared read-only. */
final class Facts {

    private Facts() {
    }

    /**
     * One {@link ParamsFact}; one {@link TeamFact} per team; with live spend one
     * {@link SpendSourceFact}; then per manifest its {@link ManifestFact}, its {@link SpendFact}
     * when the snapshot has its spend, and one {@link ModelFact} per model.
     */
    static List<Object> of(EvaluationInput input) {
        List<Object> facts = new ArrayList<>(2 + input.teams().size() + input.manifests().size() * 4);
        facts.add(new ParamsFact(input.parameters(), input.now()));
        for (TeamSpend team : input.teams().values()) {
            facts.add(new TeamFact(team));
        }
        SpendSnapshot spend = input.spend();
        if (spend != null) {
            facts.add(new SpendSourceFact(spend));
        }
        for (ManifestInput in : input.manifests()) {
            ManifestFact manifest = new ManifestFact(in.manifest(), in.estimate(), in.base(), in.estimateChange(),
                    Derived.unitEconomics(input.parameters().unitEconomics(), in.manifest(), in.estimate()));
            facts.add(manifest);
            ManifestSpend spent = spend == null ? null : spend.manifests().get(manifest.getName());
            if (spent != null) {
                facts.add(new SpendFact(manifest, spent, spend.costColumn(), input.parameters().liveSpend()));
            }
            List<ModelUse> models = in.manifest().spec().models();
            for (int i = 0; i < models.size(); i++) {
                ModelUse use = models.get(i);
                ModelFact model = new ModelFact(manifest, i, use, in.catalogTiers().get(use.name()),
                        in.catalogModes().get(use.name()));
                manifest.seeModel(model);
                facts.add(model);
            }
        }
        return facts;
    }
}
