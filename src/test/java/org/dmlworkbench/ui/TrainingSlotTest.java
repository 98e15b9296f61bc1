package org.dmlworkbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrainingSlotTest {

    @Test
    void oneJobHoldsTheSlotUntilItGivesItBack() {
        TrainingSlot slot = new TrainingSlot();
        assertTrue(slot.take("the study 'a' (Study tab)"));
        assertFalse(slot.take("training run r (Training tab)"), "a second job must wait");
        assertEquals("the study 'a' (Study tab)", slot.holderProperty().get());
        slot.release("training run r (Training tab)");
        assertFalse(slot.isFree(), "only the holder gives the slot back");
        slot.release("the study 'a' (Study tab)");
        assertTrue(slot.isFree());
        assertTrue(slot.take("training run r (Training tab)"));
    }
}
