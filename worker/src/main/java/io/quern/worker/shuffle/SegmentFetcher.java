package io.quern.worker.shuffle;

import io.grpc.Context;
import io.grpc.StatusRuntimeException;
import io.quern.common.job.MapOutputLocation;
import io.quern.proto.SegmentChunk;
import io.quern.proto.SegmentRequest;
import io.quern.proto.ShuffleServiceGrpc;
import io.quern.worker.sort.CorruptSegmentException;
import io.quern.worker.sort.SegmentSink;
import io.quern.worker.sort.ShuffleMerger;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.ArrayList;

/**
 * Fetches one reduce partition from every map output, over the network from the worker that holds
 * it, a bounded number at a time. Each segment streams straight into the merger (memory or disk, as
 * its budget decides) and is checked against its length and CRC32. A failed fetch is retried with
 * back-off before the attempt gives up. Thread-safe.
 */
public final class SegmentFetcher {
    static final int ATTEMPTS = 3;
    private static final long FETCH_DEADLINE_MINUTES = 30;

    private final ShuffleClients clients;
    private final ExecutorService pool;

    public SegmentFetcher(ShuffleClients clients, ExecutorService pool) {
        this.clients = clients;
        this.pool = pool;
    }

    /** Fetches every map's segment of {@code partition} into {@code merger}; returns when all are in. */
    public void fetchAll(String jobId, int partition, List<MapOutputLocation> maps, int parallelism,
                         ShuffleMerger merger, FetchProgress progress) throws FetchFailedException, InterruptedException {
        ConcurrentLinkedQueue<MapOutputLocation> queue = new ConcurrentLinkedQueue<>(maps);
        AtomicReference<FetchFailedException> failure = new AtomicReference<>();
        List<Future<?>> loops = new ArrayList<>();
        int n = Math.min(parallelism, maps.size());
        for (int i = 0; i < n; i++) {
            loops.add(pool.submit(() -> {
                MapOutputLocation loc;
                while (failure.get() == null && !progress.cancelled() && (loc = queue.poll()) != null) {
                    try {
                        fetchWithRetry(jobId, partition, loc, merger, progress);
                    } catch (FetchFailedException e) {
                        failure.compareAndSet(null, e);
                    }
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : loops) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("fetch loop failed", e.getCause());
        } finally {
            for (Future<?> f : loops) {
                f.cancel(true);
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private void fetchWithRetry(String jobId, int partition, MapOutputLocation loc, ShuffleMerger merger,
                                FetchProgress progress) throws FetchFailedException {
        Exception last = null;
        for (int attempt = 0; attempt < ATTEMPTS && !progress.cancelled(); attempt++) {
            if (attempt > 0) {
                try {
                    TimeUnit.MILLISECONDS.sleep(200L << attempt); // back-off before a retry over the network
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new FetchFailedException(loc, "interrupted", e);
                }
            }
            try {
                fetchOnce(jobId, partition, loc, merger, progress);
                progress.segmentDone();
                return;
            } catch (StatusRuntimeException | IOException e) {
                last = e;
            }
        }
        if (progress.cancelled()) {
            return;
        }
        throw new FetchFailedException(loc, last == null ? "cancelled" : String.valueOf(last.getMessage()), last);
    }

    private void fetchOnce(String jobId, int partition, MapOutputLocation loc, ShuffleMerger merger,
                           FetchProgress progress) throws IOException {
        // A cancellable context, so that a stream abandoned half-way is cancelled, not leaked.
        Context.CancellableContext call = Context.current().withCancellation();
        Context previous = call.attach();
        try {
            stream(jobId, partition, loc, merger, progress);
        } finally {
            call.detach(previous);
            call.cancel(null);
        }
    }

    private void stream(String jobId, int partition, MapOutputLocation loc, ShuffleMerger merger,
                        FetchProgress progress) throws IOException {
        SegmentRequest request = SegmentRequest.newBuilder().setJobId(jobId).setMapIndex(loc.mapIndex())
                .setAttempt(loc.attempt()).setPartition(partition).build();
        Iterator<SegmentChunk> chunks = ShuffleServiceGrpc.newBlockingStub(clients.channel(loc.host(), loc.port()))
                .withDeadlineAfter(FETCH_DEADLINE_MINUTES, TimeUnit.MINUTES)
                .fetchSegment(request);
        if (!chunks.hasNext()) {
            throw new IOException("empty response");
        }
        SegmentChunk header = chunks.next();
        SegmentSink sink = merger.newSegment(header.getTotalLength());
        boolean committed = false;
        try {
            byte[] buf = write(sink, header, new byte[0], progress);
            while (chunks.hasNext()) {
                if (progress.cancelled()) {
                    throw new IOException("cancelled");
                }
                buf = write(sink, chunks.next(), buf, progress);
            }
            sink.commit(header.getCrc32());
            committed = true;
        } catch (CorruptSegmentException e) {
            throw new IOException("corrupt segment: " + e.getMessage(), e);
        } finally {
            if (!committed) {
                sink.abort();
            }
        }
    }

    private static byte[] write(SegmentSink sink, SegmentChunk chunk, byte[] buf, FetchProgress progress)
            throws IOException {
        int len = chunk.getData().size();
        if (len == 0) {
            return buf;
        }
        if (buf.length < len) {
            buf = new byte[len];
        }
        chunk.getData().copyTo(buf, 0);
        sink.write(buf, 0, len);
        progress.fetched(len);
        return buf;
    }
}
