package org.dmlworkbench.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LogDocMergePolicy;
import org.apache.lucene.index.SerialMergeScheduler;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Version;
import org.dmlworkbench.io.Json;
import org.dmlworkbench.io.OutputFolders;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.CancelledException;
import org.dmlworkbench.progress.ProgressListener;
import org.dmlworkbench.store.GalleryStore;
import org.dmlworkbench.store.StoreFiles;
import org.dmlworkbench.store.StoreVectors;

/**
 * Builds the Lucene HNSW index of a store into {@code STORE/hnsw.partial/}, then swaps it into
 * place and writes {@code hnsw.json} last: an interrupted build leaves the previous index (or
 * none) and exact search answers meanwhile. Rows are added in order, one document each (the
 * vector and its row number); the graph grows while they are added, and segments flushed on
 * the way (when the heap is small) are merged into one with a worker per core.
 */
public final class HnswBuilder {

    private static final String PARTIAL = StoreFiles.HNSW_FOLDER + StoreFiles.PARTIAL;

    private HnswBuilder() {}

    public static HnswManifest build(GalleryStore store, HnswParameters parameters,
            ProgressListener progress, Cancellation cancel) throws IOException {
        long start = System.nanoTime();
        Path folder = store.folder();
        Path partial = folder.resolve(PARTIAL);
        OutputFolders.deleteTree(partial);
        int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService mergeThreads = workers > 1 ? Executors.newFixedThreadPool(workers, r -> {
            Thread thread = new Thread(r, "hnsw-merge");
            thread.setDaemon(true);
            return thread;
        }) : null;
        try (FSDirectory directory = FSDirectory.open(partial);
                IndexWriter writer = new IndexWriter(directory, config(parameters, workers,
                        mergeThreads))) {
            StoreVectors vectors = store.vectors();
            int count = vectors.count();
            for (int row = 0; row < count; row++) {
                if ((row & 1023) == 0) {
                    if (cancel.isCancelled()) {
                        writer.rollback();
                        OutputFolders.deleteTree(partial);
                        throw new CancelledException();
                    }
                    progress.update("build HNSW index", row, count, "vectors");
                }
                Document document = new Document();
                document.add(new KnnFloatVectorField(HnswIndex.VECTOR_FIELD, vectors.row(row),
                        VectorSimilarityFunction.EUCLIDEAN));
                document.add(new NumericDocValuesField(HnswIndex.ROW_FIELD, row));
                writer.addDocument(document);
            }
            progress.update("build HNSW index", count, count, "vectors");
            progress.update("merge HNSW segments", 0, 1, "steps");
            writer.forceMerge(1);
            writer.commit();
            progress.update("merge HNSW segments", 1, 1, "steps");
        } finally {
            if (mergeThreads != null) {
                mergeThreads.shutdownNow();
            }
        }
        int segments;
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(partial))) {
            segments = reader.leaves().size();
        }
        Path manifestFile = folder.resolve(StoreFiles.HNSW_MANIFEST);
        Path target = folder.resolve(StoreFiles.HNSW_FOLDER);
        // The old manifest goes first: from here until the new one is written, no index is used.
        Files.deleteIfExists(manifestFile);
        OutputFolders.deleteTree(target);
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        HnswManifest manifest = new HnswManifest(HnswManifest.FORMAT, HnswManifest.storeKey(store),
                store.count(), store.dim(), "Apache Lucene " + Version.LATEST, "EUCLIDEAN",
                parameters.maxConn(), parameters.beamWidth(), parameters.efSearch(),
                (System.nanoTime() - start) / 1e9, folderBytes(target), segments,
                Instant.now().toString());
        Json.write(manifestFile, manifest);
        return manifest;
    }

    private static IndexWriterConfig config(HnswParameters parameters, int workers,
            ExecutorService mergeThreads) {
        KnnVectorsFormat format = new Lucene99HnswVectorsFormat(parameters.maxConn(),
                parameters.beamWidth(), workers, mergeThreads);
        IndexWriterConfig config = new IndexWriterConfig();
        config.setCodec(new Lucene912Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return format;
            }
        });
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        config.setUseCompoundFile(false);
        // One segment holds the whole graph when the heap allows: a merge rebuilds much of it.
        long heapMb = Runtime.getRuntime().maxMemory() >> 20;
        config.setRAMBufferSizeMB(Math.max(64, Math.min(1900, heapMb / 3)));
        config.setMergePolicy(new LogDocMergePolicy());
        config.setMergeScheduler(new SerialMergeScheduler());
        config.setCommitOnClose(false);
        return config;
    }

    static long folderBytes(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
