package org.dmlworkbench.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.model.BackboneSpec;
import org.dmlworkbench.model.ModelSpec;
import org.dmlworkbench.model.TorchScriptBackbone;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.run.RunManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.dmlworkbench.config.TrainingConfig;

/** Runs that start from trained weights: an earlier run's backbone, or a TorchScript file. */
class StartingWeightsTest {

    @TempDir
    Path temp;

    private static Path tinyBackbone() {
        try {
            return Path.of(StartingWeightsTest.class.getResource("/backbones/tiny_backbone.pt").toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TrainingConfig torchScriptConfig(boolean frozen) {
        return TrainingFixtures.tinyConfig().toBuilder()
                .model(ModelSpec.torchScript().withEmbeddingDim(16))
                .backbone(BackboneSpec.torchScript(tinyBackbone().toString(), frozen, 0, "data"))
                .build();
    }

    private TrainingOutcome train(RunDirectory run, TrainingConfig config, TrainingObserver observer)
            throws IOException {
        return MetricTrainer.create(run, config, TrainingFixtures.sample(), observer,
                new TrainingControl()).run();
    }

    private static final class SimulatedKill extends RuntimeException {}

    /** The fine-tuned module's batch norms update their running statistics every step, too. */
    @Test
    void aTorchScriptRunKilledAndResumedEqualsTheUninterruptedRunBitForBit() throws IOException {
        TrainingConfig config = torchScriptConfig(false);
        Dataset data = TrainingFixtures.sample();
        RunDirectory straight = new RunDirectory(temp.resolve("straight"));
        TrainingOutcome expected = train(straight, config, TrainingObserver.NONE);
        assertTrue(expected.completed(), expected.message());

        RunDirectory killed = new RunDirectory(temp.resolve("killed"));
        // 31 steps per epoch, a checkpoint every 5: step 43 is 3 steps after one, in epoch 2
        assertThrows(SimulatedKill.class, () -> train(killed, config, new TrainingObserver() {
            @Override
            public void onStep(Step s) {
                if (s.globalStep() == 43) {
                    throw new SimulatedKill();
                }
            }
        }));
        TrainingOutcome resumed = MetricTrainer.resume(killed, data, TrainingObserver.NONE,
                new TrainingControl()).run();
        assertTrue(resumed.completed(), resumed.message());
        assertArrayEquals(Files.readAllBytes(straight.modelFile()), Files.readAllBytes(killed.modelFile()),
                "the resumed run's model differs from the uninterrupted run's");
        assertEquals(expected.finalMetrics().toJsonMap(), resumed.finalMetrics().toJsonMap());
        assertArrayEquals(Files.readAllBytes(tinyBackbone()), Files.readAllBytes(killed.backboneFile()),
                "the run keeps a copy of the module it imported");

        // the fine-tuned module moved away from the file's weights
        Map<String, float[]> trained = backboneParameters(straight);
        assertFalse(java.util.Arrays.equals(fileParameters().get("conv1.weight"),
                trained.get("conv1.weight")));

        // and the run is usable as any other: it embeds images for eval and query
        try (TrainedModel model = TrainedModel.open(killed, Device.cpu())) {
            assertEquals(killed.modelFile().toString(), model.parameterSource());
            var embeddings = model.embedder(64).embed(data.test(), (t, d, n, u) -> { },
                    org.dmlworkbench.progress.Cancellation.none());
            assertEquals(data.test().size(), embeddings.count());
            assertEquals(16, embeddings.dim());
        }
    }

    /**
     * Frozen: the module's parameters are bit-identical after two epochs, and so is what it
     * computes in inference mode (its batch norms' running statistics never moved); the head
     * trained.
     */
    @Test
    void aFrozenTorchScriptBackboneEndsBitIdenticalAndOnlyTheHeadTrains() throws IOException {
        RunDirectory run = new RunDirectory(temp.resolve("frozen"));
        TrainingOutcome outcome = train(run, torchScriptConfig(true), TrainingObserver.NONE);
        assertTrue(outcome.completed(), outcome.message());
        RunManifest manifest = run.readManifest();
        // embedding 16 -> 16 (272) and classifier 16 -> 10 (170): the backbone's 1,272 are frozen
        assertEquals(272 + 170, manifest.model().parameters());
        assertTrue(manifest.model().startedFrom().contains("frozen"), manifest.model().startedFrom());

        Map<String, float[]> before = fileParameters();
        Map<String, float[]> after = backboneParameters(run);
        assertEquals(before.keySet(), after.keySet());
        before.forEach((name, values) -> assertArrayEquals(values, after.get(name), name));
        try (TrainedModel model = TrainedModel.open(run, Device.cpu());
                TorchScriptBackbone original = TorchScriptBackbone.load(tinyBackbone(), false, Device.cpu());
                NDManager manager = NDManager.newBaseManager()) {
            NDArray image = manager.arange(784f).reshape(1, 1, 28, 28).div(784);
            Block trainedModule = model.net().backbone().getChildren().values().get(0);
            ParameterStore store = new ParameterStore(manager, false);
            assertArrayEquals(original.forward(store, new NDList(image), false).head().toFloatArray(),
                    trainedModule.forward(store, new NDList(image), false).head().toFloatArray());
        }
    }

    /** A small conv net (two stages of 8 and 16 filters with batch norm) trains in seconds. */
    private static final ModelSpec SMALL = ModelSpec.preset("cnn").withLayout(0, java.util.List.of(8, 16));

    @Test
    void initFromStartsFromTheEarlierRunsBackboneWithNewHeads() throws IOException {
        RunDirectory source = new RunDirectory(temp.resolve("source"));
        assertTrue(train(source, TrainingFixtures.tinyConfig().toBuilder().epochs(1)
                .model(SMALL.withEmbeddingDim(32)).build(), TrainingObserver.NONE).completed());
        Map<String, float[]> theirs = parameters(source);

        // epochs 0: the starting point itself, evaluated; another seed, so a fresh
        // initialisation could not give the source's numbers
        RunDirectory start = new RunDirectory(temp.resolve("start"));
        TrainingConfig fineTune = TrainingFixtures.tinyConfig().toBuilder().epochs(0).seed(8)
                .model(SMALL.withEmbeddingDim(8))
                .backbone(BackboneSpec.initFrom(source.root().toString(), false)).build();
        assertTrue(train(start, fineTune, TrainingObserver.NONE).completed());
        Map<String, float[]> started = parameters(start);
        int backboneArrays = 0;
        for (Map.Entry<String, float[]> entry : theirs.entrySet()) {
            if (entry.getKey().startsWith("01backbone_")) {
                assertArrayEquals(entry.getValue(), started.get(entry.getKey()), entry.getKey());
                backboneArrays++;
            }
        }
        // two convs (weight, bias) and two batch norms (gamma, beta, running mean and variance)
        assertEquals(12, backboneArrays, "batch norms' running statistics come along too");
        assertEquals(8 * 16, started.get("02embedding_weight").length,
                "a new 8-d embedding layer (the source's was 32-d) on the 16 backbone features");
        assertTrue(run(start).model().startedFrom().startsWith("the backbone of run " + source.root()));

        // frozen: an epoch later the backbone is still the source's, bit for bit
        RunDirectory frozen = new RunDirectory(temp.resolve("frozen-init"));
        assertTrue(train(frozen, fineTune.toBuilder().epochs(1)
                .backbone(BackboneSpec.initFrom(source.root().toString(), true)).build(),
                TrainingObserver.NONE).completed());
        Map<String, float[]> trained = parameters(frozen);
        theirs.forEach((name, values) -> {
            if (name.startsWith("01backbone_")) {
                assertArrayEquals(values, trained.get(name), name);
            }
        });
        assertFalse(java.util.Arrays.equals(started.get("02embedding_weight"),
                trained.get("02embedding_weight")), "the embedding layer trained");
    }

    @Test
    void initFromRefusesAnotherArchitectureOrOtherChannelsBeforeWritingAnything() throws IOException {
        RunDirectory source = new RunDirectory(temp.resolve("source"));
        assertTrue(train(source, TrainingFixtures.tinyConfig().toBuilder().epochs(0).build(),
                TrainingObserver.NONE).completed());
        RunDirectory target = new RunDirectory(temp.resolve("target"));

        TrainingConfig cnn = TrainingFixtures.tinyConfig().toBuilder().model(ModelSpec.preset("cnn"))
                .backbone(BackboneSpec.initFrom(source.root().toString(), false)).build();
        assertEquals("cannot start from --init-from " + source + ": its backbone differs from this"
                + " run's (model hybrid1 there, cnn here); give the same model options as that run",
                assertThrows(IllegalArgumentException.class,
                        () -> train(target, cnn, TrainingObserver.NONE)).getMessage());
        assertFalse(Files.exists(target.root()));

        // the same run, as if it had been trained on colour images
        RunManifest manifest = source.readManifest();
        RunManifest.DataInfo d = manifest.data();
        source.writeManifest(new RunManifest(manifest.workbenchVersion(), manifest.created(),
                manifest.config(), new RunManifest.DataInfo(d.name(), d.format(), d.location(),
                        d.fingerprint(), d.trainSize(), d.testSize(), d.classes(), 3, d.height(),
                        d.width(), d.conversion(), d.skippedBadFiles(), d.trainClasses(),
                        d.testClasses(), d.gallerySize()), manifest.normalization(),
                manifest.lossParameters(), manifest.model(), manifest.environment(),
                manifest.sampling()));
        TrainingConfig same = cnn.toBuilder().model(TrainingFixtures.tinyConfig().model()).build();
        assertEquals("cannot start from --init-from " + source + ": it was trained on 3-channel images"
                + " and 'sample' has 1-channel images; the backbone's first layer takes a fixed"
                + " number of channels", assertThrows(IllegalArgumentException.class,
                        () -> train(target, same, TrainingObserver.NONE)).getMessage());
        assertFalse(Files.exists(target.root()));
    }

    private static RunManifest run(RunDirectory run) throws IOException {
        return run.readManifest();
    }

    /** Every parameter array of a run's model (running statistics included), by name. */
    private static Map<String, float[]> parameters(RunDirectory run) throws IOException {
        Map<String, float[]> values = new LinkedHashMap<>();
        try (TrainedModel model = TrainedModel.open(run, Device.cpu())) {
            for (Pair<String, Parameter> p : model.net().getParameters()) {
                values.put(p.getKey(), p.getValue().getArray().toFloatArray());
            }
        }
        return values;
    }

    /** The imported module's parameters of a run, by their TorchScript names. */
    private static Map<String, float[]> backboneParameters(RunDirectory run) throws IOException {
        Map<String, float[]> values = new LinkedHashMap<>();
        try (TrainedModel model = TrainedModel.open(run, Device.cpu())) {
            Block module = model.net().backbone().getChildren().values().get(0);
            for (Pair<String, Parameter> p : module.getParameters()) {
                values.put(p.getKey(), p.getValue().getArray().toFloatArray());
            }
        }
        return values;
    }

    private static Map<String, float[]> fileParameters() {
        Map<String, float[]> values = new LinkedHashMap<>();
        try (TorchScriptBackbone module = TorchScriptBackbone.load(tinyBackbone(), false, Device.cpu())) {
            for (Pair<String, Parameter> p : module.getParameters()) {
                values.put(p.getKey(), p.getValue().getArray().toFloatArray());
            }
        }
        return values;
    }
}
