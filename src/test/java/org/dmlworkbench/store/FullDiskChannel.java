package org.dmlworkbench.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A file channel that behaves like a disk with {@code room} bytes left (shared by every channel
 * made with the same counter): a write that does not fit writes what fits, then fails with the
 * operating system's "No space left on device".
 */
final class FullDiskChannel extends FileChannel {

    private final FileChannel file;
    private final AtomicLong room;

    private FullDiskChannel(FileChannel file, AtomicLong room) {
        this.file = file;
        this.room = room;
    }

    static StoreWriter.ChannelOpener opener(AtomicLong room) {
        return path -> new FullDiskChannel(FileChannel.open(path, StandardOpenOption.WRITE), room);
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
        long left = room.get();
        if (left <= 0) {
            throw new IOException("No space left on device");
        }
        if (source.remaining() > left) {
            ByteBuffer part = source.slice().limit((int) left);
            int written = file.write(part);
            source.position(source.position() + written);
            room.addAndGet(-written);
            throw new IOException("No space left on device");
        }
        int written = file.write(source);
        room.addAndGet(-written);
        return written;
    }

    @Override
    public int write(ByteBuffer source, long position) throws IOException {
        return file.write(source, position);
    }

    @Override
    public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            total += write(sources[i]);
        }
        return total;
    }

    @Override
    public int read(ByteBuffer target) throws IOException {
        return file.read(target);
    }

    @Override
    public long read(ByteBuffer[] targets, int offset, int length) throws IOException {
        return file.read(targets, offset, length);
    }

    @Override
    public int read(ByteBuffer target, long position) throws IOException {
        return file.read(target, position);
    }

    @Override
    public long position() throws IOException {
        return file.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        file.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return file.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        file.truncate(size);
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        file.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return file.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel source, long position, long count) throws IOException {
        throw new UnsupportedOperationException("not used by the store");
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return file.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return file.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return file.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        file.close();
    }

}
