package org.dmlworkbench.ui.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.List;
import java.util.Map;
import org.dmlworkbench.model.InvolutionSpec;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.run.RunStatus;
import org.dmlworkbench.config.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFieldTest {

    private final TrainingConfig defaults = TrainingConfig.defaults();

    @TempDir
    Path runs;

    /** A run folder as a finished run leaves it: config.json, status.json COMPLETED, model.params. */
    static Path fakeRun(Path runs, String name, RunStatus.State state) throws IOException {
        RunDirectory run = new RunDirectory(runs.resolve(name));
        Files.createDirectories(run.root());
        Files.writeString(run.configFile(), "{}");
        Files.write(run.modelFile(), new byte[] {1});
        run.writeStatus(state, "", 1, 1);
        return run.root();
    }

    private String problem(ConfigField field, TrainingConfig config, String text) {
        return assertThrows(IllegalArgumentException.class, () -> field.write(config, text)).getMessage();
    }

    @Test
    void everyFieldReadsBackWhatWasWritten() throws IOException {
        Path teacher = fakeRun(runs, "teacher", RunStatus.State.COMPLETED);
        Map<ConfigField, String> values = Map.ofEntries(
                Map.entry(ConfigField.INVOLUTION_LAYERS, "2"), Map.entry(ConfigField.CONV_WIDTHS, "8, 16, 24"),
                Map.entry(ConfigField.ACTIVATION, "relu"), Map.entry(ConfigField.STAGE_POOLING, "none"),
                Map.entry(ConfigField.EMBEDDING_SIZE, "32"), Map.entry(ConfigField.NORMALIZE_EMBEDDING, "false"),
                Map.entry(ConfigField.KERNEL_SIZE, "5"), Map.entry(ConfigField.STRIDE, "2"),
                Map.entry(ConfigField.GROUPS, "4"), Map.entry(ConfigField.REDUCTION_RATIO, "3"),
                Map.entry(ConfigField.LOSS, "ms:0.5,ce:1; ms.alpha=2"), Map.entry(ConfigField.SAMPLER, "m-per-class"),
                Map.entry(ConfigField.SAMPLES_PER_CLASS, "8"), Map.entry(ConfigField.OPTIMIZER, "sgd"),
                Map.entry(ConfigField.LEARNING_RATE, "0.0001"), Map.entry(ConfigField.WEIGHT_DECAY, "0.0005"),
                Map.entry(ConfigField.MOMENTUM, "0.9"), Map.entry(ConfigField.GRADIENT_CLIP, "1.5"),
                Map.entry(ConfigField.EPOCHS, "3"), Map.entry(ConfigField.BATCH_SIZE, "64"),
                Map.entry(ConfigField.SEED, "-7"), Map.entry(ConfigField.ATTENTION, "glam:local-spatial"),
                Map.entry(ConfigField.LR_SCHEDULE, "constant"), Map.entry(ConfigField.WARMUP_FRACTION, "0.1"),
                Map.entry(ConfigField.METHOD, "guided"), Map.entry(ConfigField.TEACHER_RUN, teacher.toString()),
                Map.entry(ConfigField.METHOD_PARAMS, "guided.beta=0.01, guided.master-epochs=2"),
                Map.entry(ConfigField.CHUNK_SIZE, "32"));
        assertEquals(ConfigField.values().length, values.size(), "a value for every field");
        // method parameters belong to a method: the guided ones are written on a guided config
        TrainingConfig guided = ConfigField.METHOD.write(defaults, "guided");
        for (Map.Entry<ConfigField, String> entry : values.entrySet()) {
            TrainingConfig base = entry.getKey() == ConfigField.METHOD_PARAMS ? guided : defaults;
            TrainingConfig written = entry.getKey().write(base, entry.getValue());
            assertEquals(entry.getValue(), entry.getKey().read(written), entry.getKey().name());
        }
    }

    @Test
    void writesLandInTheRightPartOfTheConfigAndLeaveTheRestAlone() {
        TrainingConfig involution = ConfigField.KERNEL_SIZE.write(defaults, "5");
        assertEquals(new InvolutionSpec(5, 1, 1, 2), involution.model().involution());
        assertEquals(defaults.toBuilder().model(defaults.model().withInvolution(new InvolutionSpec(5, 1, 1, 2)))
                .build(), involution);
        TrainingConfig loss = ConfigField.LOSS.write(defaults, "ms+ce; ms.alpha=2");
        assertEquals("ms+ce", loss.loss());
        assertEquals(Map.of("ms.alpha", "2"), loss.lossParams());
        TrainingConfig rate = ConfigField.LEARNING_RATE.write(defaults, "1e-4");
        assertEquals(1e-4, rate.optimizer().learningRate());
        assertEquals("0.0001", ConfigField.LEARNING_RATE.read(rate));
        assertEquals(defaults.model(), rate.model());
    }

    @Test
    void changingTheLayoutMakesTheModelCustomUnlessItStillMatches() {
        TrainingConfig widths = ConfigField.CONV_WIDTHS.write(defaults, "16 32");
        assertEquals(List.of(16, 32), widths.model().convWidths());
        assertEquals("custom", widths.model().family());
        assertEquals("hybrid1", ConfigField.CONV_WIDTHS.write(defaults, "16,32,64,128").model().family());
        assertEquals("custom", ConfigField.INVOLUTION_LAYERS.write(defaults, "3").model().family());
    }

    @Test
    void innReadsAsAllInvolutionAndKeepsThatLayoutUntilALayerCountIsChosen() {
        TrainingConfig inn = defaults.toBuilder().model(org.dmlworkbench.model.ModelSpec.preset("inn")).build();
        assertEquals("all", ConfigField.INVOLUTION_LAYERS.read(inn));
        TrainingConfig narrower = ConfigField.CONV_WIDTHS.write(inn, "8, 16");
        assertEquals("inn", narrower.model().family(), "new widths keep every layer an involution");
        assertEquals(List.of(8, 16), narrower.model().convWidths());
        TrainingConfig cnn = ConfigField.INVOLUTION_LAYERS.write(inn, "0");
        assertEquals("custom", cnn.model().family());
        assertEquals("0", ConfigField.INVOLUTION_LAYERS.read(cnn));
        assertEquals("inn", ConfigField.INVOLUTION_LAYERS.write(defaults, "all").model().family());
        assertEquals(inn, ConfigField.INVOLUTION_LAYERS.write(inn, "all"));
    }

    @Test
    void invalidValuesAreRejectedWithAMessageFitForTheField() {
        assertEquals("batch size must be >= 2, got 1", problem(ConfigField.BATCH_SIZE, defaults, "1"));
        assertEquals("'abc' is not a whole number", problem(ConfigField.BATCH_SIZE, defaults, "abc"));
        assertEquals("enter a whole number", problem(ConfigField.EPOCHS, defaults, " "));
        assertEquals("epochs must be >= 0 (0 evaluates the untrained, initialised network: the floor a"
                + " trained one must beat), got -1", problem(ConfigField.EPOCHS, defaults, "-1"));
        assertEquals("involution kernel size must be odd, got 4", problem(ConfigField.KERNEL_SIZE, defaults, "4"));
        assertEquals("involution layers must be 0-3, got 4", problem(ConfigField.INVOLUTION_LAYERS, defaults, "4"));
        assertEquals("embedding size must be >= 1, got 0", problem(ConfigField.EMBEDDING_SIZE, defaults, "0"));
        assertEquals("conv widths must be positive, got [16, 0]", problem(ConfigField.CONV_WIDTHS, defaults, "16, 0"));
        assertEquals("'fast' is not a number", problem(ConfigField.LEARNING_RATE, defaults, "fast"));
        assertEquals("learning rate must be a positive number, got 0.0",
                problem(ConfigField.LEARNING_RATE, defaults, "0"));
        assertEquals("'NaN' is not a number", problem(ConfigField.WEIGHT_DECAY, defaults, "NaN"));
        assertEquals("'1.5' is not a whole number", problem(ConfigField.SEED, defaults, "1.5"));
    }

    @Test
    void samplesPerClassMustDivideTheBatchOnlyForTheMPerClassSampler() {
        TrainingConfig mPerClass = ConfigField.SAMPLER.write(defaults, "m-per-class");
        // batch 128 = 32 * 4, so M = 4 passes and M = 3 does not
        assertEquals(4, mPerClass.samplesPerClass());
        assertEquals("m-per-class needs M >= 2 dividing the batch size (128), got M = 3",
                problem(ConfigField.SAMPLES_PER_CLASS, mPerClass, "3"));
        assertEquals("m-per-class needs M >= 2 dividing the batch size (100), got M = 8",
                problem(ConfigField.BATCH_SIZE, ConfigField.SAMPLES_PER_CLASS.write(mPerClass, "8"), "100"));
        assertEquals(3, ConfigField.SAMPLES_PER_CLASS.write(defaults, "3").samplesPerClass(), "shuffle ignores M");
    }

    @Test
    void newFieldsLandInTheConfig() throws IOException {
        assertEquals("glam", ConfigField.ATTENTION.write(defaults, "glam").model().attention());
        assertEquals("none", ConfigField.ATTENTION.write(defaults, "none").model().attention());
        TrainingConfig constant = ConfigField.LR_SCHEDULE.write(defaults, "constant");
        assertEquals("constant", constant.optimizer().schedule());
        assertEquals(defaults.optimizer().warmupFraction(), constant.optimizer().warmupFraction());
        assertEquals(0.2, ConfigField.WARMUP_FRACTION.write(defaults, "0.2").optimizer().warmupFraction());
        assertEquals(Map.of("metrix.level", "input", "metrix.weight", "0.5"),
                ConfigField.METHOD_PARAMS.write(defaults, "metrix.level=input; metrix.weight=0.5").methodParams());
        assertEquals(Map.of(), ConfigField.METHOD_PARAMS.write(defaults, "  ").methodParams());
        assertEquals(16, ConfigField.CHUNK_SIZE.write(defaults, "16").chunkSize());
        Path teacher = fakeRun(runs, "teacher", RunStatus.State.COMPLETED);
        assertEquals(teacher.toAbsolutePath().normalize().toString(),
                ConfigField.TEACHER_RUN.write(defaults, " " + teacher + " ").teacherRun());
        assertEquals(null, ConfigField.TEACHER_RUN.write(defaults, "").teacherRun());
    }

    @Test
    void newFieldsRejectBadValuesWithAMessageFitForTheField() throws IOException {
        assertEquals("unknown attention part 'foo' in 'glam:foo'; use none, glam, or glam: followed by a comma"
                + " list of local-channel,local-spatial,global-channel,global-spatial",
                problem(ConfigField.ATTENTION, defaults, "glam:foo"));
        assertEquals("unknown learning-rate schedule 'step'; choose cosine or constant",
                problem(ConfigField.LR_SCHEDULE, defaults, "step"));
        assertEquals("warm-up fraction must be in [0, 1), got 1.0", problem(ConfigField.WARMUP_FRACTION, defaults, "1"));
        assertEquals("'soon' is not a number", problem(ConfigField.WARMUP_FRACTION, defaults, "soon"));
        assertEquals("unknown method 'fancy'; choose metric, guided or asymmetric",
                problem(ConfigField.METHOD, defaults, "fancy"));
        assertEquals("choose the teacher run below first", problem(ConfigField.METHOD, defaults, "asymmetric"));
        Path missing = runs.resolve("nowhere");
        assertEquals("there is no folder " + missing, problem(ConfigField.TEACHER_RUN, defaults, missing.toString()));
        Path stopped = fakeRun(runs, "stopped", RunStatus.State.STOPPED);
        assertEquals("the run stopped has not finished (it is stopped); a teacher must be a completed run",
                problem(ConfigField.TEACHER_RUN, defaults, stopped.toString()));
        Files.createDirectories(runs.resolve("plain"));
        assertEquals(runs.resolve("plain") + " is not a run folder: it has no config.json",
                problem(ConfigField.TEACHER_RUN, defaults, runs.resolve("plain").toString()));
        assertEquals("guided.beta must be in [0, 1], got 2.0", problem(ConfigField.METHOD_PARAMS, defaults, "guided.beta=2"));
        assertEquals("guided.triplets must be a whole number, got 'many'",
                problem(ConfigField.METHOD_PARAMS, defaults, "guided.triplets=many"));
        assertTrue(problem(ConfigField.METHOD_PARAMS, defaults, "guided.speed=1")
                .startsWith("unknown method parameter 'guided.speed'; the guided method takes guided.beta, "));
        assertEquals("unknown method parameter 'ms.alpha'; keys start with metrix., guided. or asym.",
                problem(ConfigField.METHOD_PARAMS, defaults, "ms.alpha=2"));
        assertEquals("'beta' is not a key=value pair; write e.g. guided.master-epochs=5",
                problem(ConfigField.METHOD_PARAMS, defaults, "guided.margin=1, beta"));
        assertEquals("method parameter metrix.level must be input or feature, got 'pixel'"
                + " (embedding-level Metrix is the loss term ms+metrix:W)",
                problem(ConfigField.METHOD_PARAMS, defaults, "metrix.level=pixel"));
        assertEquals("--chunk must be 0 (one pass) or smaller than the batch (128), got 128",
                problem(ConfigField.CHUNK_SIZE, defaults, "128"));
        TrainingConfig guided = ConfigField.METHOD.write(defaults, "guided");
        assertEquals("two-pass chunks work with metric learning only; use 0",
                problem(ConfigField.CHUNK_SIZE, guided, "16"));
        assertTrue(problem(ConfigField.LOSS, guided, "ms+ce").startsWith("--method guided trains with its own losses"));
    }

    @Test
    void switchingTheMethodSetsALossValidForItSoTheConfigStaysValid() throws IOException {
        TrainingConfig metric = ConfigField.CHUNK_SIZE.write(
                ConfigField.LOSS.write(defaults, "ms+ce; ms.alpha=2"), "32");
        TrainingConfig guided = ConfigField.METHOD.write(metric, "guided");
        assertEquals("guided", guided.method());
        assertEquals("guided", guided.loss());
        assertEquals(Map.of(), guided.lossParams(), "guided takes no loss parameters");
        assertEquals(0, guided.chunkSize(), "two-pass chunks are metric-only");
        assertEquals(metric.model(), guided.model());
        assertEquals(metric.optimizer(), guided.optimizer());

        TrainingConfig back = ConfigField.METHOD.write(guided, "metric");
        assertEquals("metric", back.method());
        assertEquals("ms+ce", back.loss());

        Path teacher = fakeRun(runs, "teacher", RunStatus.State.COMPLETED);
        TrainingConfig withTeacher = ConfigField.TEACHER_RUN.write(guided, teacher.toString());
        TrainingConfig asymmetric = ConfigField.METHOD.write(withTeacher, "asymmetric");
        assertEquals("asymmetric", asymmetric.method());
        assertEquals("asym-contr+", asymmetric.loss());
        assertEquals(teacher.toAbsolutePath().normalize().toString(), asymmetric.teacherRun());
        assertEquals("an asymmetric run needs a teacher: pick a finished run",
                problem(ConfigField.TEACHER_RUN, asymmetric, " "));
        // Every config above went through TrainingConfig's checks; the loss field also accepts
        // another asymmetric loss for it and rebuilding changes nothing.
        assertEquals("asym-reg", ConfigField.LOSS.write(asymmetric, "asym-reg").loss());
        assertEquals(asymmetric, asymmetric.toBuilder().build());
        assertEquals(asymmetric, ConfigField.METHOD.write(asymmetric, "asymmetric"), "the same method changes nothing");
    }
}
