package org.dmlworkbench.training;

import ai.djl.Device;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import org.dmlworkbench.model.BackboneSpec;
import org.dmlworkbench.model.EmbeddingNet;
import org.dmlworkbench.model.ModelSpec;
import org.dmlworkbench.model.TorchScriptBackbone;
import org.dmlworkbench.run.RunManifest;
import org.dmlworkbench.config.TrainingConfig;

/**
 * The network a config builds for an input size: a built-in backbone (a ResNet's "auto" stem
 * resolved for the input) or an imported TorchScript one, frozen when the config says so; with
 * the imported module, which must be closed after the network.
 */
public final class RunNetwork implements AutoCloseable {

    private final EmbeddingNet net;
    private final TorchScriptBackbone imported;
    private final Shape importedOutput;

    private RunNetwork(EmbeddingNet net, TorchScriptBackbone imported, Shape importedOutput) {
        this.net = net;
        this.imported = imported;
        this.importedOutput = importedOutput;
    }

    /**
     * @param recordedStem the stem a run recorded ({@link RunManifest.ModelInfo#stem}), or null
     *     to resolve the spec's own for the input size
     * @param torchScriptFile the imported backbone's file (the user's before the run exists, the
     *     run's copy after); unused for built-in models
     * @param training false for inference only (an imported module is then loaded frozen)
     * @throws IllegalArgumentException naming the TorchScript file when it cannot be loaded, cannot
     *     take these images or returns neither vectors nor a feature map
     */
    public static RunNetwork build(TrainingConfig config, int channels, int height, int width,
            int classes, String recordedStem, Path torchScriptFile, Device device, boolean training) {
        ModelSpec spec = config.model();
        BackboneSpec backbone = config.backbone();
        if (!spec.isTorchScript()) {
            ModelSpec resolved = recordedStem != null && spec.isResNet() ? spec.withStem(recordedStem)
                    : spec.forImageSize(Math.min(height, width));
            EmbeddingNet net = new EmbeddingNet(resolved, channels, Math.min(height, width), classes);
            if (backbone.frozen()) {
                net.freezeBackbone();
            }
            return new RunNetwork(net, null, null);
        }
        TorchScriptBackbone imported = TorchScriptBackbone.load(torchScriptFile,
                training && !backbone.frozen(), device);
        try {
            Shape output = imported.probe(channels, height, width);
            EmbeddingNet net = EmbeddingNet.onImportedBackbone(spec, channels, classes, imported, output);
            if (backbone.frozen()) {
                net.freezeBackbone();
            }
            return new RunNetwork(net, imported, output);
        } catch (RuntimeException e) {
            imported.close();
            throw e;
        }
    }

    /** The network of a run as its config.json describes it. */
    public static RunNetwork forRun(RunManifest manifest, Path torchScriptFile, Device device,
            boolean training) {
        RunManifest.DataInfo data = manifest.data();
        return build(manifest.config(), data.channels(), data.height(), data.width(),
                manifest.model().classifierClasses(), manifest.model().stem(), torchScriptFile,
                device, training);
    }

    public EmbeddingNet net() {
        return net;
    }

    /** The stem a ResNet was built with, null for other models. */
    public String stem() {
        return net.spec().isResNet() ? net.spec().stem() : null;
    }

    /** What an imported backbone returns for one image, in words; null for built-in models. */
    public String importedOutput() {
        if (imported == null) {
            return null;
        }
        return importedOutput.dimension() == 4
                ? "a " + importedOutput.slice(1) + " feature map, then global average pooling"
                : importedOutput.get(1) + "-d vectors, used as they are";
    }

    @Override
    public void close() {
        if (imported != null) {
            imported.close();
        }
    }
}
