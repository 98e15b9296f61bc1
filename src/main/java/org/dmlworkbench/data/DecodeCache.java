package org.dmlworkbench.data;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decoded images kept for reuse, least recently used first out, within a budget of bytes: so a
 * collection far larger than memory streams from disk while a small one is decoded once.
 * Thread-safe.
 */
final class DecodeCache {

    /**
     * The default budget: a third of what Java may use, at most 1 GiB; the system property
     * {@code dmlwb.decodeCacheMb} sets it in MiB.
     */
    static long defaultBudget() {
        Long megabytes = Long.getLong("dmlwb.decodeCacheMb");
        if (megabytes != null && megabytes >= 0) {
            return megabytes << 20;
        }
        return Math.min(1L << 30, Runtime.getRuntime().maxMemory() / 3);
    }

    private final long budget;
    private final LinkedHashMap<Object, byte[]> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long used;

    DecodeCache(long budget) {
        this.budget = budget;
    }

    long budget() {
        return budget;
    }

    synchronized byte[] get(Object key) {
        return entries.get(key);
    }

    /** Keeps {@code value} unless it alone exceeds the budget, dropping the oldest to make room. */
    synchronized void put(Object key, byte[] value) {
        if (value.length > budget) {
            return;
        }
        byte[] old = entries.put(key, value);
        used += value.length - (old == null ? 0 : old.length);
        Iterator<Map.Entry<Object, byte[]>> oldest = entries.entrySet().iterator();
        while (used > budget && oldest.hasNext()) {
            Map.Entry<Object, byte[]> entry = oldest.next();
            if (entry.getKey().equals(key)) {
                continue;
            }
            used -= entry.getValue().length;
            oldest.remove();
        }
    }

    synchronized long used() {
        return used;
    }
}
