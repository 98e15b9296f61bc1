package org.dmlworkbench.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Images read from their files when asked for, decoded (large ones subsampled to about three
 * times the model's size), converted to the set's channels and size, and kept in a
 * {@link DecodeCache}. Memory stays within the cache's budget however many files there are.
 */
final class FilePixels implements PixelStore {

    /** The files of one data set and how they are decoded, shared by its splits and subsets. */
    static final class Table {
        final List<ImageFolderReader.Entry> entries;
        final long[] sizes;
        final long[] modified;
        final ConversionPolicy policy;
        final DecodeCache cache;
        /**
         * Fingerprint by pixel content (as a set held in memory is), when the reader decoded the
         * whole set anyway; by the files' names, sizes and times when it streams.
         */
        volatile boolean fingerprintByContent;

        Table(List<ImageFolderReader.Entry> entries, ConversionPolicy policy, DecodeCache cache) {
            if (!policy.isComplete()) {
                throw new IllegalArgumentException("conversion policy not decided: " + policy.describe());
            }
            this.entries = List.copyOf(entries);
            this.policy = policy;
            this.cache = cache;
            sizes = new long[entries.size()];
            modified = new long[entries.size()];
            for (int i = 0; i < entries.size(); i++) {
                Path file = Path.of(entries.get(i).source());
                try {
                    sizes[i] = Files.size(file);
                    modified[i] = Files.getLastModifiedTime(file).toMillis();
                } catch (IOException | RuntimeException e) {
                    sizes[i] = -1;
                    modified[i] = -1;
                }
            }
        }
    }

    /** Which decoded form of which file a cache entry holds. */
    private record Key(Table table, int id, boolean original) {}

    private final Table table;
    private final int[] ids;

    FilePixels(Table table, int[] ids) {
        this.table = table;
        this.ids = ids;
    }

    /** Every file of {@code table}, in order. */
    static FilePixels all(Table table) {
        int[] ids = new int[table.entries.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
        }
        return new FilePixels(table, ids);
    }

    static FilePixels concat(List<FilePixels> parts) {
        Table table = parts.get(0).table;
        int total = 0;
        for (FilePixels part : parts) {
            if (part.table != table) {
                throw new IllegalArgumentException("only the splits of one data set pool");
            }
            total += part.ids.length;
        }
        int[] ids = new int[total];
        int at = 0;
        for (FilePixels part : parts) {
            System.arraycopy(part.ids, 0, ids, at, part.ids.length);
            at += part.ids.length;
        }
        return new FilePixels(table, ids);
    }

    int id(int index) {
        return ids[index];
    }

    String source(int index) {
        return table.entries.get(ids[index]).source();
    }

    @Override
    public int size() {
        return ids.length;
    }

    @Override
    public void copyImage(int index, byte[] destination, int offset) {
        byte[] pixels = evaluationBytes(ids[index]);
        System.arraycopy(pixels, 0, destination, offset, pixels.length);
    }

    private byte[] evaluationBytes(int id) {
        Key key = new Key(table, id, false);
        byte[] cached = table.cache.get(key);
        if (cached != null) {
            return cached;
        }
        byte[] pixels = ImageConversion.toPixels(decode(id), table.policy);
        table.cache.put(key, pixels);
        return pixels;
    }

    @Override
    public Planes original(int index) {
        int id = ids[index];
        Key key = new Key(table, id, true);
        byte[] cached = table.cache.get(key);
        if (cached != null) {
            return unpack(cached);
        }
        Planes planes = decode(id);
        table.cache.put(key, pack(planes));
        return planes;
    }

    /** Decodes file {@code id} into planes of the set's channels; a bad file names itself. */
    private Planes decode(int id) {
        ImageFolderReader.Entry entry = table.entries.get(id);
        int side = Math.max(table.policy.height(), table.policy.width());
        try (InputStream in = entry.opener().open()) {
            if (in == null) {
                throw new DataFormatException(entry.source(), "does not exist");
            }
            return ImageConversion.planes(ImageConversion.readImage(in, entry.source(), side),
                    table.policy.channels());
        } catch (IOException e) {
            throw new DataFormatException(entry.source(), "cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Decodes every image once on {@code workers} threads, keeping what fits in the cache and
     * reporting each file that cannot be decoded to {@code bad} (by position) instead of failing.
     */
    void decodeAll(int workers, IntConsumer done, java.util.function.BiConsumer<Integer, DataFormatException> bad) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, workers), runnable -> {
            Thread thread = new Thread(runnable, "image-decoder");
            thread.setDaemon(true);
            return thread;
        });
        try {
            AtomicInteger finished = new AtomicInteger();
            List<Future<?>> tasks = new ArrayList<>();
            for (int i = 0; i < ids.length; i++) {
                int index = i;
                tasks.add(pool.submit(() -> {
                    try {
                        evaluationBytes(ids[index]);
                    } catch (DataFormatException e) {
                        synchronized (bad) {
                            bad.accept(index, e);
                        }
                    }
                    done.accept(finished.incrementAndGet());
                }));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataFormatException(String.valueOf(table.entries.size()) + " images",
                    "were not all read: interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public PixelStore subset(int[] indices) {
        int[] sub = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            sub[i] = ids[indices[i]];
        }
        return new FilePixels(table, sub);
    }

    @Override
    public String fingerprint(int[] labels) {
        if (table.fingerprintByContent) {
            MessageDigest digest = Fingerprints.newDigest();
            for (int id : ids) {
                digest.update(evaluationBytes(id));
            }
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(labels.length * Integer.BYTES);
            buffer.asIntBuffer().put(labels);
            digest.update(buffer.array());
            return HexFormat.of().formatHex(digest.digest());
        }
        MessageDigest digest = Fingerprints.newDigest();
        digest.update(table.policy.describe().getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < ids.length; i++) {
            int id = ids[i];
            String line = table.entries.get(id).source() + "\t" + table.sizes[id] + "\t"
                    + table.modified[id] + "\t" + labels[i] + "\n";
            digest.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    @Override
    public boolean readsFiles() {
        return true;
    }

    @Override
    public long memoryBytes() {
        return table.cache.used();
    }

    /** Planes as bytes (rounded to whole values) with their shape in front: 4x less memory. */
    private static byte[] pack(Planes planes) {
        int plane = planes.height() * planes.width();
        byte[] packed = new byte[12 + planes.channels() * plane];
        java.nio.ByteBuffer.wrap(packed).putInt(planes.channels()).putInt(planes.height())
                .putInt(planes.width());
        for (int c = 0; c < planes.channels(); c++) {
            float[] values = planes.values()[c];
            for (int i = 0; i < plane; i++) {
                packed[12 + c * plane + i] = (byte) Math.max(0, Math.min(255, Math.round(values[i])));
            }
        }
        return packed;
    }

    private static Planes unpack(byte[] packed) {
        java.nio.ByteBuffer header = java.nio.ByteBuffer.wrap(packed);
        int channels = header.getInt();
        int height = header.getInt();
        int width = header.getInt();
        return Planes.ofBytes(packed, 12, channels, height, width);
    }
}
