package org.dmlworkbench.ui.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dmlworkbench.data.Augmentation;
import org.dmlworkbench.run.RunStatus;
import org.dmlworkbench.config.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Architecture form's input and starting-weight fields, read and written as the CLI options set them. */
class InputFieldTest {

    private static final Path TINY = Path.of("src/test/resources/backbones/tiny_backbone.pt").toAbsolutePath();
    private final TrainingConfig defaults = TrainingConfig.defaults();

    @TempDir
    Path temp;

    private String problem(InputField field, TrainingConfig config, String text) {
        return assertThrows(IllegalArgumentException.class, () -> field.write(config, text)).getMessage();
    }

    @Test
    void augmentationFieldsWriteWhatTheCliOptionsWouldAndReadBack() {
        TrainingConfig c = InputField.AUGMENTATION.write(defaults, "standard");
        c = InputField.CROP_SCALE.write(c, "0.2, 0.9");
        c = InputField.CROP_RATIO.write(c, "0.5 2");
        c = InputField.FLIP.write(c, "false");
        c = InputField.COLOR_JITTER.write(c, "0.4");
        c = InputField.IMAGE_SIZE.write(c, "64");
        assertEquals(new Augmentation("standard", 0.2, 0.9, 0.5, 2, false, 0.4), c.augment());
        assertEquals(64, c.imageSize());
        assertEquals("0.2, 0.9", InputField.CROP_SCALE.read(c));
        assertEquals("0.5, 2", InputField.CROP_RATIO.read(c));
        assertEquals("false", InputField.FLIP.read(c));
        assertEquals("standard", InputField.AUGMENTATION.read(c));

        assertTrue(problem(InputField.CROP_SCALE, c, "0.5").contains("two numbers"));
        assertTrue(problem(InputField.CROP_SCALE, c, "0.9, 0.2").contains("--crop-scale"));
        assertTrue(problem(InputField.AUGMENTATION, c, "heavy").contains("none or standard"));
        assertTrue(problem(InputField.IMAGE_SIZE, c, "2000").contains("--image-size"));
        assertTrue(problem(InputField.COLOR_JITTER, c, "x").contains("not a number"));
    }

    @Test
    void aBackboneFileMakesTheModelItsHeadAndClearingItReturnsToABuiltInModel() throws Exception {
        TrainingConfig withFile = InputField.BACKBONE_FILE.write(defaults, TINY.toString());
        assertTrue(withFile.model().isTorchScript());
        assertEquals(TINY.toString(), withFile.backbone().torchScript());
        assertEquals(defaults.model().embeddingDim(), withFile.model().embeddingDim());
        TrainingConfig frozen = InputField.FREEZE_BACKBONE.write(withFile, "true");
        assertTrue(frozen.backbone().frozen());

        TrainingConfig cleared = InputField.BACKBONE_FILE.write(frozen, "");
        assertFalse(cleared.model().isTorchScript());
        assertTrue(cleared.backbone().isRandom());
        assertFalse(cleared.backbone().frozen(), "nothing left to freeze");

        Path text = Files.writeString(temp.resolve("notes.pt"), "not a module");
        assertEquals("notes.pt is not a TorchScript file (torch.jit.save writes a zip archive)",
                problem(InputField.BACKBONE_FILE, defaults, text.toString()));
        assertTrue(problem(InputField.BACKBONE_FILE, defaults, temp.resolve("gone.pt").toString())
                .endsWith("gone.pt does not exist"));
        assertTrue(problem(InputField.FREEZE_BACKBONE, defaults, "true").contains("--freeze-backbone"));
    }

    @Test
    void initFromTakesATrainedRunAndNotTogetherWithABackboneFile() throws Exception {
        Path run = ConfigFieldTest.fakeRun(temp, "earlier", RunStatus.State.COMPLETED);
        TrainingConfig c = InputField.INIT_FROM.write(defaults, run.toString());
        assertEquals(run.toString(), c.backbone().initFrom());
        assertEquals(run.toString(), InputField.INIT_FROM.read(c));
        assertTrue(problem(InputField.BACKBONE_FILE, c, TINY.toString()).contains("not both"));
        assertTrue(problem(InputField.INIT_FROM, defaults, temp.resolve("nothing").toString())
                .startsWith("there is no folder"));
        Files.createDirectories(temp.resolve("plain"));
        assertTrue(problem(InputField.INIT_FROM, defaults, temp.resolve("plain").toString())
                .contains("not a run folder"));
        TrainingConfig frozen = InputField.FREEZE_BACKBONE.write(c, "true");
        assertFalse(InputField.INIT_FROM.write(frozen, " ").backbone().frozen());
    }
}
