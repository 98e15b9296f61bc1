package org.dmlworkbench.ui.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.dmlworkbench.data.DatasetNotFoundException;
import org.dmlworkbench.ui.UiErrors;
import org.junit.jupiter.api.Test;

/** The Data panel shows the first line of an engine error as its sentence and the rest as advice. */
class ErrorSentenceTest {

    @Test
    void aMultiLineMessageSplitsIntoSentenceAndAdvice() {
        DatasetNotFoundException missing = new DatasetNotFoundException("mnist",
                "Data set 'mnist' is not on this computer.\nPut these 4 files:\n    a.gz\ninto /data/mnist",
                List.of(Path.of("/data/mnist")), null);
        assertEquals("Data set 'mnist' is not on this computer.", UiErrors.describe(missing));
        assertEquals("Put these 4 files:\n    a.gz\ninto /data/mnist", UiErrors.details(missing));
    }

    @Test
    void aOneLineMessageHasNoAdviceAndWrappersAreSeenThrough() {
        RuntimeException wrapped = new RuntimeException(new UncheckedIOException(new NoSuchFileException("/x/y")));
        assertEquals("/x/y does not exist", UiErrors.describe(wrapped));
        assertEquals("", UiErrors.details(wrapped));
        assertEquals("IllegalStateException", UiErrors.describe(new IllegalStateException()));
    }
}
