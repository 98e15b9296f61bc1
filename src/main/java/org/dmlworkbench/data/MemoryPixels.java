package org.dmlworkbench.data;

/** Pixels held in memory, channel-major, image after image: small sets and named sets. */
final class MemoryPixels implements PixelStore {

    private final byte[] pixels;
    private final int channels;
    private final int height;
    private final int width;
    private final int imageBytes;

    MemoryPixels(byte[] pixels, int channels, int height, int width) {
        this.pixels = pixels;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.imageBytes = channels * height * width;
    }

    static MemoryPixels concat(java.util.List<MemoryPixels> parts) {
        MemoryPixels first = parts.get(0);
        long total = parts.stream().mapToLong(part -> part.pixels.length).sum();
        byte[] joined = new byte[Math.toIntExact(total)];
        int at = 0;
        for (MemoryPixels part : parts) {
            if (part.imageBytes != first.imageBytes) {
                throw new IllegalArgumentException("only images of one size pool");
            }
            System.arraycopy(part.pixels, 0, joined, at, part.pixels.length);
            at += part.pixels.length;
        }
        return new MemoryPixels(joined, first.channels, first.height, first.width);
    }

    byte[] pixels() {
        return pixels;
    }

    @Override
    public int size() {
        return pixels.length / imageBytes;
    }

    @Override
    public void copyImage(int index, byte[] destination, int offset) {
        System.arraycopy(pixels, index * imageBytes, destination, offset, imageBytes);
    }

    @Override
    public Planes original(int index) {
        return Planes.ofBytes(pixels, index * imageBytes, channels, height, width);
    }

    @Override
    public PixelStore subset(int[] indices) {
        byte[] sub = new byte[Math.multiplyExact(indices.length, imageBytes)];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * imageBytes, sub, i * imageBytes, imageBytes);
        }
        return new MemoryPixels(sub, channels, height, width);
    }

    @Override
    public String fingerprint(int[] labels) {
        return Fingerprints.sha256(pixels, labels);
    }

    @Override
    public boolean readsFiles() {
        return false;
    }

    @Override
    public long memoryBytes() {
        return pixels.length;
    }
}
