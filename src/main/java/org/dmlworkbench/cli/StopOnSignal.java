package org.dmlworkbench.cli;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.dmlworkbench.training.TrainingControl;

/**
 * Turns Ctrl-C / SIGTERM into a graceful stop: the JVM's shutdown hook asks the trainer to stop
 * and waits for it to write its checkpoint before the process exits.
 */
final class StopOnSignal {

    private static final long GRACE_SECONDS = 120;

    /** The training work, run on the calling thread. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws IOException;
    }

    private StopOnSignal() {}

    static <T> T runWith(TrainingControl control, Work<T> work) throws IOException {
        return runWith(control::stop, "finishing the current step and writing a checkpoint", work);
    }

    /**
     * Runs {@code work}; a signal calls {@code stop} and waits for the work to return.
     *
     * @param doing what stopping does, for the message ("writing a checkpoint")
     */
    static <T> T runWith(Runnable stop, String doing, Work<T> work) throws IOException {
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            System.err.println("\nstopping: " + doing + "...");
            stop.run();
            try {
                finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stop-training-on-signal");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return work.run();
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits on the latch released above
            }
        }
    }
}
