package org.dmlworkbench.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shared loop on a one-weight linear model y = w.x + b fitted by SGD to y = 2 x1 - x2 + 1,
 * where every step can be followed by hand: the order of events, the positions they carry, a stop
 * and a resume that take exactly the steps an uninterrupted run takes.
 */
class TrainingLoopTest {

    private static final float[][] INPUTS = {{1, 0}, {0, 1}, {1, 1}, {2, 1}, {1, 2}, {3, 0}};
    /** Three batches of two rows per epoch; the second epoch takes them in reverse. */
    private static final TrainingLoop.Batches<int[]> BATCHES = new TrainingLoop.Batches<>() {
        @Override
        public List<int[]> epoch(int epoch) {
            List<int[]> batches = List.of(new int[] {0, 1}, new int[] {2, 3}, new int[] {4, 5});
            return epoch % 2 == 0 ? batches : List.of(batches.get(2), batches.get(1), batches.get(0));
        }

        @Override
        public int images(int[] batch) {
            return batch.length;
        }
    };

    @Test
    void eventsComeInOrderWithTheirPositionsAndTheEpochMeanOfItsSteps() throws Exception {
        try (Fixture fixture = new Fixture()) {
            List<String> events = new ArrayList<>();
            List<Float> losses = new ArrayList<>();
            TrainingLoop.Listener recorder = new TrainingLoop.Listener() {
                @Override
                public void beforeStep(long globalStep) {
                    events.add("before " + globalStep);
                }

                @Override
                public void afterStep(TrainingLoop.StepDone done) {
                    losses.add(done.loss());
                    events.add("step " + done.epoch() + "/" + done.step() + " of " + done.stepsPerEpoch()
                            + " at " + done.after().completedEpochs() + "," + done.after().stepInEpoch()
                            + "," + done.after().globalStep() + (done.lastOfEpoch() ? " last" : ""));
                }

                @Override
                public void afterEpoch(TrainingLoop.EpochDone done) {
                    double mean = losses.subList(losses.size() - 3, losses.size()).stream()
                            .mapToDouble(Float::doubleValue).average().orElseThrow();
                    assertEquals(mean, done.meanLoss(), 1e-6, "the epoch's mean step loss");
                    events.add("epoch " + done.epoch() + " next " + done.next());
                }
            };
            TrainingLoop.Ending ending = fixture.loop(new TrainingControl(), recorder)
                    .run(Checkpoint.Position.start(), 2);
            assertFalse(ending.stopped());
            assertEquals(new Checkpoint.Position(2, 0, 6, 0, 0), ending.position());
            assertEquals(List.of(
                    "before 0", "step 0/1 of 3 at 0,1,1", "before 1", "step 0/2 of 3 at 0,2,2",
                    "before 2", "step 0/3 of 3 at 0,3,3 last",
                    "epoch 0 next " + new Checkpoint.Position(1, 0, 3, 0, 0),
                    "before 3", "step 1/1 of 3 at 1,1,4", "before 4", "step 1/2 of 3 at 1,2,5",
                    "before 5", "step 1/3 of 3 at 1,3,6 last",
                    "epoch 1 next " + new Checkpoint.Position(2, 0, 6, 0, 0)), events);
            assertTrue(losses.get(5) < losses.get(0), "SGD lowered the loss: " + losses);
        }
    }

    @Test
    void aStopEndsBeforeTheNextStepAndAResumeFromThereTakesTheSameSteps() throws Exception {
        float[] uninterrupted;
        try (Fixture fixture = new Fixture()) {
            fixture.loop(new TrainingControl()).run(Checkpoint.Position.start(), 2);
            uninterrupted = fixture.parameters();
        }
        try (Fixture fixture = new Fixture()) {
            TrainingControl control = new TrainingControl();
            List<Checkpoint.Position> stops = new ArrayList<>();
            TrainingLoop.Listener stopAfterFourSteps = new TrainingLoop.Listener() {
                @Override
                public void afterStep(TrainingLoop.StepDone done) {
                    if (done.after().globalStep() == 4) {
                        control.stop();
                    }
                }

                @Override
                public void stopped(Checkpoint.Position position) {
                    stops.add(position);
                }
            };
            TrainingLoop.Ending ending = fixture.loop(control, stopAfterFourSteps)
                    .run(Checkpoint.Position.start(), 2);
            assertTrue(ending.stopped());
            assertEquals(List.of(ending.position()), stops, "the stop is reported once, where it ended");
            assertEquals(1, ending.position().completedEpochs());
            assertEquals(1, ending.position().stepInEpoch());
            assertEquals(4, ending.position().globalStep());

            TrainingLoop.Ending resumed = fixture.loop(new TrainingControl())
                    .run(ending.position(), 2);
            assertFalse(resumed.stopped());
            assertEquals(6, resumed.position().globalStep());
            assertArrayEquals(uninterrupted, fixture.parameters(), 0f,
                    "stopped and resumed = uninterrupted, to the bit");
        }
    }

    /** A linear model with fixed starting weights, its SGD trainer and squared-error step. */
    private static final class Fixture implements AutoCloseable {
        private final Model model = Model.newInstance("loop-test", Device.cpu());
        private final Trainer trainer;

        Fixture() {
            Linear linear = Linear.builder().setUnits(1).build();
            model.setBlock(linear);
            Shape input = new Shape(2, 2);
            linear.initialize(model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32, input);
            linear.getParameters().get("weight").getArray().set(new float[] {0.5f, 0.5f});
            linear.getParameters().get("bias").getArray().set(new float[] {0f});
            Optimizer sgd = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.05f)).build();
            trainer = TrainingLoop.newTrainer(model, Loss.l2Loss(), sgd, Device.cpu());
            trainer.initialize(input);
        }

        TrainingLoop<int[]> loop(TrainingControl control, TrainingLoop.Listener... listeners) {
            return new TrainingLoop<>(trainer, BATCHES, this::forwardBackward,
                    new GradientGuard("the gradients", ""), control, List.of(listeners));
        }

        private float forwardBackward(int[] batch, NDManager scope, int epoch, int step) {
            float[] x = new float[batch.length * 2];
            float[] y = new float[batch.length];
            for (int i = 0; i < batch.length; i++) {
                float[] row = INPUTS[batch[i]];
                x[2 * i] = row[0];
                x[2 * i + 1] = row[1];
                y[i] = 2 * row[0] - row[1] + 1;
            }
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDArray prediction = trainer.forward(new NDList(scope.create(x, new Shape(batch.length, 2))))
                        .singletonOrThrow().reshape(batch.length);
                NDArray loss = prediction.sub(scope.create(y)).square().mean();
                float value = loss.getFloat();
                collector.backward(loss);
                return value;
            }
        }

        float[] parameters() {
            float[] w = trainer.getModel().getBlock().getParameters().get("weight").getArray()
                    .toFloatArray();
            float b = trainer.getModel().getBlock().getParameters().get("bias").getArray().getFloat();
            return new float[] {w[0], w[1], b};
        }

        @Override
        public void close() {
            trainer.close();
            model.close();
        }
    }
}
