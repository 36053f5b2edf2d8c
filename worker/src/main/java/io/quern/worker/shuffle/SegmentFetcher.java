package io.quern.worker.shuffle;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quern.common.job.MapOutputLocation;
import io.quern.common.security.ShuffleSecret;
import io.quern.proto.SegmentChunk;
import io.quern.proto.SegmentRequest;
import io.quern.proto.ShuffleServiceGrpc;
import io.quern.worker.sort.CorruptSegmentException;
import io.quern.worker.sort.SegmentSink;
import io.quern.worker.sort.ShuffleMerger;
import io.quern.worker.storage.DiskQuotaExceededException;
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
 * Fetches a reduce task's partitions from every map output, one segment per map and partition,
 * over the network from the worker that holds it, a bounded number at a time. Each segment streams
 * straight into the merger (memory or disk, as its budget decides) as the map side stored it,
 * compressed or not, and is checked against its length and CRC32. A failed fetch is retried with back-off before the attempt gives up.
 * Every request is signed with the job's shuffle secret ({@link ShuffleAuth}); a refusal of the
 * signature is never retried, and neither is a segment that this worker's disk quota has no room
 * for: the fault is here, not the map's. Thread-safe.
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

    /** One map's segment of one partition: what a fetch brings. */
    private record Segment(MapOutputLocation map, int partition) {}

    /**
     * Fetches every map's segment of each of {@code partitions} into {@code merger}; returns when all
     * are in. Partition by partition, each across all the maps, so that concurrent fetches go to
     * different workers.
     *
     * @throws FetchRefusedException when a worker refused a request's signature of {@code secret}
     * @throws DiskQuotaExceededException when a segment going to disk would exceed this worker's quota
     */
    public void fetchAll(String jobId, ShuffleSecret secret, List<Integer> partitions, List<MapOutputLocation> maps,
                         int parallelism, ShuffleMerger merger, FetchProgress progress)
            throws FetchFailedException, FetchRefusedException, DiskQuotaExceededException, InterruptedException {
        ConcurrentLinkedQueue<Segment> queue = new ConcurrentLinkedQueue<>();
        for (int partition : partitions) {
            for (MapOutputLocation map : maps) {
                queue.add(new Segment(map, partition));
            }
        }
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Future<?>> loops = new ArrayList<>();
        int n = Math.min(parallelism, queue.size());
        for (int i = 0; i < n; i++) {
            loops.add(pool.submit(() -> {
                Segment segment;
                while (failure.get() == null && !progress.cancelled() && (segment = queue.poll()) != null) {
                    try {
                        fetchWithRetry(jobId, secret, segment, merger, progress);
                    } catch (FetchFailedException | FetchRefusedException | DiskQuotaExceededException e) {
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
        if (failure.get() instanceof FetchRefusedException e) {
            throw e;
        }
        if (failure.get() instanceof FetchFailedException e) {
            throw e;
        }
        if (failure.get() instanceof DiskQuotaExceededException e) {
            throw e;
        }
    }

    private void fetchWithRetry(String jobId, ShuffleSecret secret, Segment segment, ShuffleMerger merger,
                                FetchProgress progress)
            throws FetchFailedException, FetchRefusedException, DiskQuotaExceededException {
        MapOutputLocation loc = segment.map();
        Exception last = null;
        for (int attempt = 0; attempt < ATTEMPTS && !progress.cancelled(); attempt++) {
            if (attempt > 0) {
                try {
                    TimeUnit.MILLISECONDS.sleep(200L << attempt); // back-off before a retry over the network
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new FetchFailedException(loc, segment.partition(), "interrupted", e);
                }
            }
            try {
                fetchOnce(jobId, secret, segment, merger, progress);
                progress.segmentDone();
                return;
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() == Status.Code.PERMISSION_DENIED) {
                    // The same signature would be refused again, and the map's output is not lost.
                    throw new FetchRefusedException(loc, segment.partition(), e.getStatus().getDescription());
                }
                last = e;
            } catch (DiskQuotaExceededException e) {
                throw e; // another try would find no more room
            } catch (IOException e) {
                last = e;
            }
        }
        if (progress.cancelled()) {
            return;
        }
        throw new FetchFailedException(loc, segment.partition(),
                last == null ? "cancelled" : String.valueOf(last.getMessage()), last);
    }

    private void fetchOnce(String jobId, ShuffleSecret secret, Segment segment, ShuffleMerger merger,
                           FetchProgress progress) throws IOException {
        // A cancellable context, so that a stream abandoned half-way is cancelled, not leaked.
        Context.CancellableContext call = Context.current().withCancellation();
        Context previous = call.attach();
        try {
            stream(jobId, secret, segment, merger, progress);
        } finally {
            call.detach(previous);
            call.cancel(null);
        }
    }

    private void stream(String jobId, ShuffleSecret secret, Segment segment, ShuffleMerger merger,
                        FetchProgress progress) throws IOException {
        MapOutputLocation loc = segment.map();
        byte[] mac = ShuffleAuth.sign(secret, jobId, loc.mapIndex(), loc.attempt(), segment.partition());
        SegmentRequest request = SegmentRequest.newBuilder().setJobId(jobId).setMapIndex(loc.mapIndex())
                .setAttempt(loc.attempt()).setPartition(segment.partition())
                .setMac(com.google.protobuf.ByteString.copyFrom(mac)).build();
        Iterator<SegmentChunk> chunks = ShuffleServiceGrpc.newBlockingStub(clients.channel(loc.host(), loc.port()))
                .withDeadlineAfter(FETCH_DEADLINE_MINUTES, TimeUnit.MINUTES)
                .fetchSegment(request);
        if (!chunks.hasNext()) {
            throw new IOException("empty response");
        }
        SegmentChunk header = chunks.next();
        if (header.getCompression() != merger.compression().id()) {
            throw new IOException("map output is stored with compression id " + header.getCompression()
                    + ", but the job's is " + merger.compression().confName());
        }
        SegmentSink sink = merger.newSegment(header.getTotalLength(), header.getRawLength());
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
