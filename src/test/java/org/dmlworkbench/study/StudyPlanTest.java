package org.dmlworkbench.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.dmlworkbench.training.launch.TrainArguments;
import org.dmlworkbench.config.TrainingConfig;
import org.junit.jupiter.api.Test;

class StudyPlanTest {

    private static final String STUDY = """
            {"name": "grid",
             "base": {"data": "sample", "epochs": 2, "lr": 0.003, "conv-widths": [4, 8],
                      "loss-param": {"ms.alpha": 2}},
             "factors": [
               {"name": "activation", "values": ["gelu", "relu"]},
               {"name": "variant", "variants": [
                 {"label": "A", "args": {"embedding-dim": 8}},
                 {"label": "B/2", "args": {"embedding-dim": 16, "no-normalize": true,
                                           "loss-param": {"ms.beta": 40}}}]},
               {"name": "seed", "values": [1, 2]}]}
            """;

    @Test
    void expandsTheGridFirstFactorOutermostWithStableIds() throws Exception {
        StudyPlan plan = StudyPlan.expand(StudySpec.parse(STUDY, "grid.json", false), Map.of());
        List<String> ids = plan.runs().stream().map(StudyPlan.PlannedRun::id).toList();
        assertEquals(List.of(
                "activation=gelu,variant=A,seed=1", "activation=gelu,variant=A,seed=2",
                "activation=gelu,variant=B/2,seed=1", "activation=gelu,variant=B/2,seed=2",
                "activation=relu,variant=A,seed=1", "activation=relu,variant=A,seed=2",
                "activation=relu,variant=B/2,seed=1", "activation=relu,variant=B/2,seed=2"), ids);
        assertEquals("activation=gelu,variant=B_2,seed=1", plan.runs().get(2).folder());
        assertEquals(List.of("activation=gelu,variant=A", "activation=gelu,variant=B/2",
                "activation=relu,variant=A", "activation=relu,variant=B/2"), plan.groups());
    }

    @Test
    void mergesBaseThenFactorsThenOverridesIntoTrainArguments() throws Exception {
        StudyPlan plan = StudyPlan.expand(StudySpec.parse(STUDY, "grid.json", false),
                Map.of("epochs", 7));
        StudyPlan.PlannedRun run = plan.runs().get(7);
        assertEquals(List.of("--data", "sample", "--epochs", "7", "--lr", "0.003",
                "--conv-widths", "4,8", "--loss-param", "ms.alpha=2", "--loss-param", "ms.beta=40",
                "--activation", "relu", "--embedding-dim", "16", "--no-normalize", "--seed", "2"),
                run.trainArgs());
        // the train command's own parser accepts them and sets what the study says
        TrainingConfig config = plan.configs(TrainArguments::configFrom).get(7);
        assertEquals(7, config.epochs());
        assertEquals(2, config.seed());
        assertEquals(16, config.model().embeddingDim());
        assertEquals("relu", config.model().activation());
        assertEquals(List.of(4, 8), config.model().convWidths());
    }

    @Test
    void aMisspeltOptionFailsBeforeAnythingTrainsNamingTheRun() throws Exception {
        StudySpec spec = StudySpec.parse("{\"name\": \"x\", \"base\": {\"epocs\": 1}}", "x.json", false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StudyPlan.expand(spec, Map.of()).configs(TrainArguments::configFrom));
        assertTrue(e.getMessage().startsWith("x.json: run x (--epocs 1):"), e.getMessage());
        assertTrue(e.getMessage().contains("--epocs"), e.getMessage());
    }

    @Test
    void studyVariablesReplaceTheirPlaceholdersAndAMissingOneIsNamed() throws Exception {
        StudySpec spec = StudySpec.parse("""
                {"name": "ft", "base": {"data": "sample", "epochs": 1},
                 "factors": [{"name": "network", "variants": [
                   {"label": "scratch", "args": {}},
                   {"label": "init-from", "args": {"init-from": "${pretrained}/run"}}]}]}
                """, "ft.json", false);
        StudyPlan plan = StudyPlan.expand(spec, Map.of(), Map.of("pretrained", "/somewhere/else"));
        assertEquals(List.of("--data", "sample", "--epochs", "1"), plan.runs().get(0).trainArgs());
        assertEquals(List.of("--data", "sample", "--epochs", "1", "--init-from", "/somewhere/else/run"),
                plan.runs().get(1).trainArgs());
        assertEquals(Map.of("pretrained", "/somewhere/else"), plan.variables());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StudyPlan.expand(spec, Map.of()));
        assertTrue(e.getMessage().contains("study run --set pretrained=VALUE"), e.getMessage());
        assertTrue(e.getMessage().contains("network=init-from"), e.getMessage());
    }
}
