package org.dmlworkbench.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * One job trains a run folder at a time: an operating-system lock on {@code RUN/.lock}, taken by
 * a new run and by a resume before they write anything, and released when the job ends or its
 * process dies (kill -9 included, so a lock never outlives its owner). Within this process the
 * lock is re-entrant for the thread that holds it (a guided run trains its master, then its
 * student) and refused to any other thread (the window starting a second job on the same run).
 */
public final class RunLock implements AutoCloseable {

    static final String FILE_NAME = ".lock";

    /** Locks this process holds, by folder; guarded by itself. */
    private static final Map<Path, Holder> HELD = new HashMap<>();

    private static final class Holder {
        final Thread thread;
        final FileChannel channel;
        final FileLock lock;
        int count = 1;

        Holder(Thread thread, FileChannel channel, FileLock lock) {
            this.thread = thread;
            this.channel = channel;
            this.lock = lock;
        }
    }

    private final Path root;
    private boolean closed;

    private RunLock(Path root) {
        this.root = root;
    }

    /**
     * Takes the run's lock, creating the folder's lock file if needed.
     *
     * @throws IOException naming the folder when another job holds it
     */
    public static RunLock acquire(RunDirectory run) throws IOException {
        Path root = run.root();
        synchronized (HELD) {
            Holder holder = HELD.get(root);
            if (holder != null) {
                if (holder.thread != Thread.currentThread()) {
                    throw new IOException(root + " is being trained by another job of this program;"
                            + " wait for it to end or stop it, then try again");
                }
                holder.count++;
                return new RunLock(root);
            }
            Path file = root.resolve(FILE_NAME);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            if (lock == null) {
                String owner = owner(channel);
                channel.close();
                throw new IOException(root + " is being trained by another process" + owner
                        + "; wait for it to end or stop it, then try again");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + " since "
                    + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            HELD.put(root, new Holder(Thread.currentThread(), channel, lock));
            return new RunLock(root);
        }
    }

    /** True when some job (of this process or another) holds the run's lock now. */
    public static boolean isHeld(RunDirectory run) throws IOException {
        Path root = run.root();
        synchronized (HELD) {
            if (HELD.containsKey(root)) {
                return true;
            }
            Path file = root.resolve(FILE_NAME);
            if (!Files.isRegularFile(file)) {
                return false;
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ,
                    StandardOpenOption.WRITE)) {
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    return true;
                }
                lock.release();
                return false;
            }
        }
    }

    private static String owner(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(200);
            channel.read(buffer, 0);
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "" : " (" + text + ")";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (HELD) {
            if (closed) {
                return;
            }
            closed = true;
            Holder holder = HELD.get(root);
            if (holder == null || --holder.count > 0) {
                return;
            }
            HELD.remove(root);
            try {
                holder.lock.release();
            } finally {
                holder.channel.close();
            }
        }
    }
}
