package org.dmlworkbench.model;

import java.util.List;
import java.util.Locale;

/**
 * Where a run's backbone weights start from and whether they train: random (the default), the
 * backbone of an earlier run ({@code --init-from}), or a TorchScript file ({@code --backbone});
 * a frozen backbone trains nothing and runs in inference mode, so only the embedding layer (and
 * the classifier) learn.
 *
 * @param initFrom run folder whose trained backbone is the starting point (same architecture and
 *     input channels; any data set), or null
 * @param torchScript TorchScript file of an imported backbone (the run keeps a copy), or null
 * @param frozen no gradients and inference mode for the backbone
 * @param inputSize the image size (px) an imported backbone expects; 0: the data's size
 * @param normalization "data" (the training set's own per-channel mean and std) or "imagenet"
 *     (mean 0.485, 0.456, 0.406 and std 0.229, 0.224, 0.225: what ImageNet-trained backbones saw)
 */
public record BackboneSpec(String initFrom, String torchScript, boolean frozen, int inputSize,
        String normalization) {

    public static final List<String> NORMALIZATIONS = List.of("data", "imagenet");
    public static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
    public static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

    /** Random initialisation, trained, normalised with the data's statistics. */
    public static final BackboneSpec RANDOM = new BackboneSpec(null, null, false, 0, "data");

    public BackboneSpec {
        initFrom = blankToNull(initFrom);
        torchScript = blankToNull(torchScript);
        normalization = normalization == null ? "data" : normalization.toLowerCase(Locale.ROOT);
        if (initFrom != null && torchScript != null) {
            throw new IllegalArgumentException("give --init-from RUN or --backbone FILE.pt, not both:"
                    + " each is a backbone to start from");
        }
        if (frozen && initFrom == null && torchScript == null) {
            throw new IllegalArgumentException("--freeze-backbone freezes a trained backbone; give"
                    + " it one with --init-from RUN or --backbone FILE.pt (a frozen random backbone"
                    + " would learn nothing)");
        }
        if (inputSize < 0 || inputSize > 4096) {
            throw new IllegalArgumentException("--backbone-size must be 0 (the data's size) or a size"
                    + " in px up to 4096, got " + inputSize);
        }
        if (inputSize > 0 && torchScript == null) {
            throw new IllegalArgumentException("--backbone-size is the input size of an imported"
                    + " backbone; it needs --backbone FILE.pt");
        }
        if (!NORMALIZATIONS.contains(normalization)) {
            throw new IllegalArgumentException("unknown input normalisation '" + normalization
                    + "'; choose data or imagenet");
        }
        if (!normalization.equals("data") && torchScript == null) {
            throw new IllegalArgumentException("--backbone-normalization " + normalization + " is the"
                    + " normalisation an imported backbone expects; it needs --backbone FILE.pt");
        }
    }

    public static BackboneSpec initFrom(String run, boolean frozen) {
        return new BackboneSpec(run, null, frozen, 0, "data");
    }

    public static BackboneSpec torchScript(String file, boolean frozen, int inputSize,
            String normalization) {
        return new BackboneSpec(null, file, frozen, inputSize, normalization);
    }

    public boolean isRandom() {
        return initFrom == null && torchScript == null;
    }

    public BackboneSpec withNormalization(String name) {
        return new BackboneSpec(initFrom, torchScript, frozen, inputSize, name);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
