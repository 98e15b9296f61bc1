package org.dmlworkbench.cli;

import static org.dmlworkbench.cli.BadInputContractTest.assertInputToFix;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad starting points on the command line: one sentence naming the file or run and what is
 * wrong, exit status 1, and no run folder written.
 */
class StartingWeightsCliTest {

    @TempDir
    static Path temp;

    /** Three classes of six 32x32 grey images. */
    static Path grey32;

    @BeforeAll
    static void writeImages() throws IOException {
        grey32 = temp.resolve("grey32");
        for (int c = 0; c < 3; c++) {
            Path folder = Files.createDirectories(grey32.resolve("class" + c));
            for (int i = 0; i < 6; i++) {
                BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_GRAY);
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        image.getRaster().setSample(x, y, 0, (x * (c + 1) + y * i) % 256);
                    }
                }
                ImageIO.write(image, "png", folder.resolve(i + ".png").toFile());
            }
        }
    }

    private static Path shipped(String name) throws Exception {
        return Path.of(StartingWeightsCliTest.class.getResource("/backbones/" + name).toURI());
    }

    /** train on {@code data} into a new folder with the extra options; asserts nothing was written. */
    private static CliRunner.Result trainRefused(String name, String data, String... extra) {
        Path out = temp.resolve(name);
        List<String> args = new ArrayList<>(List.of("train", "--data", data, "--epochs", "1",
                "--batch", "8", "--device", "cpu", "--out", out.toString()));
        args.addAll(List.of(extra));
        CliRunner.Result result = CliRunner.run(args.toArray(new String[0]));
        assertFalse(Files.exists(out), name + ": " + result.err());
        return result;
    }

    @Test
    void aFileThatIsNotTorchScriptIsRefusedByName() throws IOException {
        Path notes = Files.writeString(temp.resolve("notes.pt"), "my notes");
        assertInputToFix(trainRefused("not-torchscript", "sample", "--backbone", notes.toString()),
                "error: " + notes + " is not a TorchScript file PyTorch can load (");
    }

    @Test
    void aBackboneReturningNeitherVectorsNorAFeatureMapIsRefused() throws Exception {
        Path sequence = shipped("tiny_sequence_backbone.pt");
        assertInputToFix(trainRefused("sequence", "sample", "--backbone", sequence.toString()),
                "error: " + sequence + " returns a 3-d tensor of shape (1, 8, 784) for a (1, 1, 28,"
                        + " 28) input: neither vectors (batch, features) nor a feature map");
    }

    @Test
    void anImageSizeTheBackboneCannotTakeIsRefusedAtSetUp() throws Exception {
        Path vectors = shipped("tiny_vector_backbone.pt");
        assertInputToFix(trainRefused("size", grey32.toString(), "--backbone", vectors.toString()),
                "error: " + vectors + " cannot take 1-channel 32x32 images (");
        Path tiny = shipped("tiny_backbone.pt");
        assertInputToFix(trainRefused("expected-size", "sample", "--backbone", tiny.toString(),
                "--backbone-size", "224"), "error: " + tiny + " expects 224x224 images (--backbone-size"
                + " 224) but 'sample' gives 28x28; resize the images to 224 px");
        assertInputToFix(trainRefused("imagenet-grey", "sample", "--backbone", tiny.toString(),
                "--backbone-normalization", "imagenet"), "is for 3-channel colour images; the data has"
                + " 1 channel(s)");
    }

    @Test
    void optionsThatDoNotFitTogetherAreRefused() throws Exception {
        Path tiny = shipped("tiny_backbone.pt");
        assertInputToFix(trainRefused("freeze-alone", "sample", "--freeze-backbone"),
                "error: --freeze-backbone freezes a trained backbone; give it one with --init-from RUN"
                        + " or --backbone FILE.pt");
        assertInputToFix(trainRefused("two-models", "sample", "--backbone", tiny.toString(), "--model",
                "resnet18"), "error: --backbone FILE.pt is the whole backbone; --model shapes a built-in"
                + " model and cannot be given with it");
        assertInputToFix(trainRefused("two-starts", "sample", "--backbone", tiny.toString(),
                "--init-from", temp.toString()), "give --init-from RUN or --backbone FILE.pt, not both");
        assertInputToFix(trainRefused("not-a-run", "sample", "--init-from", grey32.toString()),
                "error: cannot start from --init-from " + grey32 + ": ");
    }

    @Test
    void infoCountsParametersSizeAndMultiplyAddsAtTheChosenInput() {
        CliRunner.Result result = CliRunner.run("info", "--model", "resnet50", "--image-size", "224",
                "--channels", "3", "--loss", "ms");
        assertEquals(0, result.exitCode(), result.err());
        // backbone 4,087,136,256 + embedding 2048 x 128 (docs/MODELS.md)
        assertTrue(result.out().contains("\"macs\": 4087398400"), result.out());
        assertTrue(result.out().contains("\"stem\": \"imagenet\""), result.out());
        // 23,508,032 + 2048 x 128 + 128
        assertTrue(result.out().contains("\"params\": 23770304"), result.out());
        assertTrue(result.out().contains("\"input\": [\n    3,\n    224,\n    224\n  ]"), result.out());
    }
}
