package org.dmlworkbench.training;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import org.dmlworkbench.data.Normalization;
import org.dmlworkbench.model.EmbeddingNet;
import org.dmlworkbench.model.Embedder;
import org.dmlworkbench.model.ModelFiles;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.run.RunManifest;

/** A run's trained network ready for inference, with the preprocessing it was trained with. */
public final class TrainedModel implements AutoCloseable {

    private final RunDirectory run;
    private final RunManifest manifest;
    private final NDManager manager;
    private final EmbeddingNet net;
    private final String parameterSource;
    private final RunNetwork network;

    private TrainedModel(RunDirectory run, RunManifest manifest, NDManager manager, RunNetwork network,
            String parameterSource) {
        this.run = run;
        this.manifest = manifest;
        this.manager = manager;
        this.network = network;
        this.net = network.net();
        this.parameterSource = parameterSource;
    }

    /** Loads model.params, or the parameters of the last checkpoint when the run never finished. */
    public static TrainedModel open(RunDirectory run, Device device) throws IOException {
        RunManifest manifest = run.readManifest();
        RunManifest.DataInfo data = manifest.data();
        NDManager manager = NDManager.newBaseManager(device);
        RunNetwork network = null;
        try {
            if (manifest.config().model().isTorchScript() && !Files.isRegularFile(run.backboneFile())) {
                throw new IOException(run + " imported its backbone from a TorchScript file but its"
                        + " copy " + run.backboneFile() + " is missing");
            }
            network = RunNetwork.forRun(manifest, run.backboneFile(), device, false);
            EmbeddingNet net = network.net();
            net.initialize(manager, DataType.FLOAT32, new Shape(1, data.channels(), data.height(),
                    data.width()));
            String source;
            if (Files.isRegularFile(run.modelFile())) {
                ModelFiles.load(net, manager, run.modelFile());
                source = run.modelFile().toString();
            } else if (run.hasCheckpoint()) {
                java.nio.file.Path checkpoint = org.dmlworkbench.training.Checkpoint.latestGood(run,
                        warning -> { }, false);
                org.dmlworkbench.training.Checkpoint.loadParameters(checkpoint, net, manager);
                source = checkpoint.toString();
            } else {
                throw new IOException(run + " has neither model.params nor a checkpoint: it has not"
                        + " trained a single step yet");
            }
            return new TrainedModel(run, manifest, manager, network, source);
        } catch (IOException | RuntimeException e) {
            if (network != null) {
                network.close();
            }
            manager.close();
            throw e;
        }
    }

    public RunDirectory run() {
        return run;
    }

    public RunManifest manifest() {
        return manifest;
    }

    public EmbeddingNet net() {
        return net;
    }

    public Normalization normalization() {
        return manifest.normalization();
    }

    public NDManager manager() {
        return manager;
    }

    /** Which file the parameters came from. */
    public String parameterSource() {
        return parameterSource;
    }

    public Embedder embedder(int batchSize) {
        return new Embedder(net, normalization(), manager, batchSize);
    }

    /** Content key of the loaded parameters, for caches derived from them. */
    public String parameterKey() throws IOException {
        return org.dmlworkbench.data.Fingerprints.sha256(java.nio.file.Path.of(parameterSource));
    }

    @Override
    public void close() {
        manager.close();
        network.close();
    }
}
