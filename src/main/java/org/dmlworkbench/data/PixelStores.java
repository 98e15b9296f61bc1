package org.dmlworkbench.data;

import java.util.List;

/** Operations across stores. */
final class PixelStores {

    private PixelStores() {}

    /** The images of every store in turn: bytes copied for memory, file lists joined for files. */
    static PixelStore concat(List<PixelStore> stores) {
        if (stores.stream().allMatch(store -> store instanceof MemoryPixels)) {
            return MemoryPixels.concat(stores.stream().map(store -> (MemoryPixels) store).toList());
        }
        if (stores.stream().allMatch(store -> store instanceof FilePixels)) {
            return FilePixels.concat(stores.stream().map(store -> (FilePixels) store).toList());
        }
        throw new IllegalArgumentException("cannot pool images held in memory with images read from files");
    }
}
